import type { Policy } from '../../policy/policy-schema';
import type { CaseEvent, EventOf, EventType } from '../case-events';
import { currentDecision, openAppeals, type CaseState, type ThresholdDecision } from '../case-state';
import { fail } from '../transition-error';

/** A rule: whether `event` may be recorded on a case in `state` under `policy`. Throws TransitionError. */
export type Rule<T extends EventType> = (state: CaseState, event: EventOf<T>, policy: Policy) => void;

export type Rules<T extends EventType> = { [K in T]: Rule<K> };

export function knownAgency(event: CaseEvent, policy: Policy, field: string, agencyId: string): void {
  if (!policy.agencies.some((a) => a.id === agencyId))
    fail(event, `${field}: "${agencyId}" is not one of the agencies in the policy "${policy.id}".`);
}

/** The "met" decision in force, or a refusal saying the step needs one. */
export function requireMet(state: CaseState, event: CaseEvent, doing: string): ThresholdDecision {
  const decision = currentDecision(state);
  if (decision?.outcome !== 'met')
    fail(event, `${doing} needs the threshold to be met first; this case is "${state.status}".`);
  return decision;
}

export function requireNoOpenAppeal(state: CaseState, event: CaseEvent): void {
  const open = openAppeals(state)[0];
  if (open) fail(event, `the ${open.kind} received on ${open.receivedOn} is still open; decide it first.`);
}
