import { currentReview, type CaseState } from '../case-state';
import type { CaseEvent } from '../case-events';
import { fail } from '../transition-error';
import { noFutureDates } from './date-rules';
import { requireMet, type Rules } from './rule';

/**
 * The victim's own voice (issue 17) and the messages sent to them. The victim answers through their link;
 * these rules say when each answer still helps: before the panel meets for the attendance and the impact
 * statement, while the action plan is a draft for a comment on it.
 */

/** Between the threshold met and the review held: the panel has not met yet. */
function beforeThePanel(state: CaseState, event: CaseEvent, doing: string): void {
  requireMet(state, event, doing);
  if (state.status !== 'threshold-met' && state.status !== 'panel-booked') {
    const held = currentReview(state)?.heldOn;
    fail(
      event,
      `${doing} is for the panel before it meets; ${held ? `it met on ${held}` : `this case is "${state.status}"`}.`,
    );
  }
}

export const victimVoiceRules: Rules<
  | 'victim-notified'
  | 'victim-message-status'
  | 'victim-attendance-answered'
  | 'impact-statement-received'
  | 'action-plan-commented'
> = {
  'victim-notified'(state, e) {
    noFutureDates(e, { sentOn: e.payload.sentOn });
    if (e.payload.recipient === 'applicant' && state.application.applicant.relationship !== 'third-party')
      fail(e, 'recipient: the victim applied themselves; there is no other applicant to write to.');
  },

  'victim-message-status'(state, e) {
    if (!state.messages?.some((m) => m.messageId === e.payload.messageId))
      fail(e, `messageId: no message ${e.payload.messageId} was sent on this case.`);
  },

  'victim-attendance-answered'(state, e) {
    noFutureDates(e, { answeredOn: e.payload.answeredOn });
    beforeThePanel(state, e, 'Saying whether the victim will attend');
  },

  'impact-statement-received'(state, e) {
    noFutureDates(e, { receivedOn: e.payload.receivedOn });
    beforeThePanel(state, e, 'An impact statement');
    if ((state.victimVoice?.statements.length ?? 0) >= 20)
      fail(e, 'the case already holds 20 impact statements; add to one of them by speaking to the SPOC.');
  },

  'action-plan-commented'(state, e) {
    const p = e.payload;
    noFutureDates(e, { receivedOn: p.receivedOn });
    const review = currentReview(state);
    if (!review || state.status !== 'review-held')
      fail(
        e,
        review?.outcomeSentOn
          ? `the action plan is final: the outcome was sent on ${review.outcomeSentOn}.`
          : 'there is no draft action plan yet: the panel has not met.',
      );
    if (p.actionId && !state.actions.some((a) => a.id === p.actionId))
      fail(e, 'actionId: that action is not in the plan; reload the case and choose it again.');
    if ((state.victimVoice?.comments.length ?? 0) >= 50)
      fail(e, 'the case already holds 50 comments on the action plan.');
  },
};
