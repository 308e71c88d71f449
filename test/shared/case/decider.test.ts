import {
  applyEvent,
  decide,
  evolve,
  getPolicy,
  initialState,
  reduceCase,
  TransitionError,
  type CaseEvent,
} from '../../../shared';
import { CaseBuilder, member } from '../../support/case-builder';

/**
 * The case as a decider (emmett's shape): `decide` holds every rule and may refuse; `evolve` only folds and
 * never throws; replay (`reduceCase`) uses `evolve` alone, so a stricter rule later never makes an old case
 * unreadable.
 */

const eastHerts = getPolicy('east-herts');
const agencies = ['ehc', 'herts-police', 'social-housing', 'icb'];

describe('decide and evolve', () => {
  it('reads a stored case that today’s rules would refuse: an outcome without consultation, a closure with a right open', () => {
    // Recorded before the 2025 duties and the rights rule: both would be refused now.
    const b = new CaseBuilder().received('2026-03-02', agencies).decided('2026-03-10');
    b.add('review-held', '2026-04-14', {
      heldOn: '2026-04-14',
      attendees: [member('ehc'), member('herts-police'), member('social-housing')],
      victimParticipation: 'attended',
      recommendations: [],
      actions: [],
    });
    const outcome = b.add('outcome-sent', '2026-04-17', { sentOn: '2026-04-17', method: 'letter' });
    const close = b.add('case-closed', '2026-04-18', { closedOn: '2026-04-18', reason: 'actions-complete' });
    expect(() => decide(reduceCase(b.events.slice(0, 4)), outcome, eastHerts)).toThrow(TransitionError);
    expect(() => decide(reduceCase(b.events.slice(0, 5)), close, eastHerts)).toThrow(TransitionError);
    const state = reduceCase(b.events, eastHerts);
    expect(state.status).toBe('closed');
    expect(state.version).toBe(b.events.length);
  });

  it('never throws while folding, even for events that no longer fit the case', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    const odd: CaseEvent[] = [
      b.peek('return-received', '2026-03-03', {
        requestId: 'nowhere',
        agencyId: 'atlantis',
        receivedOn: '2026-03-03',
        incidents: [],
        submittedBy: 'x',
      }),
      b.peek('appeal-heard', '2026-03-03', { appealId: 'none', heardOn: '2026-03-03', by: 'x' }),
      b.peek('panel-cancelled', '2026-03-03', { bookingId: 'none', reason: 'x' }),
      b.peek('case-card-posted', '2026-03-03', { channelId: 'c', activityId: 'a' }),
      b.peek('case-reopened', '2026-03-03', { reopenedOn: '2026-03-03', reason: 'x' }),
      b.peek('minutes-circulated', '2026-03-03', { circulatedOn: '2026-03-03' }),
      b.peek('outcome-sent', '2026-03-03', { sentOn: '2026-03-03', method: 'letter' }),
      b.peek('right-waived', '2026-03-03', { right: 'appeal', waivedOn: '2026-03-03', how: 'phone' }),
    ].map((e, i) => ({ ...e, id: `odd-${i}` }));
    const start = reduceCase(b.events);
    let state = start;
    for (const e of odd) state = evolve(state, e);
    expect(state.version).toBe(start.version + odd.length);
    expect(state.requests).toEqual([]);
    expect(state.status).toBe('received');
    expect(() => reduceCase([...b.events, ...odd])).not.toThrow();
  });

  it('does not change the state it is given', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    const state = reduceCase(b.events);
    const before = JSON.stringify(state);
    const ack = b.peek('acknowledged', '2026-03-03', { sentOn: '2026-03-03', to: 'victim' });
    evolve(state, ack);
    decide(state, ack, eastHerts);
    applyEvent(state, ack, eastHerts);
    expect(JSON.stringify(state)).toBe(before);
  });

  it('starts a case only with its application, and replays what decide appended to the same state', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    const first = b.events[0]!;
    expect(decide(undefined, first, eastHerts)).toEqual([first]);
    expect(initialState(first as never)).toEqual(reduceCase([first]));
    const ack = b.peek('acknowledged', '2026-03-03', { sentOn: '2026-03-03', to: 'victim' });
    expect(() => decide(undefined, ack, eastHerts)).toThrow(/a case starts with its application/);
    expect(() => reduceCase([ack])).toThrow(/a case starts with its application/);
  });

  it('names the field a refusal is about, for a caller that shows it beside the field', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies).decided('2026-03-10', 'not-met');
    const close = b.peek('case-closed', '2026-03-10', {
      closedOn: '2026-03-10',
      reason: 'threshold-not-met',
      victimToldOn: '2026-03-10',
    });
    const refusal = (event: CaseEvent) => {
      try {
        decide(reduceCase(b.events), event, eastHerts);
      } catch (err) {
        return err as TransitionError;
      }
      throw new Error('not refused');
    };
    expect(refusal(close)).toMatchObject({
      field: 'keepRightsOpen',
      reason: expect.stringMatching(/^on 2026-03-10/),
    });
    const ack = b.peek('acknowledged', '2026-03-03', { sentOn: '2026-03-09', to: 'victim' });
    expect(refusal(ack)).toMatchObject({ field: 'sentOn', reason: expect.stringMatching(/^sentOn: /) });
  });
});
