import { windowEnd } from '../../policy/windows';
import { currentDecision, currentReview } from '../case-state';
import { waiverOf } from '../rights';
import { fail } from '../transition-error';
import { noFutureDates, notBefore } from './date-rules';
import { requireNoOpenAppeal, type Rules } from './rule';

/**
 * East Herts s.13: "Each victim has the right to appeal the decisions made by the panel (regarding whether
 * or not the threshold has been met – or with the decision made at the review stage)". Appeals are heard
 * within 15 working days and the victim told within 5.
 */
export const appealRules: Rules<'appeal-lodged' | 'appeal-heard' | 'appeal-decided'> = {
  'appeal-lodged'(state, e, policy) {
    const p = e.payload;
    noFutureDates(e, { receivedOn: p.receivedOn });
    requireNoOpenAppeal(state, e);
    if (state.appeals.some((a) => a.appealId === p.appealId))
      fail(e, 'appealId: this appeal is already recorded; reload the case to see it.');
    const accepted = !!p.acceptedOutOfTime?.trim();
    if (p.against === 'threshold-decision') {
      const decision = currentDecision(state);
      if (!decision || decision.outcome === 'met')
        fail(e, 'there is no "not met" decision to appeal.', 'against');
      notBefore(e, 'receivedOn', p.receivedOn, decision.decidedOn, 'the decision');
      const waived = waiverOf(state, 'threshold-review');
      if (waived && !accepted)
        fail(
          e,
          `the applicant waived the right to challenge the decision on ${waived}; accept the appeal with a reason (acceptedOutOfTime), or refuse it.`,
        );
      return;
    }
    const sentOn = currentReview(state)?.outcomeSentOn;
    if (!sentOn) fail(e, 'an appeal against the review comes after its outcome is sent.', 'against');
    notBefore(e, 'receivedOn', p.receivedOn, sentOn, 'the outcome was sent');
    const window = policy.clocks.appealWindow;
    const last = window ? windowEnd(sentOn, window) : undefined;
    if (last && p.receivedOn > last && !accepted)
      fail(
        e,
        `receivedOn: the appeal arrived on ${p.receivedOn}, after the window closed on ${last}; accept it out of time with a reason (acceptedOutOfTime), or refuse it.`,
      );
    const waived = waiverOf(state, 'appeal');
    if (waived && !accepted)
      fail(
        e,
        `the applicant waived the right to appeal on ${waived}; accept the appeal with a reason (acceptedOutOfTime), or refuse it.`,
      );
  },

  'appeal-heard'(state, e) {
    const appeal = state.appeals.find((a) => a.appealId === e.payload.appealId);
    if (!appeal) fail(e, 'appealId: that appeal is not on this case; reload the case and choose it again.');
    noFutureDates(e, { heardOn: e.payload.heardOn });
    if (appeal.heardOn) fail(e, `the appeal was already heard on ${appeal.heardOn}.`);
    notBefore(e, 'heardOn', e.payload.heardOn, appeal.receivedOn, 'the appeal was received');
  },

  'appeal-decided'(state, e) {
    const p = e.payload;
    const appeal = state.appeals.find((a) => a.appealId === p.appealId);
    if (!appeal) fail(e, 'appealId: that appeal is not on this case; reload the case and choose it again.');
    noFutureDates(e, { decidedOn: p.decidedOn, notifiedOn: p.notifiedOn });
    if (appeal.decidedOn) fail(e, `the appeal was already decided on ${appeal.decidedOn}.`);
    notBefore(
      e,
      'decidedOn',
      p.decidedOn,
      appeal.heardOn ?? appeal.receivedOn,
      appeal.heardOn ? 'the appeal was heard' : 'the appeal was received',
    );
    if (p.notifiedOn) notBefore(e, 'notifiedOn', p.notifiedOn, p.decidedOn, 'the decision');
  },
};
