import type { Policy } from '../../policy/policy-schema';
import type { CaseEvent, EventOf } from '../case-events';
import { fieldChanges } from '../field-changes';
import { fail } from '../transition-error';
import { noFutureDates } from './date-rules';
import { knownAgency, type Rules } from './rule';

/** The rules for a case's first event, which has no state to check against. */
export function decideApplication(event: EventOf<'application-received'>, policy: Policy): void {
  const p = event.payload;
  noFutureDates(event, { receivedOn: p.receivedOn });
  if (p.application.receivedOn !== p.receivedOn)
    fail(
      event,
      `application.receivedOn: the application's date (${p.application.receivedOn}) differs from the case's (${p.receivedOn}).`,
    );
  p.agencies.forEach((a, i) => knownAgency(event, policy, `agencies[${i}]`, a));
  knownExclusions(event, policy, p.application.exclusions);
}

export const applicationRules: Rules<'application-received' | 'acknowledged' | 'application-amended'> = {
  'application-received': (_s, e) => fail(e, 'the case already has its application.'),

  /** East Herts s.11: CT1 to the victim within three working days; CT2 to a third party who applied. */
  acknowledged(state, e) {
    const { sentOn, to } = e.payload;
    noFutureDates(e, { sentOn });
    if (sentOn < state.receivedOn)
      fail(e, `sentOn: the date ${sentOn} is before the application was received (${state.receivedOn}).`);
    const thirdParty = state.application.applicant.relationship === 'third-party';
    if (to !== 'victim' && !thirdParty)
      fail(e, 'the victim applied themselves; there is no third party to acknowledge.', 'to');
    const done = state.acknowledged;
    const already =
      to === 'victim' ? done.victim : to === 'third-party' ? done.thirdParty : done.victim && done.thirdParty;
    if (already) fail(e, `the application was already acknowledged on ${already}.`);
  },

  /** Issue 15: a correction changes something, keeps the date before every step taken, and says why. */
  'application-amended'(state, e, policy) {
    const p = e.payload;
    const changes = [
      ...(p.application ? fieldChanges(state.application, p.application) : []),
      ...(p.parties ? fieldChanges(state.parties, p.parties) : []),
      ...(p.title !== undefined ? fieldChanges(state.title, p.title || undefined) : []),
    ];
    if (changes.length === 0) fail(e, 'nothing differs from what is recorded; change a field first.');
    if (!p.application) return;
    const receivedOn = p.application.receivedOn;
    noFutureDates(e, { 'application.receivedOn': receivedOn });
    const firstStep = [state.acknowledgedOn, state.decisions[0]?.decidedOn, state.requests[0]?.requestedOn]
      .filter((d): d is string => !!d)
      .sort()[0];
    if (firstStep && receivedOn > firstStep)
      fail(
        e,
        `application.receivedOn: ${receivedOn} is after the case's first step (${firstStep}); an application is received before it is acknowledged or decided.`,
      );
    knownExclusions(e, policy, p.application.exclusions);
  },
};

function knownExclusions(event: CaseEvent, policy: Policy, exclusions: readonly string[] | undefined): void {
  const grounds = new Set(policy.exclusions.map((g) => g.id));
  (exclusions ?? []).forEach((id, i) => {
    if (!grounds.has(id))
      fail(
        event,
        `application.exclusions[${i}]: "${id}" is not one of ${policy.council}'s exclusion grounds (${[...grounds].join(', ') || 'none'}).`,
      );
  });
}
