import { z } from 'zod';

/** Data protection: the retention report and sweep, legal holds, subject access, the access log. */

/** A manager sets or releases a legal hold, saying why; `requestId` makes a retry record it once. */
export const legalHoldSchema = z.strictObject({
  on: z.boolean(),
  reason: z.string().trim().min(3, 'say why (at least a few words)').max(2000),
  requestId: z.uuid(),
});
export type LegalHoldInput = z.infer<typeof legalHoldSchema>;

/** What setting or releasing a hold answers: 201 recorded, 200 `alreadyRecorded` for a retry. */
export interface LegalHoldSet {
  legalHold: boolean;
  alreadyRecorded: boolean;
}

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

/** What "Run the sweep now" answers: the cases it purged. */
export interface SweepResult {
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

export interface SubjectMatches {
  matches: SubjectMatch[];
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
