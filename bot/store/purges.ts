/**
 * The Purges port: retention. A closed case is kept `retentionYears` after its closure date and purged the
 * day after that period ends, unless it is on legal hold (a `legal-hold-set` event in its log, released by
 * `legal-hold-released`). A purge removes the case, its log, its records and files, and leaves a record
 * without personal data. One contract suite (test/store/purges.contract.test.ts) holds both adapters.
 */
import { addMonths, type IsoDate } from '../../shared/dates';
import type { CaseEvent } from './case-log';
import type { JsonObject } from './json';

/**
 * What a purge leaves behind: enough to answer "what happened to CT-2026-0007" and to keep the published
 * statistics of past years true (`facts`, as the summarizer wrote them), no personal data.
 */
export interface PurgeRecord {
  reference: string;
  closedOn: IsoDate;
  purgedAt: string;
  by: string;
  /** Non-personal facts the statistics count (dates, outcomes, counts), from `PurgeRequest.summarize`. */
  facts?: JsonObject;
}

export interface PurgeRequest {
  today: IsoDate;
  /** policy.retention.yearsAfterClosure */
  retentionYears: number;
  /** Text id of the officer or service running the purge. */
  by: string;
  /**
   * The non-personal facts to keep from a case's log before it goes (domain code, injected like the
   * projector). Must return no personal data: dates, outcomes and counts only.
   */
  summarize?: (events: readonly CaseEvent[]) => JsonObject;
}

export interface Purges {
  /** Purges closed cases past retention that are not on hold; returns what it purged. */
  purgeExpired(request: PurgeRequest): Promise<PurgeRecord[]>;
  purgeLog(): Promise<PurgeRecord[]>;
}

/** True when the retention period of a case closed on `closedOn` has passed by `today`. */
export function retentionPassed(closedOn: IsoDate, today: IsoDate, retentionYears: number): boolean {
  return addMonths(closedOn, 12 * retentionYears) < today;
}

/**
 * The latest closure date that can have passed retention by `today`: adapters select closed cases up
 * to it with an indexed query, then check each with `retentionPassed` (29 February makes the bound
 * one day loose).
 */
export function purgeCandidatesUpTo(today: IsoDate, retentionYears: number): IsoDate {
  return addMonths(today, -12 * retentionYears);
}
