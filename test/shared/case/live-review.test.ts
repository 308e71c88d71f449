import fc from 'fast-check';
import {
  agendaFor,
  applyEvent,
  getPolicy,
  panelQuorum,
  presentMembers,
  reduceCase,
  reviewHeldFromLive,
  whyNot,
  type MeetingNoted,
} from '../../../shared';
import { CaseBuilder, member } from '../../support/case-builder';

/** Issue 16: the review run live in the panel's meeting, one `meeting-noted` event per thing noted. */

const eastHerts = getPolicy('east-herts');
const agencies = ['ehc', 'herts-police', 'social-housing', 'icb'];
const chair = {
  personId: 'chair-1',
  name: 'Jordan Lee',
  organisation: 'Neighbouring council',
  independent: true,
};

function booked(victim: 'attend-online' | 'no-involvement' = 'attend-online') {
  const b = new CaseBuilder().received('2026-03-02', agencies).decided('2026-03-10');
  b.add('panel-booked', '2026-03-11', {
    bookingId: 'bk-1',
    start: '2026-04-14T09:00:00Z',
    end: '2026-04-14T11:00:00Z',
    members: [member('ehc'), member('herts-police'), member('social-housing')],
    chair,
    victimParticipation: victim,
  });
  return b;
}

const note = (b: CaseBuilder, payload: MeetingNoted, actor = 'chair-1') =>
  b.add('meeting-noted', '2026-04-14', payload, actor);
const attend = (b: CaseBuilder, agencyId: string, present = true) =>
  note(b, {
    kind: 'attendance',
    bookingId: 'bk-1',
    attendeeId: `at-${agencyId}`,
    name: `Member of ${agencyId}`,
    agencyId,
    role: 'member',
    present,
  });

describe('the review in the meeting (issue 16)', () => {
  it('starts with the victim’s part when the victim attends, and with the agencies when not', () => {
    expect(agendaFor('attend-online')).toEqual(['victim', 'agencies', 'actions']);
    expect(agendaFor('no-involvement')).toEqual(['agencies', 'actions']);
    const b = booked('attend-online');
    attend(b, 'ehc');
    expect(reduceCase(b.events, eastHerts).liveReview?.part).toBe('victim');
    const c = booked('no-involvement');
    attend(c, 'ehc');
    expect(reduceCase(c.events, eastHerts).liveReview?.part).toBe('agencies');
    const victimPart = c.peek('meeting-noted', '2026-04-14', {
      kind: 'agenda',
      bookingId: 'bk-1',
      part: 'victim',
    });
    expect(whyNot(reduceCase(c.events), victimPart, eastHerts)).toMatch(/chose not to take part/);
  });

  it('checks the quorum against who is in the meeting now, as people join and leave', () => {
    const b = booked();
    attend(b, 'ehc');
    attend(b, 'herts-police');
    let live = reduceCase(b.events, eastHerts).liveReview!;
    expect(panelQuorum(presentMembers(live), eastHerts).met).toBe(false);
    attend(b, 'social-housing');
    live = reduceCase(b.events, eastHerts).liveReview!;
    expect(panelQuorum(presentMembers(live), eastHerts).met).toBe(true);
    attend(b, 'herts-police', false);
    live = reduceCase(b.events, eastHerts).liveReview!;
    expect(panelQuorum(presentMembers(live), eastHerts).met).toBe(false);
    // Who left still attended: the review records them.
    expect(live.attendees.find((a) => a.agencyId === 'herts-police')).toMatchObject({
      present: false,
      attended: true,
    });
  });

  it('keeps the action plan off the stage during the victim’s part', () => {
    const b = booked('attend-online');
    attend(b, 'ehc');
    const share = b.peek('meeting-noted', '2026-04-14', {
      kind: 'stage',
      bookingId: 'bk-1',
      showing: 'action-plan',
    });
    expect(whyNot(reduceCase(b.events), share, eastHerts)).toMatch(/only the agenda/);
    note(b, { kind: 'agenda', bookingId: 'bk-1', part: 'agencies' });
    expect(whyNot(reduceCase(b.events), share, eastHerts)).toBeUndefined();
    b.events.push(share);
    expect(reduceCase(b.events, eastHerts).liveReview?.stage).toBe('action-plan');
    // Going back to the victim's part takes it off the stage.
    note(b, { kind: 'agenda', bookingId: 'bk-1', part: 'victim' });
    expect(reduceCase(b.events, eastHerts).liveReview?.stage).toBe('agenda');
  });

  it('records the review held from what was noted, and refuses notes afterwards', () => {
    const b = booked();
    for (const a of ['ehc', 'herts-police', 'social-housing']) attend(b, a);
    note(b, {
      kind: 'recommendation',
      bookingId: 'bk-1',
      itemId: 'r-1',
      text: 'Joint visit',
      ownerAgency: 'ehc',
    });
    note(b, {
      kind: 'action',
      bookingId: 'bk-1',
      itemId: 'a-1',
      description: 'Extra patrols',
      ownerAgency: 'herts-police',
      ownerName: 'Priya Shah',
      dueOn: '2026-05-01',
    });
    note(b, {
      kind: 'action',
      bookingId: 'bk-1',
      itemId: 'a-2',
      description: 'Typo',
      ownerAgency: 'ehc',
      dueOn: '2026-05-01',
    });
    note(b, { kind: 'withdrawn', bookingId: 'bk-1', itemId: 'a-2' });
    const state = reduceCase(b.events, eastHerts);
    const payload = reviewHeldFromLive(state.liveReview!, state.panel!, '2026-04-14');
    expect(payload.attendees.map((a) => a.agencyId)).toEqual(['ehc', 'herts-police', 'social-housing']);
    expect(payload.actions).toEqual([
      expect.objectContaining({
        id: 'a-1',
        description: 'Extra patrols',
        ownerPerson: 'Priya Shah',
        status: 'open',
      }),
    ]);
    const held = b.add('review-held', '2026-04-14', payload, 'chair-1');
    const after = reduceCase(b.events, eastHerts);
    expect(after.status).toBe('review-held');
    expect(after.actions.map((a) => a.id)).toEqual(['a-1']);
    expect(held.type).toBe('review-held');
    const late = b.peek('meeting-noted', '2026-04-14', {
      kind: 'agenda',
      bookingId: 'bk-1',
      part: 'actions',
    });
    expect(whyNot(after, late, eastHerts)).toMatch(/before the review is recorded as held/);
  });

  it('refuses a note for another booking, an unknown agency, or withdrawing what was never noted', () => {
    const b = booked();
    const state = reduceCase(b.events, eastHerts);
    const bad = (payload: MeetingNoted) =>
      whyNot(state, b.peek('meeting-noted', '2026-04-14', payload), eastHerts);
    expect(bad({ kind: 'agenda', bookingId: 'bk-2', part: 'actions' })).toMatch(/bookingId/);
    expect(
      bad({
        kind: 'attendance',
        bookingId: 'bk-1',
        attendeeId: 'x',
        name: 'X',
        agencyId: 'nope',
        role: 'member',
        present: true,
      }),
    ).toMatch(/agencyId: "nope"/);
    expect(bad({ kind: 'withdrawn', bookingId: 'bk-1', itemId: 'r-9' })).toMatch(/nothing r-9/);
  });

  it('folds any order of joins and leaves to the last word per attendee (property)', () => {
    const bodies = ['ehc', 'herts-police', 'social-housing', 'icb'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...bodies), fc.boolean()), { maxLength: 30 }),
        (moves) => {
          const b = booked();
          for (const [agencyId, present] of moves) attend(b, agencyId, present);
          let state = reduceCase(b.events.slice(0, 3), eastHerts);
          for (const e of b.events.slice(3)) state = applyEvent(state, e, eastHerts);
          const live = state.liveReview;
          for (const agencyId of bodies) {
            const last = [...moves].reverse().find(([a]) => a === agencyId);
            const seen = live?.attendees.find((a) => a.agencyId === agencyId);
            expect(seen?.present).toBe(last?.[1]);
            expect(seen?.attended ?? false).toBe(moves.some(([a, p]) => a === agencyId && p));
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
