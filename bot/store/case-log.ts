/**
 * The CaseLog port: each case's event log with the projections written inline with every append (the
 * list row, the agency requests, the panel bookings). Two adapters implement it (SQLite embedded,
 * SharePoint lists through Graph) and one contract suite (test/store/case-log.contract.test.ts) holds
 * them to the same behaviour. Files, conversation references, reminder claims and purges are ports of
 * their own beside it (stores.ts).
 *
 * The store knows no domain rule: a Projector given at construction folds a case's events into the fields
 * lists and dashboards read, so the store can recompute (and repair) a projection by itself.
 */
import type { IsoDate } from '../../shared/dates';
import type { JsonObject } from './json';
import type { Page } from './paging';

export type { Json, JsonObject } from './json';
export type { Page } from './paging';
export {
  CaseNotFoundError,
  ConcurrencyError,
  IdConflictError,
  InvalidChangeError,
  StoreError,
} from './store-errors';

/** An event as the use case writes it. `id` makes a retried write idempotent. */
export interface NewCaseEvent {
  /**
   * Unique across the store (a UUID). Appending an id already stored on this case changes nothing (a
   * retry); an id stored on another case is refused with IdConflictError.
   */
  id: string;
  /** e.g. `application-received`, `threshold-decided`; the store does not interpret it. */
  type: string;
  /** A text id of the person or service that acted (never a display name). */
  actor: string;
  /** When it happened (ISO 8601 instant, as the use case says). */
  at: string;
  payload: JsonObject;
}

/** An event as stored: its case, its position in the log (1, 2, ...) and when the store took it. */
export interface CaseEvent extends NewCaseEvent {
  caseId: string;
  seq: number;
  recordedAt: string;
}

/** What the projector decides from the events. */
export interface ProjectedCase {
  /** Short, for lists; never the victim's name (e.g. "Noise, Example Road area" or the reference). */
  title: string;
  status: string;
  /** Text id of the single point of contact. */
  spoc: string | null;
  nextDeadline: IsoDate | null;
  /** Agency ids on the case; a partner agency's list shows the cases that name it. */
  agencies: string[];
  closedOn: IsoDate | null;
}

/** The row lists and dashboards read: the projector's fields plus what the store itself keeps. */
export interface CaseProjection extends ProjectedCase {
  caseId: string;
  /** `CT-2026-0007`: year of opening, a 4+ digit sequence per year; unique, never reused. */
  reference: string;
  openedOn: IsoDate;
  /** Set and released by `legal-hold-set` / `legal-hold-released` events; a case on hold is never purged. */
  legalHold: boolean;
  /** The number of events in the log; appends state the version they expect. */
  version: number;
  /** When the store recorded the last event (ISO instant). */
  updatedAt: string;
}

/**
 * The domain's fold, plugged in by the composition root (a simple one in tests), in the shape of an
 * emmett inline projection: the store folds each append's events into the case's state and asks
 * `project` for the list fields, so an append never re-reads or re-folds the log. `evolve` may change the
 * state it is given and return it: the store hands each state to one fold at a time and keeps it only
 * once the append is stored.
 */
export interface Projector<S = unknown> {
  /** The state before a case's first event. */
  initial(): S;
  evolve(state: S, event: CaseEvent): S;
  project(reference: string, state: S): ProjectedCase;
}

export type AgencyRequestStatus = 'requested' | 'returned' | 'withdrawn';

/** A request to a partner agency for its return (incident information) on a case. */
export interface AgencyRequest {
  requestId: string;
  caseId: string;
  agencyId: string;
  requestedAt: string;
  dueOn: IsoDate;
  status: AgencyRequestStatus;
  returnedAt: string | null;
  late: boolean;
}

export type PanelBookingStatus = 'pending' | 'booked' | 'cancelled';

/** A case review panel meeting as booked in a calendar. */
export interface PanelBooking {
  bookingId: string;
  caseId: string;
  /** The calendar's event id once the provider has answered. */
  providerEventId: string | null;
  /** Sent with the calendar request so a retried booking is not made twice. */
  transactionId: string;
  start: string;
  end: string;
  status: PanelBookingStatus;
}

/**
 * Records written with the events of one append (full records, not changes, so a replay after a crash
 * is idempotent). The last write of a record wins, in log order.
 */
export interface CaseRecords {
  agencyRequests?: Omit<AgencyRequest, 'caseId'>[];
  bookings?: Omit<PanelBooking, 'caseId'>[];
}

export interface CaseChange extends CaseRecords {
  /** At least one: every change to a case is in its log. */
  events: NewCaseEvent[];
  /**
   * The side effects of this change, by reactor name, kept with it in the Outbox (store/outbox.ts) and
   * delivered after the answer. The entry's id is the first event's id; `by` is its actor.
   */
  effects?: string[];
}

export interface NewCase extends CaseChange {
  /** Optional: give one to make a retried opening land on the same case. */
  caseId?: string;
  /** The date the application was received; its year is the reference's year. */
  openedOn: IsoDate;
}

export interface CaseOpened {
  caseId: string;
  reference: string;
  version: number;
  /** True when the opening was stored already (a retry): nothing new was written. */
  alreadyRecorded?: boolean;
}

export interface Appended {
  version: number;
  /** False when every event id was already stored (an idempotent retry). */
  appended: boolean;
}

export interface CaseRecord {
  projection: CaseProjection;
  events: CaseEvent[];
}

export interface CaseQuery {
  status?: string;
  spoc?: string;
  agencyId?: string;
  /** `open`: no closedOn; `closed`: closed (and not yet purged). */
  state?: 'open' | 'closed';
  /** A reference, exactly (case and spacing forgiven; `2026-7` finds `CT-2026-0007`). */
  reference?: string;
  /**
   * `newest` (default): newest case first. `deadline`: soonest next deadline first (so overdue cases lead),
   * cases with no running deadline last, newest first among equals.
   */
  orderBy?: 'newest' | 'deadline';
  /** 1..100; 25 when not given. */
  limit?: number;
  /** From the previous page's `next`. */
  cursor?: string;
}

export interface CaseLog {
  /** Opens a case: allocates its reference and stores its first events and records together. */
  createCase(input: NewCase): Promise<CaseOpened>;
  /**
   * Appends to a case's log if its version is still `expectedVersion`, else throws ConcurrencyError.
   * Appending events whose ids are already stored changes nothing and returns the current version.
   */
  append(caseId: string, expectedVersion: number, change: CaseChange): Promise<Appended>;
  /**
   * The case with its whole log, or null; repairs a projection left behind by a crash. `forAppend`: the
   * caller will append to it next (read, decide, append), so the adapter may read what that append needs
   * at the same time and keep it for it.
   */
  getCase(caseId: string, options?: { forAppend?: boolean }): Promise<CaseRecord | null>;
  findByReference(reference: string): Promise<CaseProjection | null>;
  listCases(query?: CaseQuery): Promise<Page<CaseProjection>>;

  /** What one agency has been asked for, soonest due first: a partner sees only its own. */
  agencyRequests(
    agencyId: string,
    options?: { outstandingOnly?: boolean; limit?: number; cursor?: string },
  ): Promise<Page<AgencyRequest>>;
  caseRequests(caseId: string): Promise<AgencyRequest[]>;
  caseBookings(caseId: string): Promise<PanelBooking[]>;
}
