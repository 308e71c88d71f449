/**
 * The Outbox port: the side effects of a write (a channel, cards, emails), stored with the write itself and
 * delivered after the answer by a worker (bot/app/outbox-worker.ts). An append that has side effects
 * carries `effects` (the names of the reactors to run); the store keeps them with the events, in the same
 * transaction (SQLite) or the same commit item (SharePoint), so a crash can lose neither without the other.
 *
 * One entry per append: its events, who made them, the effects still to deliver. A worker claims an entry
 * for a while (a lease, so a crashed worker's claim runs out), runs the effects not yet done, and settles
 * it: done, retried later with backoff, or failed for good. Each effect of an entry runs at most once
 * successfully; the reactors are idempotent, so a retry after a crash mid-effect repeats nothing visible.
 */
import type { CaseEvent } from './case-log';

export type OutboxStatus = 'pending' | 'done' | 'failed';

export interface OutboxEntry {
  /** The id of the append's first event: unique across the store. */
  entryId: string;
  caseId: string;
  eventIds: string[];
  /** The directory id of who made the change. */
  by: string;
  /** Reactor names to run, in order. */
  effects: string[];
  /** Those already delivered. */
  done: string[];
  status: OutboxStatus;
  /** Deliveries tried (claims made). */
  attempts: number;
  /** When it may next be claimed (a claim moves this to the end of its lease). */
  nextAttemptAt: string;
  /** The last failure, as `Name: message` (no case data). */
  lastError: string | null;
  createdAt: string;
}

/** A claimed entry carries what its reactors work from: the case's reference and the appended events. */
export interface ClaimedEntry extends OutboxEntry {
  reference: string;
  /** The entry's events as stored, in order. */
  events: CaseEvent[];
}

export interface OutboxSettlement {
  done: string[];
  status: OutboxStatus;
  nextAttemptAt: string;
  lastError: string | null;
}

export interface Outbox {
  /** Pending entries whose time has come (`nextAttemptAt <= now`), oldest first. */
  due(now: string, limit: number): Promise<OutboxEntry[]>;
  /**
   * Claims a due entry until `leaseUntil`, counting an attempt, with its events; null when it is not due
   * any more (another worker claimed or settled it) or its case is gone.
   */
  claim(entryId: string, now: string, leaseUntil: string): Promise<ClaimedEntry | null>;
  settle(entryId: string, settlement: OutboxSettlement): Promise<void>;
  /** A case's entries, oldest first (for the case view and tests). */
  forCase(caseId: string): Promise<OutboxEntry[]>;
}
