import { actionDueProblem } from '../action-due';
import { currentReview } from '../case-state';
import { fail } from '../transition-error';
import { noFutureDates, notBefore, recordedOn, withinComingYears } from './date-rules';
import { knownAgency, type Rules } from './rule';

export const outcomeRules: Rules<'outcome-sent' | 'minutes-circulated' | 'action-updated'> = {
  /**
   * East Herts s.12: the victim is told the outcome within 5 working days. The 2025 statutory guidance: the
   * victim is consulted on the action plan before it is final, so, when the policy asks for it, the outcome
   * records when they were consulted, or why not.
   */
  'outcome-sent'(state, e, policy) {
    const p = e.payload;
    noFutureDates(e, { sentOn: p.sentOn, victimConsultedOn: p.victimConsultedOn });
    const review = currentReview(state);
    if (!review || state.status !== 'review-held') fail(e, 'the outcome is sent after a review is held.');
    notBefore(e, 'sentOn', p.sentOn, review.heldOn, 'the review');
    if (p.victimConsultedOn) {
      notBefore(
        e,
        'victimConsultedOn',
        p.victimConsultedOn,
        review.heldOn,
        'the review that drew up the action plan',
      );
      if (p.victimConsultedOn > p.sentOn)
        fail(
          e,
          `victimConsultedOn: the victim is consulted on the action plan before the outcome is final; ${p.victimConsultedOn} is after the outcome was sent (${p.sentOn}).`,
        );
    }
    if (policy.duties.consultVictimOnActionPlan && !p.victimConsultedOn && !p.notConsultedReason?.trim())
      fail(
        e,
        `${policy.council}'s policy (the 2025 statutory guidance) asks that the victim is consulted on the action plan before the outcome; give the date they were consulted, or record why not (notConsultedReason).`,
        'victimConsultedOn',
      );
  },

  'minutes-circulated'(state, e) {
    noFutureDates(e, { circulatedOn: e.payload.circulatedOn });
    const review = currentReview(state);
    if (!review) fail(e, 'minutes are circulated after a review is held.');
    if (review.minutesCirculatedOn) fail(e, `the minutes were circulated on ${review.minutesCirculatedOn}.`);
    notBefore(e, 'circulatedOn', e.payload.circulatedOn, review.heldOn, 'the review');
  },

  'action-updated'(state, e, policy) {
    const p = e.payload;
    if (p.dueOn) withinComingYears(e, 'dueOn', p.dueOn, 5, 'an action due');
    const action = state.actions.find((a) => a.id === p.actionId);
    // Issue 15: a due date set now is today or later (an overdue action keeps its date until it moves).
    const pastDue = actionDueProblem(p.dueOn, action?.dueOn, recordedOn(e));
    if (pastDue) fail(e, `dueOn: ${pastDue}`);
    if (action) {
      if (p.ownerAgency) knownAgency(e, policy, 'ownerAgency', p.ownerAgency);
      return;
    }
    if (!currentReview(state)) fail(e, 'actions are added once a review has been held.');
    if (!p.description || !p.ownerAgency || !p.dueOn)
      fail(e, 'a new action needs a description, an owner agency and a due date.');
    knownAgency(e, policy, 'ownerAgency', p.ownerAgency);
  },
};
