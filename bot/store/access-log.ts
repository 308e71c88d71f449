/**
 * The AccessLog port: who looked at what, append-only. Every view of a case, every file downloaded, every
 * letter previewed and every search is one entry, as the best case systems promise (ECINS: "an immutable
 * audit of every view and edit"). Entries hold ids, never personal data: the person is their directory id,
 * the case its id and reference, the file its id and kind.
 *
 * Adapters: SQLite (a table whose triggers refuse UPDATE and DELETE) and SharePoint (a list the app only
 * ever adds to). One contract suite (test/store/access-log.contract.ts) holds both.
 */
import type { Page } from './paging';

export const accessActions = [
  'case-viewed',
  'file-downloaded',
  'letter-previewed',
  'return-viewed',
  'statistics-viewed',
  'cases-searched',
  'access-log-viewed',
  'subject-access-export',
] as const;
export type AccessAction = (typeof accessActions)[number];

export interface AccessEntry {
  /** The directory id of the person (or `bot`). */
  personId: string;
  action: AccessAction;
  caseId?: string;
  reference?: string;
  fileId?: string;
  /** Non-personal detail only: a file kind, a letter kind, a statistics period. */
  detail?: string;
}

export interface StoredAccessEntry extends AccessEntry {
  /** Unique, and sorts in the order the entries were written. */
  entryId: string;
  /** When the store took it (ISO instant). */
  at: string;
}

export interface AccessLogQuery {
  caseId?: string;
  personId?: string;
  /** 1..100; 50 when not given. */
  limit?: number;
  cursor?: string;
}

export interface AccessLog {
  record(entry: AccessEntry): Promise<void>;
  /** Newest first. */
  list(query?: AccessLogQuery): Promise<Page<StoredAccessEntry>>;
}
