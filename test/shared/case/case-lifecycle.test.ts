import {
  applyEvent,
  caseEventSchema,
  checkRepeatApplication,
  getPolicy,
  parsePolicy,
  reduceCase,
  TransitionError,
  whyNot,
  type CaseEvent,
} from '../../../shared';
import { CaseBuilder, member } from '../../support/case-builder';

const eastHerts = getPolicy('east-herts');
const agencies = ['ehc', 'herts-police', 'social-housing', 'icb'];
const panel = [member('ehc'), member('herts-police'), member('social-housing')];

function metCase() {
  const b = new CaseBuilder().received('2026-03-02', agencies);
  b.add('acknowledged', '2026-03-04', { sentOn: '2026-03-04', to: 'victim' });
  b.decided('2026-03-16');
  return b;
}

function reviewedCase() {
  const b = metCase();
  b.add('panel-booked', '2026-03-20', {
    bookingId: 'bk-1',
    start: '2026-04-14T09:30:00Z',
    end: '2026-04-14T11:00:00Z',
    members: panel,
    chair: { name: 'Chair', organisation: 'North Herts Council', independent: true },
    victimParticipation: 'attend-online',
  });
  b.add('review-held', '2026-04-14', {
    heldOn: '2026-04-14',
    attendees: panel,
    victimParticipation: 'attended',
    recommendations: [{ id: 'r1', text: 'Joint visit by police and housing', ownerAgency: 'herts-police' }],
    actions: [
      {
        id: 'a1',
        description: 'Joint visit',
        ownerAgency: 'social-housing',
        dueOn: '2026-05-01',
        status: 'open',
      },
    ],
  });
  return b;
}

describe('the case lifecycle', () => {
  it('carries a case from application to closure, with the status a list shows at each step', () => {
    const b = reviewedCase();
    expect(reduceCase(b.events, eastHerts).status).toBe('review-held');
    b.add('outcome-sent', '2026-04-17', {
      sentOn: '2026-04-17',
      method: 'phone-and-letter',
      victimConsultedOn: '2026-04-16',
    });
    b.add('minutes-circulated', '2026-04-20', { circulatedOn: '2026-04-20' });
    expect(reduceCase(b.events, eastHerts).status).toBe('monitoring');
    b.add('action-updated', '2026-04-30', { actionId: 'a1', status: 'complete' });
    b.add('case-closed', '2026-05-05', {
      closedOn: '2026-05-05',
      reason: 'actions-complete',
      victimToldOn: '2026-05-05',
    });
    const state = reduceCase(b.events, eastHerts);
    expect(state.status).toBe('closed');
    expect(state.version).toBe(b.events.length);
    expect(state.timeline.map((t) => t.type)).toEqual(b.events.map((e) => e.type));
  });

  it('refuses to book a panel before the threshold is met, and says why', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    const booking = b.peek('panel-booked', '2026-03-05', {
      bookingId: 'bk-1',
      start: '2026-04-14T09:30:00Z',
      end: '2026-04-14T11:00:00Z',
      members: panel,
      chair: { name: 'Chair', organisation: 'NHC', independent: true },
      victimParticipation: 'undecided',
    });
    expect(whyNot(reduceCase(b.events, eastHerts), booking, eastHerts)).toMatch(/threshold to be met first/);
  });

  it('refuses a review with fewer distinct relevant bodies than the policy minimum, naming them', () => {
    const b = metCase();
    const thin = [
      member('ehc'),
      member('ehc', 'Another officer'),
      member('herts-police'),
      member('herts-fire'),
    ];
    const review = b.peek('review-held', '2026-04-14', {
      heldOn: '2026-04-14',
      attendees: thin,
      victimParticipation: 'none',
      recommendations: [],
      actions: [],
    });
    const reason = whyNot(reduceCase(b.events, eastHerts), review, eastHerts);
    expect(reason).toMatch(
      /at least 3 of .*; it had 2 \(East Herts District Council, Hertfordshire Constabulary\)/,
    );
    // The same panel with a housing provider is quorate.
    const quorate = {
      ...review,
      payload: { ...review.payload, attendees: [...thin, member('social-housing')] },
    } as CaseEvent;
    expect(whyNot(reduceCase(b.events, eastHerts), quorate, eastHerts)).toBeUndefined();
  });

  it('does not change the state it was given when an event is refused', () => {
    const state = reduceCase(metCase().events, eastHerts);
    const before = JSON.stringify(state);
    const again = new CaseBuilder('x').decided('2026-03-17').events[0]!;
    expect(() => applyEvent(state, again, eastHerts)).toThrow(TransitionError);
    expect(JSON.stringify(state)).toBe(before);
  });

  it('refuses a second threshold decision: a change goes through a review or appeal', () => {
    const state = reduceCase(metCase().events, eastHerts);
    const again = new CaseBuilder('x').decided('2026-03-17', 'not-met').events[0]!;
    expect(whyNot(state, again, eastHerts)).toMatch(/already decided on 2026-03-16/);
  });

  it('asks for a reason when the SPOC departs from the advisory result', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    const decision = b.peek('threshold-decided', '2026-03-10', {
      decidedOn: '2026-03-10',
      notifiedOn: '2026-03-10',
      outcome: 'met',
      route: 'override',
      advisedOutcome: 'not-met',
      reasons: [],
      decidedBy: 'spoc-1',
    });
    const state = reduceCase(b.events, eastHerts);
    expect(whyNot(state, decision, eastHerts)).toMatch(
      /departs from the advisory result \(not-met\); give the reason/,
    );
    const withReason = {
      ...decision,
      payload: { ...decision.payload, overrideReason: 'Vulnerable victim' },
    } as CaseEvent;
    const after = applyEvent(state, withReason, eastHerts);
    expect(after.decisions[0]).toMatchObject({ outcome: 'met', overridden: true });
  });

  it('refuses business dates after the day they are recorded', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    const ack = {
      ...b.peek('acknowledged', '2026-03-03', { sentOn: '2026-03-09', to: 'victim' }),
    } as CaseEvent;
    expect(whyNot(reduceCase(b.events, eastHerts), ack, eastHerts)).toMatch(
      /2026-03-09 is after the day it was recorded/,
    );
  });

  it('keeps returns per agency: a return to an unknown request or from another agency is refused', () => {
    const b = metCase();
    b.add('returns-requested', '2026-03-17', {
      requestedOn: '2026-03-17',
      requests: [
        { requestId: 'rq-police', agencyId: 'herts-police' },
        { requestId: 'rq-housing', agencyId: 'social-housing' },
      ],
      incidentIds: ['inc-1', 'inc-2', 'inc-3'],
    });
    const state = reduceCase(b.events, eastHerts);
    const fromWrongAgency = b.peek('return-received', '2026-03-18', {
      requestId: 'rq-police',
      agencyId: 'social-housing',
      receivedOn: '2026-03-18',
      incidents: [],
      submittedBy: 'housing-1',
    });
    expect(whyNot(state, fromWrongAgency, eastHerts)).toMatch(/made to another agency/);
    const good = b.peek('return-received', '2026-03-18', {
      requestId: 'rq-police',
      agencyId: 'herts-police',
      receivedOn: '2026-03-18',
      incidents: [{ incidentId: 'inc-1', holdsRecord: true, reference: 'HC/123', reportedOn: '2026-01-06' }],
      submittedBy: 'police-1',
    });
    const after = applyEvent(state, good, eastHerts);
    expect(after.requests.find((r) => r.requestId === 'rq-police')?.returns).toHaveLength(1);
    const unknownAgency = b.peek('returns-requested', '2026-03-18', {
      requestedOn: '2026-03-18',
      requests: [{ requestId: 'rq-x', agencyId: 'atlantis' }],
      incidentIds: [],
    });
    expect(whyNot(state, unknownAgency, eastHerts)).toMatch(/"atlantis" is not one of the agencies/);
  });

  it('a threshold review request is refused after its 28-day window unless accepted out of time', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies).decided('2026-03-10', 'not-met');
    const state = reduceCase(b.events, eastHerts);
    const onLastDay = b.peek('threshold-review-requested', '2026-04-07', {
      appealId: 'ap-1',
      receivedOn: '2026-04-07',
      grounds: ['threshold-wrongly-refused'],
    });
    expect(whyNot(state, onLastDay, eastHerts)).toBeUndefined();
    const late = b.peek('threshold-review-requested', '2026-04-08', {
      appealId: 'ap-1',
      receivedOn: '2026-04-08',
      grounds: ['facts-not-considered'],
    });
    expect(whyNot(state, late, eastHerts)).toMatch(/after the window closed on 2026-04-07/);
    const accepted = {
      ...late,
      payload: { ...late.payload, acceptedOutOfTime: 'Victim in hospital' },
    } as CaseEvent;
    expect(applyEvent(state, accepted, eastHerts).status).toBe('appeal');
  });

  it('an upheld review of a "not met" decision meets the threshold', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies).decided('2026-03-10', 'not-met');
    b.add('threshold-review-requested', '2026-03-20', {
      appealId: 'ap-1',
      receivedOn: '2026-03-20',
      grounds: ['facts-not-considered'],
    });
    b.add('appeal-heard', '2026-04-01', {
      appealId: 'ap-1',
      heardOn: '2026-04-01',
      by: 'Peer, Stevenage BC',
    });
    b.add('appeal-decided', '2026-04-02', {
      appealId: 'ap-1',
      decidedOn: '2026-04-02',
      outcome: 'upheld',
      reasons: ['A fourth report had been missed'],
      notifiedOn: '2026-04-02',
    });
    const state = reduceCase(b.events, eastHerts);
    expect(state.status).toBe('threshold-met');
    expect(state.decisions.map((d) => d.outcome)).toEqual(['not-met', 'met']);
  });

  it('an upheld appeal against the review sends the case back to review', () => {
    const b = reviewedCase();
    b.add('outcome-sent', '2026-04-17', { sentOn: '2026-04-17', method: 'letter' });
    b.add('appeal-lodged', '2026-04-24', {
      appealId: 'ap-2',
      receivedOn: '2026-04-24',
      against: 'review-outcome',
      grounds: ['policy-not-considered'],
    });
    expect(reduceCase(b.events, eastHerts).status).toBe('appeal');
    b.add('appeal-decided', '2026-05-08', {
      appealId: 'ap-2',
      decidedOn: '2026-05-08',
      outcome: 'upheld',
      reasons: [],
      notifiedOn: '2026-05-08',
    });
    const state = reduceCase(b.events, eastHerts);
    expect(state.status).toBe('threshold-met');
    expect(state.panel?.status).toBe('cancelled');
    // A new panel can be booked and a second review held.
    const rebook = b.peek('panel-booked', '2026-05-11', {
      bookingId: 'bk-2',
      start: '2026-05-20T09:30:00Z',
      end: '2026-05-20T11:00:00Z',
      members: panel,
      chair: { name: 'Chair', organisation: 'NHC', independent: true },
      victimParticipation: 'impact-statement',
    });
    expect(whyNot(state, rebook, eastHerts)).toBeUndefined();
  });

  it('does not close on completed actions while any is open, and rejects everything but letters once closed', () => {
    const b = reviewedCase();
    b.add('outcome-sent', '2026-04-17', { sentOn: '2026-04-17', method: 'letter' });
    const state = reduceCase(b.events, eastHerts);
    const close = b.peek('case-closed', '2026-04-20', { closedOn: '2026-04-20', reason: 'actions-complete' });
    expect(whyNot(state, close, eastHerts)).toMatch(/1 action\(s\) are still open: a1/);
    const withdrawn = b.peek('case-closed', '2026-04-20', {
      closedOn: '2026-04-20',
      reason: 'withdrawn',
      victimToldOn: '2026-04-20',
      keepRightsOpen: true,
    });
    const closed = applyEvent(state, withdrawn, eastHerts);
    const note = b.peek('action-updated', '2026-04-21', { actionId: 'a1', status: 'complete' });
    expect(whyNot(closed, note, eastHerts)).toMatch(/closed on 2026-04-20/);
    const letter = b.peek('letter-issued', '2026-04-21', {
      letterId: 'l-9',
      kind: 'closure',
      issuedOn: '2026-04-21',
    });
    expect(whyNot(closed, letter, eastHerts)).toBeUndefined();
  });

  it('skips an event it has already applied, so a retried write changes nothing', () => {
    const b = metCase();
    const once = reduceCase(b.events, eastHerts);
    const twice = reduceCase([...b.events, b.events[1]!], eastHerts);
    expect(twice).toEqual(once);
  });

  it('replays stored events after the policy drops an agency they mention', () => {
    const b = reviewedCase();
    const policy = getPolicy('east-herts');
    const trimmed = parsePolicy({
      ...policy,
      agencies: policy.agencies.filter((a) => a.id !== 'social-housing'),
      panel: {
        ...policy.panel,
        quorumBodies: policy.panel.quorumBodies!.filter((a) => a !== 'social-housing'),
      },
    });
    expect(reduceCase(b.events, trimmed).status).toBe('review-held');
  });

  it('validates events at the boundary with messages by path', () => {
    const bad = caseEventSchema.safeParse({
      id: 'e1',
      type: 'acknowledged',
      actor: 'spoc-1',
      at: '2026-03-02T10:00:00Z',
      payload: { sentOn: '2026-02-30', to: 'victim' },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['payload', 'sentOn']);
    const unknown = caseEventSchema.safeParse({
      id: 'e1',
      type: 'teleported',
      actor: 'a',
      at: '2026-03-02T10:00:00Z',
      payload: {},
    });
    expect(unknown.success).toBe(false);
  });
});

describe('repeat applications', () => {
  const previousWithOpenAction = {
    reference: 'CT-2026-0001',
    state: reduceCase(reviewedCase().events, eastHerts),
  };

  it('refuses a new case review while actions from the last one are open', () => {
    const check = checkRepeatApplication([previousWithOpenAction], 'New threats', eastHerts);
    expect(check).toEqual({ allowed: false, reason: expect.stringContaining('CT-2026-0001 are still open') });
  });

  it('asks for the material change once the earlier actions are done', () => {
    const b = reviewedCase();
    b.add('action-updated', '2026-04-30', { actionId: 'a1', status: 'complete' });
    const previous = { reference: 'CT-2026-0001', state: reduceCase(b.events, eastHerts) };
    expect(checkRepeatApplication([previous], undefined, eastHerts).allowed).toBe(false);
    expect(checkRepeatApplication([previous], 'Perpetrator moved next door', eastHerts)).toEqual({
      allowed: true,
    });
    expect(checkRepeatApplication([], undefined, eastHerts)).toEqual({ allowed: true });
  });
});
