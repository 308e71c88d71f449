import type { Policy } from '../policy/policy-schema';
import type { CaseEvent, EventOf, EventType } from './case-events';
import type { CaseState } from './case-state';
import { cloneState, evolveInPlace, initialState } from './evolve';
import { applicationRules, decideApplication } from './rules/application-rules';
import { appealRules } from './rules/appeal-rules';
import { closureRules } from './rules/closure-rules';
import { noDateBeforeTheAct, recordedOn } from './rules/date-rules';
import { housekeepingRules } from './rules/housekeeping-rules';
import { outcomeRules } from './rules/outcome-rules';
import { meetingRules } from './rules/meeting-rules';
import { panelRules } from './rules/panel-rules';
import type { Rule, Rules } from './rules/rule';
import { returnRules } from './rules/return-rules';
import { thresholdRules } from './rules/threshold-rules';
import { victimVoiceRules } from './rules/victim-voice-rules';
import { fail } from './transition-error';

/**
 * The decide half of the case's decider (emmett's `decide`): whether an event may be recorded now, and the
 * events recording it appends. Every rule lives here; `evolve` only folds. The "command" is the event the
 * SPOC (or an agency, or the bot) proposes; the answer is that event, preceded by any it implies.
 */

const rules: Rules<EventType> = {
  ...applicationRules,
  ...thresholdRules,
  ...returnRules,
  ...panelRules,
  ...outcomeRules,
  ...appealRules,
  ...closureRules,
  ...housekeepingRules,
  ...victimVoiceRules,
  ...meetingRules,
};

/** Events a closed case still accepts: the closure letter, notes, the channel's housekeeping, reopening. */
const afterClosure = new Set<EventType>([
  'letter-issued',
  'applicant-told',
  'note-added',
  // Issue 15: a document for an appeal or the record may still be added.
  'document-added',
  'channel-created',
  'case-card-posted',
  'legal-hold-set',
  'legal-hold-released',
  'case-reopened',
  // Issue 15: closing a case cancels the panel meeting still booked for it.
  'panel-cancelled',
  // The closure notice goes out after the case closes; its delivery receipt comes later still.
  'victim-notified',
  'victim-message-status',
]);

/** A review request or appeal received after closure reopens the case (a right survives the closure). */
const reopeners = new Set<EventType>(['threshold-review-requested', 'appeal-lodged']);

/** A short, stable id derived from another (FNV-1a, two lanes): the same request yields the same reopening. */
function derivedId(prefix: string, id: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ id.length;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return `${prefix}-${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
}

function reopeningFor(state: CaseState, event: CaseEvent): EventOf<'case-reopened'> {
  const p = event.payload as { receivedOn: string; acceptedOutOfTime?: string };
  const what = event.type === 'appeal-lodged' ? 'An appeal' : 'A request for a review of the decision';
  const accepted = p.acceptedOutOfTime?.trim();
  return {
    id: derivedId('reopen', event.id),
    type: 'case-reopened',
    actor: event.actor,
    at: event.at,
    payload: {
      reopenedOn: recordedOn(event),
      reason:
        `${what} was received on ${p.receivedOn}, after the case closed on ${state.closed?.closedOn}.` +
        (accepted ? ` Accepted out of time: ${accepted}`.slice(0, 1000) : ''),
      trigger: { type: event.type as 'threshold-review-requested' | 'appeal-lodged', eventId: event.id },
    },
  };
}

function check(state: CaseState, event: CaseEvent, policy: Policy): void {
  if (state.status === 'closed' && !afterClosure.has(event.type))
    fail(event, `the case was closed on ${state.closed?.closedOn}.`);
  (rules[event.type] as Rule<EventType>)(state, event as never, policy);
}

/**
 * The events that recording `event` on a case in `state` appends, oldest first: `event` itself, after a
 * `case-reopened` when a review request or appeal arrives on a closed case. Throws a TransitionError, with
 * the reason written for the SPOC, when the case does not allow it now. Pure; `state` is not changed.
 */
export function decide(state: CaseState | undefined, event: CaseEvent, policy: Policy): CaseEvent[] {
  noDateBeforeTheAct(event);
  if (!state) {
    if (event.type !== 'application-received') fail(event, 'a case starts with its application.');
    decideApplication(event, policy);
    return [event];
  }
  if (state.status === 'closed' && reopeners.has(event.type)) {
    const reopening = reopeningFor(state, event);
    const reopened = evolveInPlace(cloneState(state), reopening);
    check(reopened, event, policy);
    return [reopening, event];
  }
  check(state, event, policy);
  return [event];
}

/** Folds decided events into a state (a new case's first event starts it). */
export function evolveAll(state: CaseState | undefined, events: readonly CaseEvent[]): CaseState {
  let next = state ? cloneState(state) : undefined;
  for (const event of events)
    next = next ? evolveInPlace(next, event) : initialState(event as EventOf<'application-received'>);
  return next!;
}
