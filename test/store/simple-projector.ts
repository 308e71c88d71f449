/**
 * A projector for store tests, standing in for the domain's fold: the status is the last event's type,
 * and a few payload fields (title, spoc, nextDeadline, agencies, closedOn) are picked up as they come.
 */
import { randomUUID } from 'node:crypto';
import type { JsonObject, NewCaseEvent, Projector } from '../../bot/store/case-log';
import { LEGAL_HOLD_RELEASED, LEGAL_HOLD_SET } from '../../bot/store/projection';

interface Simple {
  title: string | null;
  status: string;
  spoc: string | null;
  nextDeadline: string | null;
  closedOn: string | null;
  agencies: string[];
}

export const simpleProjector: Projector<Simple> = {
  initial: () => ({
    title: null,
    status: 'opened',
    spoc: null,
    nextDeadline: null,
    closedOn: null,
    agencies: [],
  }),
  evolve: (s, e) => {
    if (e.type === LEGAL_HOLD_SET || e.type === LEGAL_HOLD_RELEASED) return s;
    const p = e.payload;
    const agencies = Array.isArray(p.agencies)
      ? p.agencies.filter((a): a is string => typeof a === 'string')
      : [];
    return {
      title: typeof p.title === 'string' ? p.title : s.title,
      status: e.type,
      spoc: typeof p.spoc === 'string' ? p.spoc : s.spoc,
      nextDeadline:
        typeof p.nextDeadline === 'string' || p.nextDeadline === null ? p.nextDeadline : s.nextDeadline,
      closedOn:
        e.type === 'case-closed' && typeof p.closedOn === 'string'
          ? p.closedOn
          : e.type === 'case-reopened'
            ? null
            : s.closedOn,
      agencies: [...new Set([...s.agencies, ...agencies])],
    };
  },
  project: (reference, s) => ({
    title: s.title ?? reference,
    status: s.status,
    spoc: s.spoc,
    nextDeadline: s.nextDeadline,
    agencies: s.agencies,
    closedOn: s.closedOn,
  }),
};

/** An agency request record as an append writes it, asked for on 2 March 2026, due 9 March. */
export function requestRecord(requestId: string, agencyId = 'police') {
  return {
    requestId,
    agencyId,
    requestedAt: '2026-03-02T10:00:00.000Z',
    dueOn: '2026-03-09',
    status: 'requested' as const,
    returnedAt: null,
    late: false,
  };
}

let clockMs = Date.parse('2026-03-02T09:00:00.000Z');

/** An event with a fresh id; `at` advances a millisecond each time so order is visible. */
export function ev(type: string, payload: JsonObject = {}, id: string = randomUUID()): NewCaseEvent {
  clockMs += 1;
  return { id, type, actor: 'officer-1', at: new Date(clockMs).toISOString(), payload };
}

/** A store clock the test moves by hand. */
export class TestClock {
  constructor(private ms = Date.parse('2026-03-02T10:00:00.000Z')) {}
  readonly now = (): Date => new Date(this.ms);
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
  tick(ms = 1000): void {
    this.ms += ms;
  }
}
