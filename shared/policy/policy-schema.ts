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

export const exclusionCode = z.enum([
  'cps-decision',
  'court-decision',
  'service-complaint',
  'officer-conduct',
  'vexatious',
]);
export type ExclusionCode = z.infer<typeof exclusionCode>;

export const agencyKind = z.enum(['council', 'police', 'health', 'housing', 'pcc', 'fire', 'other']);
export type AgencyKind = z.infer<typeof agencyKind>;

export const agencySchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'use lower-case letters, digits and hyphens, at most 40 characters'),
  name: z.string().min(1).max(120),
  kind: agencyKind,
  /** A relevant body under s.105 (council, police, health, co-opted social housing provider). */
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
    /** The exclusions this council applies; each makes an application ineligible, with a recorded reason. */
    exclusions: z.array(exclusionCode),
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
      chair: z.enum(['independent-neighbouring-authority', 'independent', 'council-manager']),
    }),
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
    const relevant = new Set(policy.agencies.filter((a) => a.relevantBody).map((a) => a.id));
    if (relevant.size < policy.panel.minimumDistinctBodies)
      ctx.addIssue({
        code: 'custom',
        path: ['panel', 'minimumDistinctBodies'],
        message: `needs ${policy.panel.minimumDistinctBodies} distinct relevant bodies but the policy lists ${relevant.size}`,
      });
  });

export type Policy = z.infer<typeof policySchema>;
export type ClockName = keyof Policy['clocks'];
