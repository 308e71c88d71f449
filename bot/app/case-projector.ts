import { londonDate, nextDeadline, reduceCase, type CaseEvent, type Policy } from '../../shared';
import type { CaseEvent as StoredEvent, ProjectedCase, Projector } from '../store/case-store';

/** The store's events as the rules module reads them. */
export function toCaseEvents(events: readonly StoredEvent[]): CaseEvent[] {
  return events.map(
    (e) => ({ id: e.id, type: e.type, actor: e.actor, at: e.at, payload: e.payload }) as CaseEvent,
  );
}

/**
 * The projection lists read, from the rules: status, SPOC, agencies and the soonest duty's due date (a date
 * that does not depend on today, so a stored projection stays true until the next event).
 */
export function caseProjector(policy: Policy, now: () => Date): Projector {
  return (reference, events): ProjectedCase => {
    const state = reduceCase(toCaseEvents(events), policy);
    const next = nextDeadline(state, policy, londonDate(now()));
    return {
      title: state.title ?? reference,
      status: state.status,
      spoc: state.spoc,
      nextDeadline: next?.dueOn ?? null,
      agencies: state.agencies,
      closedOn: state.closed?.closedOn ?? null,
    };
  };
}
