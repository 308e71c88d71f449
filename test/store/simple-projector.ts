/**
 * A projector for store tests, standing in for the domain reducer: the status is the last event's type,
 * and a few payload fields (title, spoc, nextDeadline, agencies, closedOn) are picked up as they come.
 */
import { randomUUID } from 'node:crypto';
import type { JsonObject, NewCaseEvent, Projector } from '../../bot/store/case-store';
import { LEGAL_HOLD_RELEASED, LEGAL_HOLD_SET } from '../../bot/store/projection';

export const simpleProjector: Projector = (reference, events) => {
  let title = reference;
  let status = 'opened';
  let spoc: string | null = null;
  let nextDeadline: string | null = null;
  let closedOn: string | null = null;
  const agencies = new Set<string>();
  for (const e of events) {
    if (e.type === LEGAL_HOLD_SET || e.type === LEGAL_HOLD_RELEASED) continue;
    status = e.type;
    const p = e.payload;
    if (typeof p.title === 'string') title = p.title;
    if (typeof p.spoc === 'string') spoc = p.spoc;
    if (typeof p.nextDeadline === 'string' || p.nextDeadline === null) nextDeadline = p.nextDeadline;
    if (Array.isArray(p.agencies)) for (const a of p.agencies) if (typeof a === 'string') agencies.add(a);
    if (e.type === 'case-closed' && typeof p.closedOn === 'string') closedOn = p.closedOn;
    if (e.type === 'case-reopened') closedOn = null;
  }
  return { title, status, spoc, nextDeadline, agencies: [...agencies], closedOn };
};

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
