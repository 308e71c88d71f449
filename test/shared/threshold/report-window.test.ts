/** assessThreshold: the report window, the look-back from the application to the report, and diary sheets. */
import { getPolicy } from '../../../shared/policy/policy';
import { assessThreshold } from '../../../shared/threshold';
import {
  application,
  eastHerts,
  erewash,
  incident,
  only,
  report,
  statutory,
  withThreshold,
} from './fixtures';

describe('report window: a complaint made within the window of the incident', () => {
  test.each([
    ['statutory', statutory],
    ['erewash', erewash],
  ])('%s (one calendar month): 31 January reported on 28 February qualifies', (_, policy) => {
    const result = assessThreshold(
      application('2026-03-10', [incident('a', '2026-01-31', [report('police', '2026-02-28')])]),
      policy,
    );
    expect(only(result)).toEqual({
      id: 'a',
      qualifies: true,
      reasons: [
        expect.stringMatching(
          /^Reported to .+ on 2026-02-28, 28 days after the incident \(within 1 month\)\.$/,
        ),
        'The application was received on 2026-03-10, within 6 months of the report of 2026-02-28.',
      ],
    });
    expect(result.qualifyingCount).toBe(1);
  });

  test.each([
    ['statutory', statutory],
    ['erewash', erewash],
  ])('%s (one calendar month): 31 January reported on 1 March does not', (_, policy) => {
    const result = assessThreshold(
      application('2026-03-10', [incident('a', '2026-01-31', [report('council', '2026-03-01')])]),
      policy,
    );
    const a = only(result);
    expect(a.qualifies).toBe(false);
    expect(a.reasons).toEqual([
      expect.stringMatching(
        /^Reported to .+ on 2026-03-01, 29 days after the incident: too late, as a report must be made within 1 month of the incident \(by 2026-02-28\)\.$/,
      ),
    ]);
  });

  test('statutory: the example sentence from the brief', () => {
    const result = assessThreshold(
      application('2026-04-01', [incident('a', '2026-02-25', [report('police', '2026-03-02')])]),
      statutory,
    );
    expect(only(result).reasons[0]).toBe(
      'Reported to Police on 2026-03-02, 5 days after the incident (within 1 month).',
    );
  });

  test('East Herts (30 days): day 30 qualifies, day 31 does not', () => {
    const result = assessThreshold(
      application('2026-03-10', [
        incident('day-30', '2026-01-01', [report('ehc', '2026-01-31')]),
        incident('day-31', '2026-01-01', [report('ehc', '2026-02-01')]),
      ]),
      eastHerts,
    );
    expect(result.incidents.map((i) => i.qualifies)).toEqual([true, false]);
    expect(result.incidents[0]!.reasons[0]).toBe(
      'Reported to East Herts District Council on 2026-01-31, 30 days after the incident (within 30 days).',
    );
    expect(result.incidents[1]!.reasons[0]).toBe(
      'Reported to East Herts District Council on 2026-02-01, 31 days after the incident: too late, as a report must be made within 30 days of the incident (by 2026-01-31).',
    );
  });

  test('30 days and one month differ either way, depending on the month', () => {
    // After 31 January, 30 days run to 2 March but one month only to 28 February.
    const jan = application('2026-03-10', [incident('a', '2026-01-31', [report('ehc', '2026-03-02')])]);
    expect(only(assessThreshold(jan, eastHerts)).qualifies).toBe(true);
    expect(only(assessThreshold(jan, statutory)).qualifies).toBe(false);
    // After 1 March, 30 days run to 31 March but one month to 1 April.
    const mar = application('2026-04-10', [incident('a', '2026-03-01', [report('ehc', '2026-04-01')])]);
    expect(only(assessThreshold(mar, eastHerts)).qualifies).toBe(false);
    expect(only(assessThreshold(mar, statutory)).qualifies).toBe(true);
  });

  test('a report on the day of the incident says so', () => {
    const result = assessThreshold(
      application('2026-03-10', [incident('a', '2026-03-01', [report('police', '2026-03-01')])]),
      statutory,
    );
    expect(only(result).reasons[0]).toBe(
      'Reported to Police on 2026-03-01, the day of the incident (within 1 month).',
    );
  });

  test('a working-day report window uses the bank holiday calendar', () => {
    const policy = withThreshold('statutory', (t) => {
      t.reportWindow = { amount: 1, unit: 'working-days' };
    });
    // Thursday 2 April 2026; Good Friday and Easter Monday are bank holidays, so the window ends 7 April.
    const result = assessThreshold(
      application('2026-05-01', [
        incident('in', '2026-04-02', [report('police', '2026-04-07')]),
        incident('out', '2026-04-02', [report('police', '2026-04-08')]),
      ]),
      policy,
    );
    expect(result.incidents.map((i) => i.qualifies)).toEqual([true, false]);
    expect(result.incidents[1]!.reasons[0]).toContain('within 1 working day of the incident (by 2026-04-07)');
  });
});

describe('look-back: the application within six months of the same report', () => {
  test.each([
    ['statutory', statutory],
    ['east-herts', eastHerts],
    ['erewash', erewash],
  ])('%s: the last day of six months qualifies, the day after does not', (_, policy) => {
    const inc = incident('a', '2026-03-01', [report('x', '2026-03-02')]);
    expect(only(assessThreshold(application('2026-09-02', [inc]), policy)).qualifies).toBe(true);
    const late = only(assessThreshold(application('2026-09-03', [inc]), policy));
    expect(late.qualifies).toBe(false);
    expect(late.reasons).toContain(
      'The application was received on 2026-09-03, more than 6 months after the report of 2026-03-02 (the last day was 2026-09-02).',
    );
  });

  test.each([
    ['statutory', statutory],
    ['east-herts', eastHerts],
    ['erewash', erewash],
  ])('%s: a month-end clamp, report 2025-08-31 -> last day 2026-02-28', (_, policy) => {
    const inc = incident('a', '2025-08-30', [report('x', '2025-08-31')]);
    expect(only(assessThreshold(application('2026-02-28', [inc]), policy)).qualifies).toBe(true);
    const late = only(assessThreshold(application('2026-03-01', [inc]), policy));
    expect(late.qualifies).toBe(false);
    expect(late.reasons.join(' ')).toContain('(the last day was 2026-02-28)');
  });

  test('the same report must meet both limits', () => {
    // The prompt report is too old for the application; the recent one was made too late.
    const inc = incident('a', '2025-01-10', [
      report('police', '2025-01-20'),
      report('council', '2025-03-01'),
    ]);
    const a = only(assessThreshold(application('2025-08-01', [inc]), statutory));
    expect(a.qualifies).toBe(false);
    expect(a.reasons).toEqual([
      'Reported to Police on 2025-01-20, 10 days after the incident (within 1 month).',
      'The application was received on 2025-08-01, more than 6 months after the report of 2025-01-20 (the last day was 2025-07-20).',
      'Reported to District or unitary council on 2025-03-01, 50 days after the incident: too late, as a report must be made within 1 month of the incident (by 2025-02-10).',
      'None of its reports meets both time limits, so it does not count.',
    ]);
  });

  test('a later report in time rescues an incident whose first report is too old', () => {
    const inc = incident('a', '2025-01-10', [
      report('police', '2025-01-12'),
      report('council', '2025-02-05'),
    ]);
    const a = only(assessThreshold(application('2025-08-01', [inc]), statutory));
    expect(a.qualifies).toBe(true);
    expect(a.reasons[0]).toContain('District or unitary council on 2025-02-05');
  });
});

describe('diary sheets', () => {
  const diary = (policyId: string) =>
    assessThreshold(
      application('2026-05-01', [
        incident('a', '2026-03-01', [report('ehc', '2026-03-05', { kind: 'diary-sheet' })]),
      ]),
      getPolicy(policyId),
    );

  test('East Herts: a diary sheet never makes an incident qualify, and the reason says so', () => {
    const a = only(diary('east-herts'));
    expect(a.qualifies).toBe(false);
    expect(a.reasons).toEqual([
      'Diary sheet given to East Herts District Council on 2026-03-05: this policy does not count diary sheets as reports.',
    ]);
  });

  test.each(['statutory', 'erewash'])('%s: a diary sheet in time counts', (id) => {
    const a = only(diary(id));
    expect(a.qualifies).toBe(true);
    expect(a.reasons[0]).toMatch(/^Diary sheet given to ehc on 2026-03-05, 4 days after the incident/);
  });

  test('East Herts: an incident with a diary sheet and a report in time qualifies by the report', () => {
    const result = assessThreshold(
      application('2026-05-01', [
        incident('a', '2026-03-01', [
          report('ehc', '2026-03-02', { kind: 'diary-sheet' }),
          report('herts-police', '2026-03-04'),
        ]),
      ]),
      eastHerts,
    );
    const a = only(result);
    expect(a.qualifies).toBe(true);
    expect(a.reasons[0]).toBe(
      'Reported to Hertfordshire Constabulary on 2026-03-04, 3 days after the incident (within 30 days).',
    );
    expect(a.reasons[2]).toContain('East Herts District Council (diary sheet, 2026-03-02)');
  });
});
