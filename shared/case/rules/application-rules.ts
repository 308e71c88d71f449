import type { Policy } from '../../policy/policy-schema';
import type { EventOf } from '../case-events';
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
  const grounds = new Set(policy.exclusions.map((g) => g.id));
  (p.application.exclusions ?? []).forEach((id, i) => {
    if (!grounds.has(id))
      fail(
        event,
        `application.exclusions[${i}]: "${id}" is not one of ${policy.council}'s exclusion grounds (${[...grounds].join(', ') || 'none'}).`,
      );
  });
}

export const applicationRules: Rules<'application-received' | 'acknowledged'> = {
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
};
