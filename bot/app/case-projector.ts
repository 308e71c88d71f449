import {
  initialState,
  TransitionError,
  nextDeadline,
  type CaseEvent,
  type CaseState,
  type EventOf,
  type Policy,
} from '../../shared';
import { evolveInPlace } from '../../shared/case/evolve';
import type { CaseEvent as StoredEvent, ProjectedCase, Projector } from '../store/case-log';
import { londonToday } from './london-today';

/** The store's events as the rules module reads them. */
export function toCaseEvents(events: readonly StoredEvent[]): CaseEvent[] {
  return events.map(toCaseEvent);
}

export function toCaseEvent(e: StoredEvent): CaseEvent {
  return { id: e.id, type: e.type, actor: e.actor, at: e.at, payload: e.payload } as CaseEvent;
}

/**
 * The projection lists read, from the rules: status, SPOC, agencies and the soonest duty's due date (a date
 * that does not depend on today, so a stored projection stays true until the next event). The store keeps
 * each case's folded state and hands it to one fold at a time, so the fold may change it in place (no copy
 * of the state per event): the same fold `reduceCase` replays a log with.
 */
export function caseProjector(policy: Policy, now: () => Date): Projector<CaseState | undefined> {
  const today = londonToday(now);
  return {
    initial: () => undefined,
    evolve: (state, stored) => {
      const event = toCaseEvent(stored);
      if (!state) {
        if (event.type !== 'application-received')
          throw new TransitionError(event.type, 'a case starts with its application.');
        return initialState(event as EventOf<'application-received'>);
      }
      // A case has one application; a later one is a retry that replay skips too.
      return event.type === 'application-received' ? state : evolveInPlace(state, event);
    },
    project: (reference, state): ProjectedCase => {
      if (!state) throw new Error('A case starts with its application.');
      const next = nextDeadline(state, policy, today());
      return {
        title: state.title ?? reference,
        status: state.status,
        spoc: state.spoc,
        nextDeadline: next?.dueOn ?? null,
        agencies: state.agencies,
        closedOn: state.closed?.closedOn ?? null,
      };
    },
  };
}
