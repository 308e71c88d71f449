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
  type DocumentKind,
  type Deadline,
  type PublishedStatistics,
  type SecondReportPrompt,
  type ThresholdAssessment,
} from '../../shared';

/** Cases: the list, a new application, one case with its clocks, recording an event, the statistics. */

export const rag = z.enum(['red', 'amber', 'green', 'none']);

/** Cases visible to the signed-in person; no `status` means every status, `open` every case not closed. */
export const caseListQuery = z.object({
  status: z.enum(['open', ...caseStatuses] as [string, ...string[]]).optional(),
  spoc: z.string().max(100).optional(),
  agency: z.string().max(40).optional(),
  /**
   * A case reference, forgiving case and spacing (`CT-2026-0007`, `ct 2026 7` or `2026-7`); for the SPOC
   * and managers also the victim's or applicant's name, address or postcode (issue 15; audited).
   */
  q: z.string().trim().max(100).optional(),
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

/** What POST /api/cases answers: 201 for a new case, 200 with `alreadyRecorded` for a retry. */
export interface OpenedCase {
  caseId: string;
  reference: string;
  alreadyRecorded: boolean;
}

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

/** What POST /api/cases/{caseId}/events answers: 201 recorded, 200 `alreadyRecorded` for a retry. */
export interface RecordedEvent {
  version: number;
  status: CaseState['status'];
  alreadyRecorded: boolean;
}

/** What "Remind now" answers: how many people the reminder reached. */
export interface Reminded {
  sent: number;
}

export interface CaseFileInfo {
  fileId: string;
  name: string;
  contentType: string;
  kind: string;
  createdAt: string;
  size: number;
  /** Who stored it: a person's or a service's id, named in `people`. */
  addedBy: string;
  /** Issue 15: a document added by hand: its kind, description and who else may read it. */
  documentKind?: DocumentKind;
  description?: string;
  sharedWithPanel?: boolean;
  agencyId?: string;
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
  can: {
    record: string[];
    remind: boolean;
    seeAccessLog: boolean;
    legalHold: boolean;
    /** Issue 15: add a document (officers; an agency on the case, for itself); share it with the panel (officers). */
    addDocument: boolean;
    shareWithPanel: boolean;
  };
}

const periodShape = { from: isoDate.optional(), to: isoDate.optional() };
function periodChecks(q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (q.from && q.to && q.to < q.from)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `the period ends (${q.to}) before it starts (${q.from}); give an end on or after the start`,
    });
  if (q.from && q.to && Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) > 20)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'a period is at most 20 years long' });
}

/** A statistics period: both ends real dates, the end not before the start, at most 20 years long. */
export const statisticsQuery = z.object(periodShape).superRefine(periodChecks);

/** The CSV tables, one a file (issue 15): the year's figures with their cases, or the figures by month. */
export const statisticsTable = z.enum(['figures', 'months']);
export type StatisticsTable = z.infer<typeof statisticsTable>;
export const statisticsCsvQuery = z
  .object({ ...periodShape, table: statisticsTable.optional() })
  .superRefine(periodChecks);

export type StatisticsResponse = PublishedStatistics;
