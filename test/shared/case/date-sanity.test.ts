import {
  addDays,
  addMonths,
  CASE_REVIEW_COMMENCEMENT,
  compareDates,
  daysInMonth,
  deadlines,
  describeWindow,
  getPolicy,
  InvalidDateError,
  maxDate,
  nextDeadline,
  openRights,
  parseApplication,
  publishedStatistics,
  reduceCase,
  statisticsForFinancialYear,
  statisticsPublicationDue,
  whyNot,
  windowEnd,
  withinWindow,
  type CaseEvent,
  type Window,
} from '../../../shared';
import { londonOffsetMinutes, londonWallTime, londonWallTimeToInstant } from '../../../shared/panel';
import { CaseBuilder, member, sampleApplication } from '../../support/case-builder';

const eastHerts = getPolicy('east-herts');
const agencies = ['ehc', 'herts-police', 'social-housing', 'icb'];

/**
 * Issue 11 point 6, at the rules: a date within sane bounds for what it is, each refusal naming the field.
 * The case review (s.104) came into force on 20 October 2014 (SI 2014/2590 art. 3(d), (f)).
 */
describe('dates a person would check', () => {
  it('starts no earlier than the day s.104 came into force', () => {
    expect(CASE_REVIEW_COMMENCEMENT).toBe('2014-10-20');
  });

  it('refuses an incident in year 0000, naming the field', () => {
    const app = sampleApplication('2026-03-02', ['0000-01-05', '2026-01-20', '2026-02-10']);
    expect(() => parseApplication(app)).toThrow(
      /incidents\[0\]\.occurredOn: 0000-01-05 is before the case review came into force/,
    );
  });

  it('refuses any business date before the Act, naming its field', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    const ack = b.peek('acknowledged', '2026-03-03', { sentOn: '1900-03-03', to: 'victim' });
    expect(whyNot(reduceCase(b.events), ack, eastHerts)).toMatch(
      /^sentOn: 1900-03-03 is before the case review came into force/,
    );
  });

  it('refuses a report before the incident it reports (the application and an agency return)', () => {
    const app = sampleApplication('2026-03-02', ['2026-01-05']);
    app.incidents[0]!.reports[0]!.reportedOn = '2026-01-04';
    expect(() => parseApplication(app)).toThrow(
      /incidents\[0\]\.reports\[0\]\.reportedOn: The report is dated 2026-01-04, before the incident/,
    );
    const b = new CaseBuilder().received('2026-03-02', agencies);
    b.add('returns-requested', '2026-03-03', {
      requestedOn: '2026-03-03',
      requests: [{ requestId: 'rq-1', agencyId: 'herts-police' }],
      incidentIds: [],
    });
    const ret = b.peek('return-received', '2026-03-04', {
      requestId: 'rq-1',
      agencyId: 'herts-police',
      receivedOn: '2026-03-04',
      incidents: [{ incidentId: 'inc-1', holdsRecord: true, reportedOn: '2026-01-01' }],
      submittedBy: 'p-1',
    });
    expect(whyNot(reduceCase(b.events), ret, eastHerts)).toMatch(
      /^incidents\[0\]\.reportedOn: the report is dated 2026-01-01, before incident "inc-1" happened \(2026-01-05\)/,
    );
  });

  it('books a panel within the coming year, never in 9999', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies).decided('2026-03-10');
    const booking = (start: string, end: string): CaseEvent =>
      b.peek('panel-booked', '2026-03-12', {
        bookingId: 'bk-1',
        start,
        end,
        members: [member('ehc')],
        chair: { name: 'Chair', organisation: 'Stevenage Borough Council', independent: true },
        victimParticipation: 'undecided',
      });
    const state = reduceCase(b.events);
    expect(whyNot(state, booking('9999-04-14T09:00:00Z', '9999-04-14T10:00:00Z'), eastHerts)).toMatch(
      /^start: a panel on 9999-04-14 is more than a year after today \(2026-03-12\)/,
    );
    expect(whyNot(state, booking('2027-03-12T09:00:00Z', '2027-03-12T10:00:00Z'), eastHerts)).toBeUndefined();
    expect(whyNot(state, booking('2026-03-09T09:00:00Z', '2026-03-09T10:00:00Z'), eastHerts)).toMatch(
      /^start: .* before the threshold decision/,
    );
  });

  it('remembers which incidents each request asked about (state carries what readers need)', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    b.add('returns-requested', '2026-03-03', {
      requestedOn: '2026-03-03',
      requests: [{ requestId: 'rq-1', agencyId: 'herts-police' }],
      incidentIds: ['inc-2'],
    });
    expect(reduceCase(b.events).requests[0]?.incidentIds).toEqual(['inc-2']);
  });
});

/** Issue 13 point 5: every exported function checks its dates and periods and says what is wrong. */
describe('the rules keep their promise for every caller', () => {
  const state = reduceCase(new CaseBuilder().received('2026-03-02', agencies).events);
  const bad = ['2026-04-31', '2026-4-1', '', 'yesterday'];

  it.each(bad)('publishedStatistics refuses "%s" at once, never loops', (date) => {
    expect(() => publishedStatistics([], date, '2027-03-31')).toThrow(InvalidDateError);
    expect(() => publishedStatistics([], '2026-04-01', date)).toThrow(InvalidDateError);
    expect(() => statisticsForFinancialYear([], date)).toThrow(InvalidDateError);
  });

  it.each(bad)('the clocks, rights and date helpers refuse "%s" with a clear error', (date) => {
    const message = new RegExp(`"${date}" is not a calendar date; write it as YYYY-MM-DD`);
    for (const call of [
      () => deadlines(state, eastHerts, date),
      () => nextDeadline(state, eastHerts, date),
      () => openRights(state, eastHerts, date),
      () => statisticsPublicationDue(eastHerts, date),
      () => compareDates(date, '2026-01-01'),
      () => maxDate('2026-01-01', date),
      () => addDays(date, 1),
      () => addMonths(date, 1),
      () => windowEnd(date, { amount: 1, unit: 'calendar-days' }),
      () => withinWindow('2026-01-01', date, { amount: 1, unit: 'calendar-days' }),
    ])
      expect(call).toThrow(message);
  });

  it('refuses periods that are not whole numbers of known units', () => {
    const windows = [
      { amount: -1, unit: 'calendar-days' },
      { amount: 1.5, unit: 'working-days' },
      { amount: 1, unit: 'fortnights' },
      { amount: Number.NaN, unit: 'calendar-months' },
    ] as unknown as Window[];
    for (const w of windows) {
      expect(() => windowEnd('2026-01-01', w)).toThrow(/is not a period/);
      expect(() => describeWindow(w)).toThrow(/is not a period/);
    }
    expect(() => addDays('2026-01-01', 0.5)).toThrow(/whole number/);
    expect(() => addMonths('2026-01-01', Number.POSITIVE_INFINITY)).toThrow(/whole number/);
    expect(() => daysInMonth(2026, 13)).toThrow(/no month 13/);
    expect(() => publishedStatistics([], '2027-04-01', '2026-03-31')).toThrow(
      /starts \(2027-04-01\) after it ends/,
    );
  });

  it('refuses instants and times of day that are not, rather than failing deep inside', () => {
    expect(() => londonWallTime('yesterday')).toThrow(/"yesterday" is not an instant/);
    expect(() => londonOffsetMinutes(Number.NaN)).toThrow(/not an instant/);
    expect(() => londonWallTimeToInstant('2026-03-10', Number.NaN)).toThrow(/not a time of day/);
    expect(() => londonWallTimeToInstant('2026-3-10', 600)).toThrow(InvalidDateError);
  });
});
