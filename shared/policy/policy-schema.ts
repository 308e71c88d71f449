import { z } from 'zod';

/**
 * A council's case review procedure as data. Everything that differs between councils lives here; what the
 * Act fixes (the count test cannot be switched off or set above three, s.104(4)) is enforced by the schema.
 */

export const dayUnit = z.enum(['working-days', 'calendar-days']);
export type DayUnit = z.infer<typeof dayUnit>;

export const windowUnit = z.enum(['calendar-months', 'calendar-days', 'working-days']);
export type WindowUnit = z.infer<typeof windowUnit>;

export const windowSchema = z.strictObject({
  amount: z.int().min(1).max(366),
  unit: windowUnit,
});
export type Window = z.infer<typeof windowSchema>;

/** The events a clock can run from. */
export const clockAnchor = z.enum([
  'application-received',
  'threshold-decided',
  'threshold-met-letter-sent',
  'returns-requested',
  'review-held',
  'outcome-sent',
  'appeal-lodged',
  'appeal-heard',
]);
export type ClockAnchor = z.infer<typeof clockAnchor>;

export const clockSchema = z.strictObject({
  amount: z.int().min(1).max(365),
  unit: dayUnit,
  from: clockAnchor,
});
export type Clock = z.infer<typeof clockSchema>;

/** The five grounds the product knows by name; a policy may list them by code and take their wording. */
export const exclusionCode = z.enum([
  'cps-decision',
  'court-decision',
  'service-complaint',
  'officer-conduct',
  'vexatious',
]);
export type ExclusionCode = z.infer<typeof exclusionCode>;

const slug = (max: number) =>
  z
    .string()
    .regex(
      new RegExp(`^[a-z0-9][a-z0-9-]{0,${max - 1}}$`),
      `use lower-case letters, digits and hyphens, at most ${max} characters`,
    );

/**
 * A ground on which this council refuses an application (East Herts s.9, Erewash's "prejudicial,
 * discriminatory, malicious, unreasonable or vexatious"), in the council's own words.
 */
export const exclusionGroundSchema = z.strictObject({
  id: slug(40),
  /** Short, for the application form's tick box: "Review of a CPS decision". */
  label: z.string().trim().min(1).max(120),
  /** The sentence the CT3 letter and the advisory reasons use to explain the refusal. */
  letterText: z.string().trim().min(1).max(1000),
});
export type ExclusionGround = z.infer<typeof exclusionGroundSchema>;

/** The product's wording for the named grounds, used when a policy lists a ground by its code. */
export const standardExclusionGrounds: Record<ExclusionCode, ExclusionGround> = {
  'cps-decision': {
    id: 'cps-decision',
    label: 'Review of a CPS decision',
    letterText:
      "The application asks for a review of a Crown Prosecution Service decision on prosecution; that goes to the CPS's own review process, not a case review.",
  },
  'court-decision': {
    id: 'court-decision',
    label: 'Dissatisfaction with a court decision',
    letterText:
      'The application is about dissatisfaction with a decision of a civil or criminal court, which a case review cannot change.',
  },
  'service-complaint': {
    id: 'service-complaint',
    label: 'Service complaint only',
    letterText:
      "The complaint is about service provision only; it belongs in the agency's complaints procedure, then the Ombudsman.",
  },
  'officer-conduct': {
    id: 'officer-conduct',
    label: "One officer's conduct",
    letterText:
      "The complaint is about the conduct of one officer; it belongs in that agency's complaints procedure (for the police, then the IOPC).",
  },
  vexatious: {
    id: 'vexatious',
    label: 'Vexatious, malicious or discriminatory',
    letterText: 'The application has been judged vexatious, malicious or discriminatory.',
  },
};

export const agencyKind = z.enum(['council', 'police', 'health', 'housing', 'pcc', 'fire', 'other']);
export type AgencyKind = z.infer<typeof agencyKind>;

export const agencySchema = z.strictObject({
  id: slug(40),
  name: z.string().min(1).max(120),
  kind: agencyKind,
  /**
   * One of the policy's relevant bodies (s.105: council, police, health, co-opted social housing providers;
   * East Herts s.6 lists its own). Whether it counts toward the panel minimum is `panel.quorumBodies`.
   */
  relevantBody: z.boolean(),
});
export type Agency = z.infer<typeof agencySchema>;

export const appealRoute = z.enum(['internal-manager', 'neighbouring-csp', 'pcc']);
export type AppealRoute = z.infer<typeof appealRoute>;

export const policySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'use lower-case letters, digits and hyphens'),
    name: z.string().min(1),
    council: z.string().min(1),
    notes: z.string().optional(),
    threshold: z.strictObject({
      /** s.104(4): at least this many qualifying complaints meets the threshold. At most 3; always on. */
      count: z.strictObject({
        qualifyingComplaints: z
          .int()
          .min(1)
          .max(3, 's.104(4) and the Explanatory Notes: the local number can be no higher than three'),
      }),
      /** A complaint qualifies when made within this window of the behaviour (s.104(11): one month). */
      reportWindow: windowSchema,
      /** ...and the application is made within this window of the complaint (s.104(11): six months). */
      lookBack: windowSchema,
      diarySheetsCount: z.boolean(),
      hate: z.strictObject({
        enabled: z.boolean(),
        incidents: z.int().min(1).max(3),
        lookBack: windowSchema,
      }),
      community: z.strictObject({
        enabled: z.boolean(),
        /** Distinct individuals or households reporting the same issue. */
        reporters: z.int().min(2).max(20),
        lookBack: windowSchema,
      }),
      seniorManagerOverride: z.strictObject({
        enabled: z.boolean(),
        /** Who may override, for the record (e.g. "Community Safety Manager or above"). */
        eligibleRoles: z.array(z.string().min(1)),
      }),
    }),
    /**
     * The grounds on which this council refuses an application; each makes it ineligible with the ground's
     * own words. A named code (e.g. "cps-decision") takes the product's wording.
     */
    exclusions: z
      .array(z.union([exclusionCode, exclusionGroundSchema]))
      .max(30)
      .transform((grounds) =>
        grounds.map((g) => (typeof g === 'string' ? { ...standardExclusionGrounds[g] } : g)),
      ),
    clocks: z.strictObject({
      acknowledgement: clockSchema,
      thresholdDecision: clockSchema,
      /** The applicant's window to ask for a review of a "not met" decision (form CT3a). */
      thresholdReviewRequest: clockSchema,
      agencyReturn: clockSchema,
      victimContact: clockSchema,
      /** Optional: hold the panel within this time (some councils: 15-28 WD from receipt). */
      panelMeeting: clockSchema.nullable(),
      outcome: clockSchema,
      minutes: clockSchema,
      /** Optional: the applicant's window to appeal the review's outcome. */
      appealWindow: clockSchema.nullable(),
      appealHearing: clockSchema,
      appealDecision: clockSchema,
    }),
    thresholdReview: z.strictObject({
      /** Who reviews a "not met" decision when the applicant asks (CT3a). */
      reviewer: z.enum(['neighbouring-authority-peer', 'pcc', 'internal-manager']),
      /** Crime and Policing Bill: a PCC route to review "not met" decisions. */
      pccReviewOfNotMet: z.boolean(),
    }),
    appeals: z.strictObject({
      route: appealRoute,
      hearer: z.string().min(1),
      independentRepresentative: z.boolean(),
    }),
    panel: z.strictObject({
      minimumDistinctBodies: z.int().min(1).max(10),
      /**
       * The agencies whose representatives make up the minimum (East Herts s.12 names four); when absent,
       * the relevant bodies. Others are welcome at the panel but do not count.
       */
      quorumBodies: z.array(slug(40)).max(30).optional(),
      chair: z.enum(['independent-neighbouring-authority', 'independent', 'council-manager']),
      /** Where an independent chair comes from: the neighbouring authorities, by name (East Herts s.12). */
      chairSources: z.array(z.string().trim().min(1).max(200)).max(40).default([]),
      /** Who chairs when an independent chair is not practicable (East Herts s.12). */
      chairFallback: z.array(z.string().trim().min(1).max(200)).max(10).default([]),
    }),
    /**
     * Duties the council switches on or off. The 2025 statutory guidance: consult the victim on the action
     * plan before it is final; tell the victim when and why the case will close. East Herts s.11: a third
     * party who applied is acknowledged (CT2) as well as the victim (CT1).
     */
    duties: z
      .strictObject({
        acknowledgeThirdParty: z.boolean(),
        consultVictimOnActionPlan: z.boolean(),
        closureNotice: z.boolean(),
      })
      .default({ acknowledgeThirdParty: true, consultVictimOnActionPlan: true, closureNotice: true }),
    /** The published figures (s.104(10)): which year they cover and how soon after its end they are due. */
    statistics: z
      .strictObject({
        year: z.enum(['financial', 'calendar']),
        publishWithin: windowSchema,
      })
      .default({ year: 'financial', publishWithin: { amount: 3, unit: 'calendar-months' } }),
    agencies: z.array(agencySchema).min(1),
    secondReportPrompt: z.strictObject({ enabled: z.boolean(), within: windowSchema }),
    repeatApplications: z.strictObject({
      requireMaterialChange: z.boolean(),
      refuseWhileActionsOpen: z.boolean(),
    }),
    retention: z.strictObject({ yearsAfterClosure: z.int().min(1).max(100) }),
    /**
     * Who sees what beyond the council's officers. The panel reviews the case together under the
     * information sharing agreement, so by default its members see every agency's return; a council whose
     * agreement says otherwise sets this false. Agencies never see the victim's contact details.
     */
    access: z.strictObject({ panelSeesAgencyReturns: z.boolean() }).default({ panelSeesAgencyReturns: true }),
    monitoring: z.strictObject({ group: z.string().min(1) }),
    supportServices: z.array(z.strictObject({ name: z.string().min(1), contact: z.string().min(1) })),
  })
  .superRefine((policy, ctx) => {
    const ids = new Set<string>();
    policy.agencies.forEach((agency, i) => {
      if (ids.has(agency.id))
        ctx.addIssue({
          code: 'custom',
          path: ['agencies', i, 'id'],
          message: `agency id "${agency.id}" is used twice`,
        });
      ids.add(agency.id);
    });
    const panel = policy.panel;
    const counted = panel.quorumBodies ?? policy.agencies.filter((a) => a.relevantBody).map((a) => a.id);
    panel.quorumBodies?.forEach((id, i) => {
      if (!ids.has(id))
        ctx.addIssue({
          code: 'custom',
          path: ['panel', 'quorumBodies', i],
          message: `"${id}" is not one of the policy's agencies; list the agency first, or correct the id`,
        });
      if (panel.quorumBodies!.indexOf(id) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['panel', 'quorumBodies', i],
          message: `"${id}" is listed twice`,
        });
    });
    if (new Set(counted).size < panel.minimumDistinctBodies)
      ctx.addIssue({
        code: 'custom',
        path: ['panel', 'minimumDistinctBodies'],
        message: `needs ${panel.minimumDistinctBodies} distinct bodies but the policy lists ${new Set(counted).size} that count toward it (panel.quorumBodies, or the relevant bodies)`,
      });
    if (panel.chair === 'independent-neighbouring-authority' && panel.chairSources.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['panel', 'chairSources'],
        message: 'list the neighbouring authorities an independent chair comes from, by name',
      });
    const own = new Set([policy.council, ...policy.agencies.map((a) => a.name)].map((n) => n.toLowerCase()));
    const sources = new Set<string>();
    panel.chairSources.forEach((name, i) => {
      const key = name.toLowerCase();
      if (own.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['panel', 'chairSources', i],
          message: `"${name}" is this policy's own council or agency, not a neighbouring authority`,
        });
      if (sources.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['panel', 'chairSources', i],
          message: `"${name}" is listed twice`,
        });
      sources.add(key);
    });
    const grounds = new Set<string>();
    policy.exclusions.forEach((g, i) => {
      if (grounds.has(g.id))
        ctx.addIssue({
          code: 'custom',
          path: ['exclusions', i],
          message: `the exclusion ground "${g.id}" is listed twice`,
        });
      grounds.add(g.id);
    });
  });

export type Policy = z.infer<typeof policySchema>;
/** A policy document as written (named exclusion codes, the defaults left out). */
export type PolicyInput = z.input<typeof policySchema>;
export type ClockName = keyof Policy['clocks'];
