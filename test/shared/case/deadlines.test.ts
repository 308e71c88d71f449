import fc from 'fast-check';
import {
  caseClocks,
  deadlines,
  getPolicy,
  isWorkingDay,
  nextDeadline,
  reduceCase,
  type Deadline,
} from '../../../shared';
import { CaseBuilder, member } from '../../support/case-builder';

const eastHerts = getPolicy('east-herts');
const erewash = getPolicy('erewash');
const agencies = ['ehc', 'herts-police', 'social-housing'];
const panel = [member('ehc'), member('herts-police'), member('social-housing')];

const due = (list: Deadline[], clock: string) => list.find((d) => d.clock === clock);

describe('deadlines', () => {
  it('acknowledgement: 3 working days for East Herts, 5 for Erewash, from the application', () => {
    // Monday 2 March 2026.
    const eh = reduceCase(new CaseBuilder().received('2026-03-02', agencies).events, eastHerts);
    expect(due(deadlines(eh, eastHerts, '2026-03-02'), 'acknowledgement')).toMatchObject({
      dueOn: '2026-03-05',
      owner: 'spoc',
      overdue: false,
      workingDaysLeft: 3,
    });
    const ew = reduceCase(new CaseBuilder().received('2026-03-02', ['erewash-bc']).events, erewash);
    expect(due(deadlines(ew, erewash, '2026-03-02'), 'acknowledgement')?.dueOn).toBe('2026-03-09');
    expect(due(deadlines(eh, eastHerts, '2026-03-02'), 'thresholdDecision')?.dueOn).toBe('2026-03-20');
  });

  it('counts across Christmas: an application on 23 December 2025 is acknowledged by 30 December', () => {
    const state = reduceCase(
      new CaseBuilder().received('2025-12-23', agencies, ['2025-11-01', '2025-11-20', '2025-12-01']).events,
      eastHerts,
    );
    // 24 Dec, (25, 26 bank holidays, 27-28 weekend), 29 Dec, 30 Dec.
    expect(due(deadlines(state, eastHerts, '2025-12-23'), 'acknowledgement')?.dueOn).toBe('2025-12-30');
  });

  it('counts across Easter 2026 (Good Friday 3 April, Easter Monday 6 April)', () => {
    const state = reduceCase(new CaseBuilder().received('2026-04-01', agencies).events, eastHerts);
    // 2 April, (3-6 April), 7 April, 8 April.
    expect(due(deadlines(state, eastHerts, '2026-04-01'), 'acknowledgement')?.dueOn).toBe('2026-04-08');
  });

  it('counts across a substitute bank holiday (Christmas 2027 falls on a weekend)', () => {
    const state = reduceCase(
      new CaseBuilder().received('2027-12-23', agencies, ['2027-11-01', '2027-11-20', '2027-12-01']).events,
      eastHerts,
    );
    // 24 Dec, (25-26 weekend, 27 and 28 substitute days), 29 Dec, 30 Dec.
    expect(due(deadlines(state, eastHerts, '2027-12-23'), 'acknowledgement')?.dueOn).toBe('2027-12-30');
  });

  it('marks an overdue duty with the working days it is late, and stops it once met', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    const state = reduceCase(b.events, eastHerts);
    expect(due(deadlines(state, eastHerts, '2026-03-09'), 'acknowledgement')).toMatchObject({
      overdue: true,
      workingDaysLeft: -2,
    });
    b.add('acknowledged', '2026-03-09', { sentOn: '2026-03-09', to: 'victim' });
    const after = reduceCase(b.events, eastHerts);
    expect(due(deadlines(after, eastHerts, '2026-03-09'), 'acknowledgement')).toBeUndefined();
    expect(caseClocks(after, eastHerts).find((c) => c.clock === 'acknowledgement')).toMatchObject({
      metOn: '2026-03-09',
      late: true,
    });
  });

  it('gives each agency its own return clock of 5 working days, with the agency as owner', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies).decided('2026-03-10');
    b.add('returns-requested', '2026-03-11', {
      requestedOn: '2026-03-11',
      requests: [
        { requestId: 'rq-1', agencyId: 'herts-police' },
        { requestId: 'rq-2', agencyId: 'social-housing' },
      ],
      incidentIds: ['inc-1'],
    });
    b.add('return-received', '2026-03-20', {
      requestId: 'rq-1',
      agencyId: 'herts-police',
      receivedOn: '2026-03-20',
      incidents: [],
      submittedBy: 'police-1',
    });
    const state = reduceCase(b.events, eastHerts);
    const returns = deadlines(state, eastHerts, '2026-03-19').filter((d) => d.clock === 'agencyReturn');
    expect(returns).toEqual([
      expect.objectContaining({
        agencyId: 'social-housing',
        dueOn: '2026-03-18',
        owner: 'agency',
        overdue: true,
        label: 'Return from Registered provider of social housing',
      }),
    ]);
    // The police return came after its due date: met, and marked late.
    expect(caseClocks(state, eastHerts).find((c) => c.requestId === 'rq-1')).toMatchObject({
      metOn: '2026-03-20',
      late: true,
    });
  });

  it('runs the victim contact from the "met" letter, and outcome and minutes from the review', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies).decided('2026-03-10');
    let list = deadlines(reduceCase(b.events, eastHerts), eastHerts, '2026-03-10');
    expect(due(list, 'victimContact')?.dueOn).toBe('2026-03-19');
    b.add('review-held', '2026-04-14', {
      heldOn: '2026-04-14',
      attendees: panel,
      victimParticipation: 'impact-statement',
      recommendations: [],
      actions: [
        { id: 'a1', description: 'CCTV review', ownerAgency: 'ehc', dueOn: '2026-05-29', status: 'open' },
      ],
    });
    list = deadlines(reduceCase(b.events, eastHerts), eastHerts, '2026-04-14');
    expect(due(list, 'outcome')?.dueOn).toBe('2026-04-21');
    expect(due(list, 'minutes')?.dueOn).toBe('2026-04-21');
    expect(due(list, 'victimContact')).toBeUndefined();
    expect(due(list, 'action')).toMatchObject({ owner: 'agency', agencyId: 'ehc', dueOn: '2026-05-29' });
  });

  it('shows the 28-day window to ask for a review of "not met", and drops it once closed unused', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies).decided('2026-03-10', 'not-met');
    const state = reduceCase(b.events, eastHerts);
    expect(due(deadlines(state, eastHerts, '2026-03-10'), 'thresholdReviewRequest')).toMatchObject({
      kind: 'window',
      owner: 'applicant',
      dueOn: '2026-04-07',
    });
    expect(due(deadlines(state, eastHerts, '2026-04-08'), 'thresholdReviewRequest')).toBeUndefined();
  });

  it('appeals: heard within 15 working days of receipt, answered within 5 of the hearing', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies).decided('2026-03-10', 'not-met');
    b.add('appeal-lodged', '2026-03-16', {
      appealId: 'ap-1',
      receivedOn: '2026-03-16',
      against: 'threshold-decision',
      grounds: ['other'],
    });
    let list = deadlines(reduceCase(b.events, eastHerts), eastHerts, '2026-03-16');
    // 15 WD from Monday 16 March 2026 crosses Easter (3 and 6 April).
    expect(due(list, 'appealHearing')).toMatchObject({
      dueOn: '2026-04-08',
      owner: 'appeal-hearer',
      appealId: 'ap-1',
    });
    b.add('appeal-heard', '2026-04-01', { appealId: 'ap-1', heardOn: '2026-04-01', by: 'Manager' });
    list = deadlines(reduceCase(b.events, eastHerts), eastHerts, '2026-04-01');
    // 2 April, (Easter), 7, 8, 9, 10 April.
    expect(due(list, 'appealDecision')?.dueOn).toBe('2026-04-10');
  });

  it('a closed case has no running clocks', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    b.add('case-closed', '2026-03-03', { closedOn: '2026-03-03', reason: 'withdrawn' });
    expect(deadlines(reduceCase(b.events, eastHerts), eastHerts, '2026-03-03')).toEqual([]);
  });

  it('nextDeadline is the soonest duty, never a window', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    expect(nextDeadline(reduceCase(b.events, eastHerts), eastHerts, '2026-03-02')?.clock).toBe(
      'acknowledgement',
    );
  });

  it('every working-day due date lands on a working day, whatever day the application arrives', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 3 }), (offset) => {
        const day = new Date(Date.UTC(2025, 0, 1 + offset)).toISOString().slice(0, 10);
        const state = reduceCase(new CaseBuilder().received(day, agencies, [day]).events, eastHerts);
        const list = deadlines(state, eastHerts, day);
        return list.every((d) => isWorkingDay(d.dueOn) && d.dueOn > day && d.workingDaysLeft > 0);
      }),
      { numRuns: 200 },
    );
  });
});
