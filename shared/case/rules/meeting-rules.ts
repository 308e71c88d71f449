import { agendaFor, agendaTitles } from '../live-review';
import { fail } from '../transition-error';
import { withinComingYears } from './date-rules';
import { knownAgency, type Rules } from './rule';

/**
 * Issue 16: notes from the panel's meeting. They belong to the booked panel and stop once the review is
 * recorded as held; the action plan goes on the stage only when the victim's part is over.
 */
export const meetingRules: Rules<'meeting-noted'> = {
  'meeting-noted'(state, e, policy) {
    const p = e.payload;
    const panel = state.panel;
    if (panel?.status !== 'booked' || state.status !== 'panel-booked')
      fail(e, 'the review is run in the meeting of a booked panel, before the review is recorded as held.');
    if (p.bookingId !== panel.bookingId)
      fail(e, `bookingId: booking ${p.bookingId} is not the case's current panel.`);
    const live = state.liveReview?.bookingId === p.bookingId ? state.liveReview : undefined;
    switch (p.kind) {
      case 'attendance':
        knownAgency(e, policy, 'agencyId', p.agencyId);
        return;
      case 'recommendation':
        if (p.ownerAgency) knownAgency(e, policy, 'ownerAgency', p.ownerAgency);
        return;
      case 'action':
        knownAgency(e, policy, 'ownerAgency', p.ownerAgency);
        if (state.actions.some((a) => a.id === p.itemId))
          fail(e, `itemId: action id ${p.itemId} is already on the case's action plan.`);
        withinComingYears(e, 'dueOn', p.dueOn, 5, 'an action due');
        return;
      case 'withdrawn':
        if (
          !live?.recommendations.some((r) => r.id === p.itemId) &&
          !live?.actions.some((a) => a.id === p.itemId)
        )
          fail(e, `itemId: nothing ${p.itemId} has been noted in this meeting.`);
        return;
      case 'agenda':
        if (!agendaFor(panel.victimParticipation).includes(p.part))
          fail(e, `part: this meeting has no "${agendaTitles[p.part]}": the victim chose not to take part.`);
        return;
      case 'stage': {
        const part = live?.part ?? agendaFor(panel.victimParticipation)[0];
        if (p.showing === 'action-plan' && part === 'victim')
          fail(
            e,
            "showing: during the victim's part the stage shows only the agenda; share the action plan once the victim's part is over.",
          );
        return;
      }
    }
  },
};
