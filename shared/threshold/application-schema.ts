import { z } from 'zod';
import { CASE_REVIEW_COMMENCEMENT } from '../commencement';
import { compareDates, isIsoDate } from '../dates';

/**
 * An ASB case review application as the threshold test needs it. The server and the tab parse with the
 * same schema, so every message is written for the council officer who will read it next to the field.
 */

export const MAX_INCIDENTS = 200;
export const MAX_REPORTS_PER_INCIDENT = 20;

/** zod gives a missing field `input === undefined`; a wrong type has some other input. */
function missingOr(missing: string, wrong: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? missing : wrong);
}

/**
 * isIsoDate, remembered: each date is checked by its field and again by the cross-field checks, and the
 * live preview re-parses the same dates on every keystroke. Bounded, so memory stays flat.
 */
const realDates = new Set<string>();
function isRealDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (realDates.has(value)) return true;
  if (!isIsoDate(value)) return false;
  if (realDates.size >= 4096) realDates.clear();
  realDates.add(value);
  return true;
}

function dateField(what: string) {
  return z
    .string({
      error: missingOr(
        `Enter ${what} (YYYY-MM-DD).`,
        `Enter ${what} as a date in the form YYYY-MM-DD, for example 2026-03-02.`,
      ),
    })
    .superRefine((value, ctx) => {
      if (!isRealDate(value))
        ctx.addIssue({
          code: 'custom',
          message: `"${value}" is not a real date; enter ${what} as YYYY-MM-DD, for example 2026-03-02.`,
        });
      else if (value < CASE_REVIEW_COMMENCEMENT)
        ctx.addIssue({
          code: 'custom',
          message: `${value} is before the case review came into force (20 October 2014, s.104); check the year of ${what}.`,
        });
    });
}

function yesNo(what: string) {
  return z.boolean({ error: `Say whether ${what}: true or false.` });
}

function choice<const T extends readonly string[]>(values: T, what: string) {
  const options = values.map((v) => `"${v}"`);
  const list = `${options.slice(0, -1).join(', ')}${options.length > 1 ? ' or ' : ''}${options.at(-1) ?? ''}`;
  return z.enum(values, { error: `Choose ${what}: ${list}.` });
}

function text(what: string, max: number) {
  return z
    .string({ error: missingOr(`Enter ${what}.`, `Enter ${what} as text.`) })
    .trim()
    .min(1, `Enter ${what}; it cannot be blank.`)
    .max(max, `Shorten ${what} to at most ${max} characters.`);
}

/** Strict, so a misspelt optional field (say `seniorManagerOveride`) is reported, not silently ignored. */
function section<S extends z.core.$ZodLooseShape>(what: string, shape: S) {
  const fields = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${issue.keys.map((k) => `"${k}"`).join(', ')} ${issue.keys.length === 1 ? 'is not a field' : 'are not fields'} of ${what}; check the spelling (the fields are ${fields}).`
        : `Fill in the details of ${what}.`,
  });
}

/**
 * Cross-field checks run even when other fields have errors, so the SPOC sees every problem at once; the
 * value may then be partly invalid, so they read it defensively.
 */
function runOnObjects(payload: { value: unknown }): boolean {
  return isRecord(payload.value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reportsOf(incident: { reports?: unknown }): unknown[] {
  return Array.isArray(incident.reports) ? incident.reports : [];
}

export const applicantRelationship = z.enum(['victim', 'third-party']);
export const victimKind = z.enum(['individual', 'business', 'community-group']);
export const reportKind = z.enum(['report', 'diary-sheet']);

/**
 * Who made a report, for the community route only: a pseudonymous reference for an individual or household
 * (for example "H-12"), never a name or email address, so the application carries no extra personal data.
 */
export const reporterId = z
  .string({ error: 'Enter the reporter reference as text, for example H-12.' })
  .regex(
    /^(?:[A-Za-z0-9][A-Za-z0-9_-]{0,63})?$/,
    'Use a pseudonymous reference for who made the report, such as H-12 (letters, digits, hyphens; at most 64 characters), not a name or email address.',
  );

export const reportSchema = section('a report', {
  /** An agency id from the policy (shown by its name) or free text for an agency the policy does not list. */
  agency: text('the agency the incident was reported to', 120),
  reportedOn: dateField('the date of the report'),
  reference: z
    .string({ error: 'Enter the report reference as text.' })
    .trim()
    .max(100, 'Shorten the reference to at most 100 characters.')
    .optional(),
  kind: choice(reportKind.options, 'the kind of report'),
  reportedBy: reporterId.optional(),
});
export type Report = z.infer<typeof reportSchema>;

export const incidentSchema = section('an incident', {
  id: text('an id for the incident', 64),
  occurredOn: dateField('the date the incident happened'),
  hate: yesNo('this was a hate incident or crime').optional(),
  reports: z
    .array(reportSchema, {
      error: 'List the reports of this incident (an empty list while you are entering them).',
    })
    .max(
      MAX_REPORTS_PER_INCIDENT,
      `An incident can list at most ${MAX_REPORTS_PER_INCIDENT} reports; keep the earliest report to each agency.`,
    ),
}).superRefine(
  (incident, ctx) => {
    // Here rather than on the application, so the check still runs while other incidents have errors.
    const occurred = incident.occurredOn;
    if (!isRealDate(occurred)) return;
    reportsOf(incident).forEach((report, r) => {
      const reported = isRecord(report) ? report.reportedOn : undefined;
      if (isRealDate(reported) && compareDates(reported, occurred) < 0)
        ctx.addIssue({
          code: 'custom',
          path: ['reports', r, 'reportedOn'],
          message: `The report is dated ${reported}, before the incident it reports (${occurred}); correct the report date or the incident date.`,
        });
    });
  },
  { when: runOnObjects },
);
export type Incident = z.infer<typeof incidentSchema>;

export const seniorManagerOverrideSchema = section("the senior manager's override", {
  by: text('the name of the senior manager who decided', 120),
  role: text("the senior manager's role", 120),
  reason: text('why a review is needed to safeguard the victim', 2000),
});
export type SeniorManagerOverride = z.infer<typeof seniorManagerOverrideSchema>;

export const applicationSchema = section('the application', {
  receivedOn: dateField('the date the application was received'),
  applicant: section('the applicant', {
    relationship: choice(applicantRelationship.options, 'who is applying'),
    consentGiven: yesNo("the victim has given consent to a third party's application"),
    anonymous: yesNo('the applicant wishes to remain anonymous'),
  }),
  victim: section('the victim', {
    kind: choice(victimKind.options, 'the kind of victim'),
    vulnerable: yesNo('the victim is vulnerable'),
  }),
  incidents: z
    .array(incidentSchema, { error: 'List the incidents (an empty list while you are entering them).' })
    .max(
      MAX_INCIDENTS,
      `An application can list at most ${MAX_INCIDENTS} incidents; leave out older or repeated ones.`,
    ),
  /** The ids of the policy's exclusion grounds that apply (checked against the policy when recorded). */
  exclusions: z
    .array(
      z
        .string({
          error: 'Give each exclusion as the id of one of the policy\'s grounds, for example "vexatious".',
        })
        .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, {
          error: (issue) =>
            `"${String(issue.input)}" is not an exclusion ground id; use the id of one of the policy's grounds, for example "vexatious".`,
        }),
      { error: 'List the exclusions that apply, or leave this out.' },
    )
    .max(30, 'An application can be marked with at most 30 exclusion grounds.')
    .optional(),
  seniorManagerOverride: seniorManagerOverrideSchema.optional(),
}).superRefine(
  (application, ctx) => {
    const incidents: unknown[] = Array.isArray(application.incidents) ? application.incidents : [];
    const firstIndex = new Map<string, number>();
    incidents.forEach((incident, i) => {
      const id = isRecord(incident) ? incident.id : undefined;
      if (typeof id !== 'string') return;
      const key = id.trim();
      const earlier = firstIndex.get(key);
      if (earlier === undefined) firstIndex.set(key, i);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['incidents', i, 'id'],
          message: `Incident id "${key}" is already used by incident ${earlier + 1} in the list; give each incident its own id.`,
        });
    });

    const received = application.receivedOn;
    if (!isRealDate(received)) return;
    const afterReceipt = (date: string, what: string) =>
      `${what} (${date}) is after the application was received (${received}); correct this date or the date the application was received.`;
    incidents.forEach((incident, i) => {
      if (!isRecord(incident)) return;
      if (isRealDate(incident.occurredOn) && compareDates(incident.occurredOn, received) > 0)
        ctx.addIssue({
          code: 'custom',
          path: ['incidents', i, 'occurredOn'],
          message: afterReceipt(incident.occurredOn, 'The incident date'),
        });
      reportsOf(incident).forEach((report, r) => {
        const reported = isRecord(report) ? report.reportedOn : undefined;
        if (isRealDate(reported) && compareDates(reported, received) > 0)
          ctx.addIssue({
            code: 'custom',
            path: ['incidents', i, 'reports', r, 'reportedOn'],
            message: afterReceipt(reported, 'The report date'),
          });
      });
    });
  },
  { when: runOnObjects },
);
export type Application = z.infer<typeof applicationSchema>;
export type ApplicationInput = z.input<typeof applicationSchema>;
