import {
  applyEvent,
  caseClocks,
  deadlines,
  getPolicy,
  parsePolicy,
  reduceCase,
  statisticsPublicationDue,
  whyNot,
  type CaseEvent,
  type CaseState,
  type Policy,
} from '../../../shared';
import { CaseBuilder, member, sampleApplication } from '../../support/case-builder';

/** Issue 13: "a duty is met by the act that meets it", and the 2025 guidance duties as policy switches. */

const eastHerts = getPolicy('east-herts');
const agencies = ['ehc', 'herts-police', 'social-housing', 'icb'];
const clock = (state: CaseState, name: string, policy: Policy = eastHerts) =>
  caseClocks(state, policy).find((c) => c.clock === name);
const withDuties = (duties: Partial<Policy['duties']>) =>
  parsePolicy({ ...eastHerts, duties: { ...eastHerts.duties, ...duties } });

/** A decision recorded with no "told on": the SPOC has not told the applicant yet. */
function decidedUntold(outcome: 'met' | 'not-met' = 'met') {
  const b = new CaseBuilder().received('2026-03-02', agencies);
  b.add('threshold-decided', '2026-03-10', {
    decidedOn: '2026-03-10',
    outcome,
    ...(outcome === 'met' ? { route: 'count' as const } : {}),
    advisedOutcome: outcome,
    reasons: [],
    decidedBy: 'spoc-1',
  });
  return b;
}

describe('telling the applicant is the letter or a recorded contact, never a default date (East Herts s.11)', () => {
  it('leaves "decide the threshold and tell the applicant" running until the CT4 letter is issued', () => {
    const b = decidedUntold();
    expect(clock(reduceCase(b.events), 'thresholdDecision')).toMatchObject({ dueOn: '2026-03-20' });
    expect(clock(reduceCase(b.events), 'thresholdDecision')?.metOn).toBeUndefined();
    expect(deadlines(reduceCase(b.events), eastHerts, '2026-03-12').map((d) => d.clock)).toContain(
      'thresholdDecision',
    );
    // A CT3 letter does not tell the applicant of a "met" decision.
    b.add('letter-issued', '2026-03-11', { letterId: 'l-1', kind: 'ct3', issuedOn: '2026-03-11' });
    expect(clock(reduceCase(b.events), 'thresholdDecision')?.metOn).toBeUndefined();
    b.add('letter-issued', '2026-03-12', { letterId: 'l-2', kind: 'ct4', issuedOn: '2026-03-12' });
    const state = reduceCase(b.events);
    expect(clock(state, 'thresholdDecision')).toMatchObject({ metOn: '2026-03-12', late: false });
    // The victim contact clock runs from the CT4 letter (s.11: "seven working days of the ... CT4 letter").
    expect(deadlines(state, eastHerts, '2026-03-12').find((d) => d.clock === 'victimContact')).toMatchObject({
      startedOn: '2026-03-12',
      dueOn: '2026-03-23',
    });
  });

  it('is met by a recorded contact (applicant-told), and refuses a second one', () => {
    const b = decidedUntold('not-met');
    b.add('applicant-told', '2026-03-11', {
      about: 'threshold-decision',
      toldOn: '2026-03-11',
      method: 'phone',
    });
    const state = reduceCase(b.events);
    expect(clock(state, 'thresholdDecision')?.metOn).toBe('2026-03-11');
    const again = b.peek('applicant-told', '2026-03-12', {
      about: 'threshold-decision',
      toldOn: '2026-03-12',
      method: 'letter',
    });
    expect(whyNot(state, again, eastHerts)).toMatch(/already told of the decision on 2026-03-11/);
  });

  it('keeps the appeal decision clock running until the appeal decision letter names that appeal', () => {
    const b = decidedUntold('not-met');
    b.add('threshold-review-requested', '2026-03-20', {
      appealId: 'ap-1',
      receivedOn: '2026-03-20',
      grounds: ['facts-not-considered'],
    });
    b.add('appeal-heard', '2026-03-27', { appealId: 'ap-1', heardOn: '2026-03-27', by: 'Peer' });
    b.add('appeal-decided', '2026-03-30', {
      appealId: 'ap-1',
      decidedOn: '2026-03-30',
      outcome: 'dismissed',
      reasons: [],
    });
    const decided = reduceCase(b.events);
    expect(decided.appeals[0]?.notifiedOn).toBeUndefined();
    expect(deadlines(decided, eastHerts, '2026-03-31').map((d) => d.clock)).toContain('appealDecision');
    b.add('letter-issued', '2026-03-31', {
      letterId: 'l-9',
      kind: 'appeal-decision',
      issuedOn: '2026-03-31',
      appealId: 'ap-1',
    });
    const told = reduceCase(b.events);
    expect(told.appeals[0]?.notifiedOn).toBe('2026-03-31');
    expect(caseClocks(told, eastHerts).find((c) => c.clock === 'appealDecision')?.metOn).toBe('2026-03-31');
  });
});

describe('a third party who applied is acknowledged too: CT1 and CT2 (East Herts s.11)', () => {
  // s.11: "Where the trigger has been activated by a Third Party an acknowledgement will be sent to them (CT2)".
  function thirdParty() {
    const b = new CaseBuilder();
    b.add('application-received', '2026-03-02', {
      receivedOn: '2026-03-02',
      channel: 'email',
      application: sampleApplication('2026-03-02', ['2026-01-05', '2026-01-20', '2026-02-10'], {
        applicant: { relationship: 'third-party', consentGiven: true, anonymous: false },
      }),
      spoc: 'spoc-1',
      agencies,
    });
    return b;
  }

  it('is not met by the letter to the victim alone; it is met when the third party has theirs', () => {
    const b = thirdParty();
    b.add('acknowledged', '2026-03-03', { sentOn: '2026-03-03', to: 'victim' });
    expect(clock(reduceCase(b.events), 'acknowledgement')?.metOn).toBeUndefined();
    b.add('acknowledged', '2026-03-05', { sentOn: '2026-03-05', to: 'third-party' });
    expect(clock(reduceCase(b.events), 'acknowledgement')).toMatchObject({
      metOn: '2026-03-05',
      late: false,
    });
  });

  it('is met by the first acknowledgement when the policy does not ask for both', () => {
    const b = thirdParty();
    b.add('acknowledged', '2026-03-03', { sentOn: '2026-03-03', to: 'victim' });
    expect(
      clock(reduceCase(b.events), 'acknowledgement', withDuties({ acknowledgeThirdParty: false }))?.metOn,
    ).toBe('2026-03-03');
  });

  it('refuses a CT2 for a victim who applied themselves, and an acknowledgement already sent', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    const state = reduceCase(b.events);
    const ct2 = b.peek('acknowledged', '2026-03-03', { sentOn: '2026-03-03', to: 'third-party' });
    expect(whyNot(state, ct2, eastHerts)).toMatch(/no third party/);
    const ct1 = b.peek('acknowledged', '2026-03-03', { sentOn: '2026-03-03', to: 'victim' });
    expect(whyNot(applyEvent(state, ct1, eastHerts), { ...ct1, id: 'again' }, eastHerts)).toMatch(
      /already acknowledged/,
    );
  });
});

describe('the 2025 statutory guidance duties, switched on in every preset', () => {
  function reviewed() {
    const b = new CaseBuilder().received('2026-03-02', agencies).decided('2026-03-10');
    b.add('review-held', '2026-04-14', {
      heldOn: '2026-04-14',
      attendees: [member('ehc'), member('herts-police'), member('social-housing')],
      victimParticipation: 'attended',
      recommendations: [],
      actions: [],
    });
    return b;
  }
  const outcome = (b: CaseBuilder, extra: Record<string, unknown> = {}): CaseEvent =>
    b.peek('outcome-sent', '2026-04-17', { sentOn: '2026-04-17', method: 'letter', ...extra });

  it('consults the victim on the action plan before the outcome, or records why not', () => {
    const b = reviewed();
    const state = reduceCase(b.events);
    expect(whyNot(state, outcome(b), eastHerts)).toMatch(/consulted on the action plan before the outcome/);
    expect(whyNot(state, outcome(b, { victimConsultedOn: '2026-04-17' }), eastHerts)).toBeUndefined();
    expect(whyNot(state, outcome(b, { victimConsultedOn: '2026-04-13' }), eastHerts)).toMatch(
      /before the review that drew up the action plan/,
    );
    expect(
      whyNot(state, outcome(b, { notConsultedReason: 'Victim declined to discuss it' }), eastHerts),
    ).toBeUndefined();
    expect(whyNot(state, outcome(b), withDuties({ consultVictimOnActionPlan: false }))).toBeUndefined();
    const recorded = applyEvent(state, outcome(b, { notConsultedReason: 'Victim declined' }), eastHerts);
    expect(recorded.reviews[0]?.notConsultedReason).toBe('Victim declined');
  });

  it('tells the victim when and why the case closes (a date, the closure letter first, or a reason why not)', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    const close = (extra: Record<string, unknown> = {}): CaseEvent =>
      b.peek('case-closed', '2026-03-05', { closedOn: '2026-03-05', reason: 'withdrawn', ...extra });
    const state = reduceCase(b.events);
    expect(whyNot(state, close(), eastHerts)).toMatch(/told when and why the case will close/);
    expect(whyNot(state, close({ victimToldOn: '2026-03-04' }), eastHerts)).toBeUndefined();
    expect(whyNot(state, close({ victimNotToldReason: 'No contact details' }), eastHerts)).toBeUndefined();
    expect(whyNot(state, close(), withDuties({ closureNotice: false }))).toBeUndefined();
    b.add('letter-issued', '2026-03-04', { letterId: 'l-c', kind: 'closure', issuedOn: '2026-03-04' });
    expect(whyNot(reduceCase(b.events), close(), eastHerts)).toBeUndefined();
  });
});

describe('routes the policy disables are not accepted (East Herts s.5 has neither hate nor community)', () => {
  const decision = (b: CaseBuilder, route: 'hate' | 'community' | 'count'): CaseEvent =>
    b.peek('threshold-decided', '2026-03-10', {
      decidedOn: '2026-03-10',
      outcome: 'met',
      route,
      advisedOutcome: 'met',
      reasons: [],
      decidedBy: 'spoc-1',
    });

  it.each(['hate', 'community'] as const)('refuses a decision met by the %s route', (route) => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    expect(whyNot(reduceCase(b.events), decision(b, route), eastHerts)).toMatch(
      new RegExp(`no "${route}" route`),
    );
    const withRoute = parsePolicy({
      ...eastHerts,
      threshold: { ...eastHerts.threshold, [route]: { ...eastHerts.threshold[route], enabled: true } },
    });
    expect(whyNot(reduceCase(b.events), decision(b, route), withRoute)).toBeUndefined();
  });
});

describe('publishing the figures is a clock (East Herts s.15 "At the end of each year")', () => {
  it('is due a month after the financial year ends in East Herts, and overdue after that unless published', () => {
    expect(statisticsPublicationDue(eastHerts, '2026-04-15')).toEqual({
      from: '2025-04-01',
      to: '2026-03-31',
      label: '2025-26',
      dueOn: '2026-04-30',
      published: false,
      overdue: false,
    });
    expect(statisticsPublicationDue(eastHerts, '2026-05-01').overdue).toBe(true);
    expect(statisticsPublicationDue(eastHerts, '2026-05-01', '2026-03-31')).toMatchObject({
      published: true,
      overdue: false,
    });
  });

  it('gives Erewash until September (its page: "The next update will be September 2021")', () => {
    expect(statisticsPublicationDue(getPolicy('erewash'), '2021-06-01')).toMatchObject({
      label: '2020-21',
      dueOn: '2021-09-30',
      overdue: false,
    });
  });
});
