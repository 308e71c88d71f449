import { z } from 'zod';
import {
  applicationChannel,
  applicationSchema,
  caseStatuses,
  eventTypes,
  isoDate,
  partySchema,
  type CaseState,
  type ClockRecord,
  type Deadline,
  type Policy,
  type PublishedStatistics,
  type SecondReportPrompt,
  type ThresholdAssessment,
} from '../../shared';

/**
 * The HTTP API between the tab and the server: one definition. The server validates with these schemas and
 * publishes them as OpenAPI (/api/openapi.json); the tab imports the same schemas and types. This module is
 * isomorphic: no Node imports.
 */

export const roles = ['spoc', 'agency', 'panel', 'manager'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const personSchema = z.strictObject({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  email: z.email().optional(),
  roles: z.array(roleSchema).min(1),
  /** The agency a person works for: an agency member sees only cases their agency is on. */
  agencyId: z.string().min(1).max(40).optional(),
  /** Entra object id, to match a Teams SSO token or a Teams user to this person. */
  aadObjectId: z.string().optional(),
  /**
   * How requests and reminders reach them: in Teams (the case channel and chat), or by email with a link
   * to the signed-in return page, for partners who are not in the council's Teams.
   */
  notify: z.enum(['teams', 'email']).optional(),
});
export type Person = z.infer<typeof personSchema>;

export const directorySchema = z.strictObject({ people: z.array(personSchema).min(1) });

/** An error the tab shows beside what caused it: `path` names the field when there is one. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum([
      'invalid',
      'not-allowed',
      'conflict',
      'not-found',
      'unauthenticated',
      'forbidden',
      'internal',
    ]),
    message: z.string(),
    problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const rag = z.enum(['red', 'amber', 'green', 'none']);

/** Cases visible to the signed-in person; no `status` means every status, `open` every case not closed. */
export const caseListQuery = z.object({
  status: z.enum(['open', ...caseStatuses] as [string, ...string[]]).optional(),
  spoc: z.string().max(100).optional(),
  agency: z.string().max(40).optional(),
  /** A case reference, forgiving case and spacing: `CT-2026-0007`, `ct 2026 7` or `2026-7`. */
  q: z.string().max(40).optional(),
  /** `deadline` (default): overdue and soonest first; `newest`: newest case first. */
  sort: z.enum(['deadline', 'newest']).default('deadline'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

export interface NextDeadline {
  clock: string;
  label: string;
  dueOn: string;
  workingDaysLeft: number;
  overdue: boolean;
}

export interface CaseListItem {
  caseId: string;
  reference: string;
  title?: string;
  status: CaseState['status'];
  spoc: string;
  spocName: string;
  agencies: string[];
  receivedOn: string;
  nextDeadline?: NextDeadline;
  /** Red: overdue; amber: due within 2 working days; green: later; none: no running clock. */
  rag: z.infer<typeof rag>;
  /** Kept past retention until a manager releases it. */
  legalHold: boolean;
}

export interface CaseListPage {
  items: CaseListItem[];
  nextCursor?: string;
  /** The number of items on this page (lists page with a cursor; the whole list is not counted). */
  total: number;
}

/** A new application as the SPOC records it (tab or Outlook). `requestId` makes a retry create one case. */
export const newApplicationSchema = z.strictObject({
  requestId: z.uuid(),
  receivedVia: applicationChannel,
  application: applicationSchema,
  agencies: z.array(z.string().min(1).max(40)).max(30),
  parties: z.strictObject({ victim: partySchema, applicant: partySchema.optional() }).optional(),
  title: z.string().max(120).optional(),
  account: z.string().max(20_000).optional(),
  previousCase: z.string().max(40).optional(),
  materialChange: z.string().max(2000).optional(),
  spoc: z.string().max(100).optional(),
  source: z
    .strictObject({ kind: z.enum(['tab', 'outlook', 'bot']), emailId: z.string().max(500).optional() })
    .optional(),
});
export type NewApplication = z.infer<typeof newApplicationSchema>;

/**
 * Any case event, recorded by the signed-in person. `id` is chosen by the client (a UUID) so that a
 * retried request records nothing twice; the server sets the actor and the time.
 */
export const recordEventSchema = z.strictObject({
  id: z.uuid(),
  type: z.enum(eventTypes as [string, ...string[]]),
  payload: z.unknown(),
});
export type RecordEvent = z.infer<typeof recordEventSchema>;

export interface CaseFileInfo {
  fileId: string;
  name: string;
  contentType: string;
  kind: string;
  createdAt: string;
  size: number;
}

export interface CaseDetail {
  caseId: string;
  reference: string;
  version: number;
  state: CaseState;
  deadlines: Deadline[];
  clocks: ClockRecord[];
  assessment: ThresholdAssessment;
  secondReport?: SecondReportPrompt;
  files: CaseFileInfo[];
  /** Names for the people in the timeline, by id. */
  people: Record<string, string>;
  /**
   * On legal hold: kept past retention until a manager releases it; who set it, when and why (officers
   * only: the reason may name a claim).
   */
  legalHold: { on: boolean; since?: string; by?: string; reason?: string };
  /** What the signed-in person may do on this case (from the access policy). */
  can: { record: string[]; remind: boolean; seeAccessLog: boolean; legalHold: boolean };
}

export interface Me {
  person: Person;
  mode: 'local' | 'm365';
  policy: Policy;
  today: string;
}

/** What a partner's return page shows: one request of their own agency, nothing else of the case. */
export interface ReturnRequestView {
  caseId: string;
  reference: string;
  requestId: string;
  agencyId: string;
  agencyName: string;
  requestedOn: string;
  dueOn: string;
  incidents: { id: string; occurredOn: string; hate: boolean }[];
  returns: {
    receivedOn: string;
    late: boolean;
    submittedBy: string;
    incidents: unknown[];
    otherInformation?: string;
  }[];
}

export const submitReturnSchema = z.strictObject({
  /** Chosen by the page when it opens, so a double submit records one return. */
  id: z.uuid(),
  incidents: z
    .array(
      z.strictObject({
        incidentId: z.string().min(1).max(100),
        holdsRecord: z.boolean(),
        reference: z.string().max(100).optional(),
        reportedOn: isoDate.optional(),
        actionTaken: z.string().max(4000).optional(),
      }),
    )
    .max(200),
  otherInformation: z.string().max(20_000).optional(),
});
export type SubmitReturn = z.infer<typeof submitReturnSchema>;

/** An application recorded from an email in Outlook; the email's id makes it one case per email. */
export const emailApplicationSchema = newApplicationSchema.omit({ requestId: true, source: true }).extend({
  emailId: z.string().min(1).max(500),
  /** The original message (.eml, base64), kept with the case as evidence. */
  eml: z.base64().max(20_000_000).optional(),
  attachments: z
    .array(z.strictObject({ name: z.string().max(300), size: z.number().int().min(0) }))
    .max(100)
    .optional(),
});
export type EmailApplication = z.infer<typeof emailApplicationSchema>;

export interface OutboxMessage {
  id: string;
  to: string[];
  subject: string;
  sentAt: string;
  caseId?: string;
}

/** A statistics period: both ends real dates, the end not before the start, at most 20 years long. */
export const statisticsQuery = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `the period ends (${q.to}) before it starts (${q.from}); give an end on or after the start`,
      });
    if (q.from && q.to && Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) > 20)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'a period is at most 20 years long' });
  });

/** A manager sets or releases a legal hold, saying why; `requestId` makes a retry record it once. */
export const legalHoldSchema = z.strictObject({
  on: z.boolean(),
  reason: z.string().trim().min(3, 'say why (at least a few words)').max(2000),
  requestId: z.uuid(),
});
export type LegalHoldInput = z.infer<typeof legalHoldSchema>;

/** A subject access search: a name, an address or an email (every one given must match). */
export const subjectQuerySchema = z
  .strictObject({
    name: z.string().trim().min(2, 'give at least 2 letters of the name').max(200).optional(),
    address: z.string().trim().min(3, 'give at least 3 characters of the address').max(500).optional(),
    email: z.string().trim().min(3, 'give the email address').max(320).optional(),
  })
  .refine((q) => q.name || q.address || q.email, { message: 'search by a name, an address or an email' });
export type SubjectQuery = z.infer<typeof subjectQuerySchema>;

/** A closed case and the first day the retention sweep purges it. */
export interface UpcomingPurge {
  caseId: string;
  reference: string;
  title: string;
  spoc: string | null;
  closedOn: string;
  purgeOn: string;
  legalHold: boolean;
}

/** What a purge left: the reference and dates, who ran it; no personal data. */
export interface PurgedCase {
  reference: string;
  closedOn: string;
  purgedAt: string;
  by: string;
}

export interface RetentionReport {
  today: string;
  retentionYears: number;
  /** Closed cases, soonest purge first: the dry run (held cases are listed but not purged). */
  upcoming: UpcomingPurge[];
  /** What has been purged, oldest first. */
  purged: PurgedCase[];
}

/** A case that mentions the person searched for, and where. */
export interface SubjectMatch {
  caseId: string;
  reference: string;
  status: string;
  openedOn: string;
  closedOn: string | null;
  /** Where the person is mentioned, in words ("the victim's name", "an agency's return"). */
  found: string[];
  files: number;
}

/** Who looked at what (managers only): newest first, for one case or one person when asked. */
export const accessLogQuery = z.strictObject({
  caseId: z.string().min(1).max(100).optional(),
  personId: z.string().min(1).max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type AccessLogQuery = z.infer<typeof accessLogQuery>;

export interface AccessLogItem {
  entryId: string;
  at: string;
  personId: string;
  personName: string;
  action: string;
  caseId?: string;
  reference?: string;
  fileId?: string;
  detail?: string;
}

export interface AccessLogPage {
  items: AccessLogItem[];
  nextCursor?: string;
}
export type StatisticsResponse = PublishedStatistics;

/** The routes, for the typed client and the OpenAPI document. */
export const routes = {
  me: { method: 'GET', path: '/api/me' },
  people: { method: 'GET', path: '/api/local/people' },
  signIn: { method: 'POST', path: '/api/local/sign-in' },
  listCases: { method: 'GET', path: '/api/cases' },
  createCase: { method: 'POST', path: '/api/cases' },
  getCase: { method: 'GET', path: '/api/cases/{caseId}' },
  recordEvent: { method: 'POST', path: '/api/cases/{caseId}/events' },
  remindNow: { method: 'POST', path: '/api/cases/{caseId}/requests/{requestId}/remind' },
  getFile: { method: 'GET', path: '/api/cases/{caseId}/files/{fileId}' },
  statistics: { method: 'GET', path: '/api/statistics' },
  statisticsCsv: { method: 'GET', path: '/api/statistics.csv' },
  openapi: { method: 'GET', path: '/api/openapi.json' },
  myRequests: { method: 'GET', path: '/api/returns' },
  returnRequest: { method: 'GET', path: '/api/returns/{caseId}/{requestId}' },
  submitReturn: { method: 'POST', path: '/api/returns/{caseId}/{requestId}' },
  emailCase: { method: 'GET', path: '/api/outlook/email-case' },
  emailApplication: { method: 'POST', path: '/api/outlook/cases' },
  outbox: { method: 'GET', path: '/api/outbox' },
  accessLog: { method: 'GET', path: '/api/access-log' },
  retention: { method: 'GET', path: '/api/retention' },
  retentionSweep: { method: 'POST', path: '/api/retention/sweep' },
  legalHold: { method: 'POST', path: '/api/cases/{caseId}/legal-hold' },
  subjectAccessSearch: { method: 'POST', path: '/api/subject-access/search' },
  subjectAccessExport: { method: 'POST', path: '/api/subject-access/export' },
} as const;
