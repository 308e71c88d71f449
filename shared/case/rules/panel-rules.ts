import { londonDate } from '../../dates';
import { agencyName } from '../../policy/policy';
import { panelQuorum } from '../quorum';
import { fail } from '../transition-error';
import { noFutureDates, notBefore, withinComingYears } from './date-rules';
import { knownAgency, requireMet, type Rules } from './rule';

const preparing = ['threshold-met', 'panel-booked'];

export const panelRules: Rules<'victim-contacted' | 'panel-booked' | 'panel-cancelled' | 'review-held'> = {
  'victim-contacted'(state, e) {
    noFutureDates(e, { contactedOn: e.payload.contactedOn });
    notBefore(e, 'contactedOn', e.payload.contactedOn, state.receivedOn, 'the application was received');
  },

  'panel-booked'(state, e, policy) {
    const p = e.payload;
    const met = requireMet(state, e, 'Booking a panel');
    if (!preparing.includes(state.status))
      fail(e, `a panel is booked while the review is being prepared; this case is "${state.status}".`);
    if (!(Date.parse(p.end) > Date.parse(p.start))) fail(e, 'end: the panel must end after it starts.');
    const startsOn = londonDate(p.start);
    notBefore(e, 'start', startsOn, met.decidedOn, 'the threshold decision');
    withinComingYears(e, 'start', startsOn, 1, 'a panel');
    if (Date.parse(p.end) - Date.parse(p.start) > 24 * 3_600_000)
      fail(e, 'end: a panel meeting lasts less than a day; check the end time.');
    if (state.panel?.status === 'booked' && state.panel.bookingId !== p.bookingId)
      fail(e, 'a panel is already booked; reschedule or cancel that booking.');
    p.members.forEach((m, i) => knownAgency(e, policy, `members[${i}].agencyId`, m.agencyId));
  },

  'panel-cancelled'(state, e) {
    if (state.panel?.bookingId !== e.payload.bookingId || state.panel.status !== 'booked')
      fail(e, "bookingId: that booking is not the case's current panel meeting; reload the case.");
  },

  /** East Herts s.12: "As a minimum, the panel must include three representatives from" its list. */
  'review-held'(state, e, policy) {
    const p = e.payload;
    noFutureDates(e, { heldOn: p.heldOn });
    const met = requireMet(state, e, 'Holding a review');
    if (!preparing.includes(state.status))
      fail(
        e,
        `a review is held once the threshold is met and before its outcome; this case is "${state.status}".`,
      );
    notBefore(e, 'heldOn', p.heldOn, met.decidedOn, 'the threshold decision');
    // Issue 15: a review recorded before the meeting booked for it is a slip (or the booking is stale).
    if (state.panel?.status === 'booked' && p.heldOn < londonDate(state.panel.start))
      fail(
        e,
        `heldOn: the panel is booked for ${londonDate(state.panel.start)}; a review held on ${p.heldOn} is before it. Record the review on or after the meeting, or reschedule or cancel the booking first.`,
      );
    p.attendees.forEach((m, i) => knownAgency(e, policy, `attendees[${i}].agencyId`, m.agencyId));
    const quorum = panelQuorum(p.attendees, policy);
    if (!quorum.met)
      fail(
        e,
        `attendees: the panel needs representatives of at least ${quorum.required} of ${quorum.counting.map((b) => agencyName(policy, b)).join(', ')}; it had ${quorum.bodies.length}` +
          (quorum.bodies.length ? ` (${quorum.bodies.map((b) => agencyName(policy, b)).join(', ')})` : '') +
          '.',
      );
    const ids = new Set(state.actions.map((a) => a.id));
    p.actions.forEach((a, i) => {
      knownAgency(e, policy, `actions[${i}].ownerAgency`, a.ownerAgency);
      if (ids.has(a.id)) fail(e, `actions[${i}].id: action id ${a.id} is used twice.`);
      ids.add(a.id);
      withinComingYears(e, `actions[${i}].dueOn`, a.dueOn, 5, 'an action due');
    });
    p.recommendations.forEach((r, i) => {
      if (r.ownerAgency) knownAgency(e, policy, `recommendations[${i}].ownerAgency`, r.ownerAgency);
    });
  },
};
