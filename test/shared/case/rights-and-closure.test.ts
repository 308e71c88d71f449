import {
  applyEvent,
  decide,
  deadlines,
  getPolicy,
  openRights,
  parsePolicy,
  reduceCase,
  whyNot,
  type CaseEvent,
  type CaseState,
  type Policy,
} from '../../../shared';
import { CaseBuilder, member } from '../../support/case-builder';

/**
 * Issue 13, "rights survive every step". The seed sentences:
 * - East Herts s.11: "An request for a review form will be included (CT3a) and should be received within 28
 *   days of the decision."
 * - East Herts s.13: "Each victim has the right to appeal the decisions made by the panel (regarding whether
 *   or not the threshold has been met – or with the decision made at the review stage)."
 * - The Act, Sch 4 para 3: the review procedure must provide for an applicant who is dissatisfied.
 */

const eastHerts = getPolicy('east-herts');
const agencies = ['ehc', 'herts-police', 'social-housing', 'icb'];

/** Records `event` with its implied events and returns the new state (as the server does). */
function record(state: CaseState, event: CaseEvent, policy: Policy = eastHerts): CaseState {
  return applyEvent(state, event, policy);
}

/** A case decided "not met" on 10 March 2026: its CT3a window runs to 7 April. */
function notMet() {
  return new CaseBuilder().received('2026-03-02', agencies).decided('2026-03-10', 'not-met');
}

const closeNotMet = (b: CaseBuilder, on: string, extra: Record<string, unknown> = {}): CaseEvent => ({
  ...b.peek('case-closed', on, {
    closedOn: on,
    reason: 'threshold-not-met',
    victimToldOn: on,
    ...extra,
  }),
  id: `close-${on}`,
});

const reviewRequest = (b: CaseBuilder, on: string, extra: Record<string, unknown> = {}): CaseEvent => ({
  ...b.peek('threshold-review-requested', on, {
    appealId: `ap-${on}`,
    receivedOn: on,
    grounds: ['threshold-wrongly-refused'],
    ...extra,
  }),
  id: `request-${on}`,
});

describe('a case cannot close while the applicant may still ask for a review (East Herts s.11)', () => {
  it('refuses to close a "not met" case on the day of the decision, naming the right and its last day', () => {
    const b = notMet();
    const reason = whyNot(reduceCase(b.events), closeNotMet(b, '2026-03-10'), eastHerts);
    expect(reason).toMatch(/ask for a review of the "not met" decision of 2026-03-10 until 2026-04-07/);
    expect(reason).toMatch(/keeping that right open.*waived/);
  });

  it('closes keeping the right open; the CT3a request on day 9 reopens the case with an audited event', () => {
    const b = notMet();
    const closed = record(reduceCase(b.events), closeNotMet(b, '2026-03-10', { keepRightsOpen: true }));
    expect(closed.status).toBe('closed');
    const request = reviewRequest(b, '2026-03-19');
    const appended = decide(closed, request, eastHerts);
    expect(appended.map((e) => e.type)).toEqual(['case-reopened', 'threshold-review-requested']);
    // The reopening is derived from the request's id, so a retried request reopens once.
    expect(decide(closed, request, eastHerts)[0]!.id).toBe(appended[0]!.id);
    const after = record(closed, request);
    expect(after.status).toBe('appeal');
    expect(after.closed).toBeUndefined();
    expect(after.reopenings).toEqual([
      expect.objectContaining({ closedOn: '2026-03-10', reopenedOn: '2026-03-19' }),
    ]);
    expect(after.reopenings[0]!.reason).toMatch(
      /A request for a review of the decision was received on 2026-03-19, after the case closed on 2026-03-10/,
    );
    expect(after.timeline.slice(-2).map((t) => t.type)).toEqual([
      'case-reopened',
      'threshold-review-requested',
    ]);
    // Replaying what was appended gives the same case.
    const replayed = reduceCase([
      ...b.events,
      closeNotMet(b, '2026-03-10', { keepRightsOpen: true }),
      ...appended,
    ]);
    expect(replayed).toEqual(after);
  });

  it('keeps the window on the deadline list of a case closed with its rights open, until the window closes', () => {
    const b = notMet();
    const closed = record(reduceCase(b.events), closeNotMet(b, '2026-03-10', { keepRightsOpen: true }));
    expect(deadlines(closed, eastHerts, '2026-03-20')).toEqual([
      expect.objectContaining({ clock: 'thresholdReviewRequest', kind: 'window', dueOn: '2026-04-07' }),
    ]);
    expect(deadlines(closed, eastHerts, '2026-04-08')).toEqual([]);
  });

  it('closes once the applicant has waived the right (recorded); a later request then needs a reason to accept it', () => {
    const b = notMet();
    let state = reduceCase(b.events);
    const waiver = b.peek('right-waived', '2026-03-12', {
      right: 'threshold-review',
      waivedOn: '2026-03-12',
      how: 'in-writing',
    });
    state = record(state, waiver);
    expect(openRights(state, eastHerts, '2026-03-12')).toEqual([]);
    state = record(state, closeNotMet(b, '2026-03-12'));
    expect(state.status).toBe('closed');
    expect(whyNot(state, reviewRequest(b, '2026-03-20'), eastHerts)).toMatch(
      /waived the right.*on 2026-03-12/,
    );
    const accepted = record(
      state,
      reviewRequest(b, '2026-03-20', { acceptedOutOfTime: 'Waived under pressure' }),
    );
    expect(accepted.status).toBe('appeal');
    expect(accepted.reopenings).toHaveLength(1);
  });

  it('refuses a waiver of a right that is not open', () => {
    const b = notMet();
    const late = b.peek('right-waived', '2026-04-08', {
      right: 'threshold-review',
      waivedOn: '2026-04-08',
      how: 'phone',
    });
    expect(whyNot(reduceCase(b.events), late, eastHerts)).toMatch(/no open right/);
  });

  it('closes without a flag once the window has closed; a late request reopens it only when accepted out of time', () => {
    const b = notMet();
    const closed = record(reduceCase(b.events), closeNotMet(b, '2026-04-08'));
    expect(closed.status).toBe('closed');
    expect(whyNot(closed, reviewRequest(b, '2026-04-20'), eastHerts)).toMatch(
      /arrived on 2026-04-20, after the window closed on 2026-04-07/,
    );
    const reopened = record(
      closed,
      reviewRequest(b, '2026-04-20', { acceptedOutOfTime: 'Victim in hospital' }),
    );
    expect(reopened.status).toBe('appeal');
    expect(reopened.reopenings[0]!.reason).toMatch(/Accepted out of time: Victim in hospital/);
  });

  it('lets the SPOC reopen a closed case with a reason, and refuses to reopen an open one', () => {
    const b = notMet();
    const open = reduceCase(b.events);
    const reopen = b.peek('case-reopened', '2026-04-10', {
      reopenedOn: '2026-04-10',
      reason: 'Closed in error',
    });
    expect(whyNot(open, reopen, eastHerts)).toMatch(/not closed/);
    const closed = record(open, closeNotMet(b, '2026-04-08'));
    expect(record(closed, reopen).status).toBe('threshold-not-met');
  });
});

describe('appeals against "not met" work (East Herts s.13)', () => {
  it('accepts an appeal against the threshold decision within the window, and an upheld appeal meets the threshold', () => {
    const b = notMet();
    b.add('appeal-lodged', '2026-03-20', {
      appealId: 'ap-1',
      receivedOn: '2026-03-20',
      against: 'threshold-decision',
      grounds: ['facts-not-considered'],
    });
    b.add('appeal-heard', '2026-03-27', { appealId: 'ap-1', heardOn: '2026-03-27', by: 'Manager' });
    b.add('appeal-decided', '2026-03-30', {
      appealId: 'ap-1',
      decidedOn: '2026-03-30',
      outcome: 'upheld',
      reasons: ['A third report was missed'],
    });
    const state = reduceCase(b.events);
    expect(state.status).toBe('threshold-met');
    expect(state.decisions.map((d) => [d.outcome, d.by])).toEqual([
      ['not-met', 'decision'],
      ['met', 'appeal'],
    ]);
  });

  it('reopens a closed "not met" case when the appeal arrives, under Erewash (appeals to the PCC office) too', () => {
    const erewash = getPolicy('erewash');
    const b = new CaseBuilder()
      .received('2026-03-02', ['erewash-bc', 'derbyshire-police'])
      .decided('2026-03-10', 'not-met');
    const closed = record(
      reduceCase(b.events),
      closeNotMet(b, '2026-03-11', { keepRightsOpen: true }),
      erewash,
    );
    const appeal = b.peek('appeal-lodged', '2026-03-25', {
      appealId: 'ap-9',
      receivedOn: '2026-03-25',
      against: 'threshold-decision',
      grounds: ['threshold-wrongly-refused'],
    });
    const after = record(closed, appeal, erewash);
    expect(after.status).toBe('appeal');
    expect(after.timeline.at(-2)?.type).toBe('case-reopened');
  });
});

describe("the right to appeal the review's outcome survives closure", () => {
  function monitored(policy: Policy) {
    const b = new CaseBuilder().received('2026-03-02', agencies).decided('2026-03-10');
    const panel = [member('ehc'), member('herts-police'), member('social-housing')];
    b.add('review-held', '2026-04-14', {
      heldOn: '2026-04-14',
      attendees: panel,
      victimParticipation: 'attended',
      recommendations: [],
      actions: [],
    });
    b.add('outcome-sent', '2026-04-16', {
      sentOn: '2026-04-16',
      method: 'letter',
      victimConsultedOn: '2026-04-15',
    });
    return { b, state: reduceCase(b.events), policy };
  }
  const close = (b: CaseBuilder, on: string, extra: Record<string, unknown> = {}) =>
    b.peek('case-closed', on, { closedOn: on, reason: 'actions-complete', victimToldOn: on, ...extra });
  const appeal = (b: CaseBuilder, on: string, extra: Record<string, unknown> = {}) =>
    b.peek('appeal-lodged', on, {
      appealId: `ap-${on}`,
      receivedOn: on,
      against: 'review-outcome',
      grounds: ['policy-not-considered'],
      ...extra,
    });

  it('East Herts sets no time limit (s.13): closing needs the right kept open or waived, and an appeal months later reopens', () => {
    const { b, state } = monitored(eastHerts);
    expect(whyNot(state, close(b, '2026-05-01'), eastHerts)).toMatch(/the policy sets no time limit/);
    const closed = record(state, close(b, '2026-05-01', { keepRightsOpen: true }));
    const after = record(closed, appeal(b, '2026-09-01'));
    expect(after.status).toBe('appeal');
    expect(after.reopenings[0]).toMatchObject({ closedOn: '2026-05-01', reopenedOn: '2026-09-01' });
  });

  it('with an appeal window, closes freely after it and takes a late appeal only accepted out of time', () => {
    const policy = parsePolicy({
      ...eastHerts,
      clocks: {
        ...eastHerts.clocks,
        appealWindow: { amount: 20, unit: 'working-days', from: 'outcome-sent' },
      },
    });
    const { b, state } = monitored(policy);
    expect(whyNot(state, close(b, '2026-05-01'), policy)).toMatch(/until 2026-05-15/);
    const closed = record(state, close(b, '2026-05-18'), policy);
    expect(whyNot(closed, appeal(b, '2026-05-20'), policy)).toMatch(/after the window closed on 2026-05-15/);
    expect(
      record(closed, appeal(b, '2026-05-20', { acceptedOutOfTime: 'Letter lost in the post' }), policy)
        .status,
    ).toBe('appeal');
  });
});
