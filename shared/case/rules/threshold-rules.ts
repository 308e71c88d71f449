import { routeEnabled } from '../../policy/policy';
import { windowEnd } from '../../policy/windows';
import { currentDecision } from '../case-state';
import { waiverOf } from '../rights';
import { fail } from '../transition-error';
import { noFutureDates, notBefore } from './date-rules';
import { requireNoOpenAppeal, type Rules } from './rule';

export const thresholdRules: Rules<'threshold-decided' | 'applicant-told' | 'threshold-review-requested'> = {
  'threshold-decided'(state, e, policy) {
    const p = e.payload;
    noFutureDates(e, { decidedOn: p.decidedOn, notifiedOn: p.notifiedOn });
    notBefore(e, 'decidedOn', p.decidedOn, state.receivedOn, 'the application was received');
    if (p.notifiedOn) notBefore(e, 'notifiedOn', p.notifiedOn, p.decidedOn, 'the decision');
    const existing = currentDecision(state);
    if (existing)
      fail(
        e,
        `the threshold was already decided on ${existing.decidedOn} (${existing.outcome}); a change goes through a review of the decision or an appeal.`,
      );
    if (p.outcome === 'met' && !p.route)
      fail(e, 'a "met" decision states its route (count, hate, community or override).', 'route');
    if (p.outcome !== 'met' && p.route) fail(e, `a "${p.outcome}" decision has no route.`, 'route');
    if (p.route && !routeEnabled(policy, p.route))
      fail(
        e,
        `${policy.council}'s policy has no "${p.route}" route; the threshold is met by another route or not at all.`,
        'route',
      );
    if (p.outcome !== p.advisedOutcome && !p.overrideReason?.trim())
      fail(
        e,
        `the decision departs from the advisory result (${p.advisedOutcome}); give the reason.`,
        'overrideReason',
      );
  },

  /** A duty to tell the applicant is met by telling them: a letter (letter-issued) or this recorded contact. */
  'applicant-told'(state, e) {
    const p = e.payload;
    noFutureDates(e, { toldOn: p.toldOn });
    if (p.about === 'threshold-decision') {
      const decision = currentDecision(state);
      if (!decision) fail(e, 'there is no threshold decision to tell the applicant about yet.');
      if (decision.notifiedOn)
        fail(e, `the applicant was already told of the decision on ${decision.notifiedOn}.`);
      notBefore(e, 'toldOn', p.toldOn, decision.decidedOn, 'the decision');
      return;
    }
    if (!p.appealId) fail(e, 'appealId: say which appeal decision the applicant was told.');
    const appeal = state.appeals.find((a) => a.appealId === p.appealId);
    if (!appeal)
      fail(e, 'appealId: that review request is not on this case; reload the case and choose it again.');
    if (!appeal.decidedOn) fail(e, 'that appeal has not been decided yet.');
    if (appeal.notifiedOn)
      fail(e, `the applicant was already told of that decision on ${appeal.notifiedOn}.`);
    notBefore(e, 'toldOn', p.toldOn, appeal.decidedOn, 'the appeal decision');
  },

  /** East Herts s.11: the CT3a review request "should be received within 28 days of the decision". */
  'threshold-review-requested'(state, e, policy) {
    const p = e.payload;
    noFutureDates(e, { receivedOn: p.receivedOn });
    const decision = currentDecision(state);
    if (!decision || decision.outcome === 'met')
      fail(e, 'a review of the decision can be asked for only when the threshold was found not met.');
    requireNoOpenAppeal(state, e);
    notBefore(e, 'receivedOn', p.receivedOn, decision.decidedOn, 'the decision');
    const last = windowEnd(decision.decidedOn, policy.clocks.thresholdReviewRequest);
    if (p.receivedOn > last && !p.acceptedOutOfTime?.trim())
      fail(
        e,
        `receivedOn: the request arrived on ${p.receivedOn}, after the window closed on ${last}; accept it out of time with a reason (acceptedOutOfTime), or refuse it.`,
      );
    const waived = waiverOf(state, 'threshold-review');
    if (waived && !p.acceptedOutOfTime?.trim())
      fail(
        e,
        `the applicant waived the right to ask for a review on ${waived}; accept the request with a reason (acceptedOutOfTime), or refuse it.`,
      );
    if (state.appeals.some((a) => a.appealId === p.appealId))
      fail(e, 'appealId: this request is already recorded; reload the case to see it.');
  },
};
