import type { Policy } from '../policy/policy-schema';
import type { CaseEvent, EventOf } from './case-events';
import type { CaseState } from './case-state';
import { decide, evolveAll } from './decide';
import { evolveInPlace, initialState } from './evolve';
import { TransitionError } from './transition-error';

export { TransitionError } from './transition-error';

/**
 * The state after recording `event` (and any event it implies, such as the reopening of a closed case), or
 * a TransitionError with the reason it is not allowed now. `state` is unchanged.
 */
export function applyEvent(state: CaseState | undefined, event: CaseEvent, policy: Policy): CaseState {
  return evolveAll(state, decide(state, event, policy));
}

/** The reason `event` cannot be recorded now, or undefined when it can. */
export function whyNot(state: CaseState | undefined, event: CaseEvent, policy: Policy): string | undefined {
  try {
    decide(state, event, policy);
    return undefined;
  } catch (err) {
    if (err instanceof TransitionError) return err.reason;
    throw err;
  }
}

/**
 * A case's state from its stored events, oldest first, by `evolve` alone: the rules were applied when each
 * event was recorded, so a stricter rule or a changed policy later never makes an old case unreadable.
 * An event id seen before is skipped (a retried write). The policy is not read; it stays in the signature
 * for callers. Throws only for a log that does not start with its application.
 */
export function reduceCase(events: readonly CaseEvent[], _policy?: Policy): CaseState {
  const first = events[0];
  if (first?.type !== 'application-received')
    throw new TransitionError(first?.type ?? 'application-received', 'a case starts with its application.');
  const state = initialState(first as EventOf<'application-received'>);
  const seen = new Set<string>([first.id]);
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    if (event.type === 'application-received') continue; // a case has one application
    evolveInPlace(state, event);
  }
  return state;
}
