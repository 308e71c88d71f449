/** The SQLite rows the case-log adapters share, and how they become port types. */
import type {
  AgencyRequest,
  CaseEvent,
  CaseProjection,
  JsonObject,
  PanelBooking,
} from '../../store/case-log';

export interface CaseRow {
  case_id: string;
  reference: string;
  case_number: number;
  title: string;
  status: string;
  spoc: string | null;
  next_deadline: string | null;
  agencies: string;
  opened_on: string;
  closed_on: string | null;
  legal_hold: number;
  version: number;
  updated_at: string;
}

export interface EventRow {
  case_id: string;
  seq: number;
  event_id: string;
  type: string;
  actor: string;
  at: string;
  payload: string;
  recorded_at: string;
}

export interface RequestRow {
  request_id: string;
  case_id: string;
  agency_id: string;
  requested_at: string;
  due_on: string;
  status: AgencyRequest['status'];
  returned_at: string | null;
  late: number;
}

export interface BookingRow {
  booking_id: string;
  case_id: string;
  provider_event_id: string | null;
  transaction_id: string;
  start_at: string;
  end_at: string;
  status: PanelBooking['status'];
}

export const toProjection = (r: CaseRow): CaseProjection => ({
  caseId: r.case_id,
  reference: r.reference,
  title: r.title,
  status: r.status,
  spoc: r.spoc,
  nextDeadline: r.next_deadline,
  agencies: JSON.parse(r.agencies) as string[],
  openedOn: r.opened_on,
  closedOn: r.closed_on,
  legalHold: r.legal_hold === 1,
  version: r.version,
  updatedAt: r.updated_at,
});

export const toEvent = (r: EventRow): CaseEvent => ({
  caseId: r.case_id,
  seq: r.seq,
  id: r.event_id,
  type: r.type,
  actor: r.actor,
  at: r.at,
  payload: JSON.parse(r.payload) as JsonObject,
  recordedAt: r.recorded_at,
});

export const toRequest = (r: RequestRow): AgencyRequest => ({
  requestId: r.request_id,
  caseId: r.case_id,
  agencyId: r.agency_id,
  requestedAt: r.requested_at,
  dueOn: r.due_on,
  status: r.status,
  returnedAt: r.returned_at,
  late: r.late === 1,
});

export const toBooking = (r: BookingRow): PanelBooking => ({
  bookingId: r.booking_id,
  caseId: r.case_id,
  providerEventId: r.provider_event_id,
  transactionId: r.transaction_id,
  start: r.start_at,
  end: r.end_at,
  status: r.status,
});

export function caseParams(p: CaseProjection, number: number) {
  return {
    case_id: p.caseId,
    reference: p.reference,
    case_number: number,
    title: p.title,
    status: p.status,
    spoc: p.spoc,
    next_deadline: p.nextDeadline,
    agencies: JSON.stringify(p.agencies),
    opened_on: p.openedOn,
    closed_on: p.closedOn,
    legal_hold: p.legalHold ? 1 : 0,
    version: p.version,
    updated_at: p.updatedAt,
  };
}

export function eventParams(e: CaseEvent) {
  return {
    case_id: e.caseId,
    seq: e.seq,
    event_id: e.id,
    type: e.type,
    actor: e.actor,
    at: e.at,
    payload: JSON.stringify(e.payload),
    recorded_at: e.recordedAt,
  };
}
