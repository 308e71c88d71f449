import fc from 'fast-check';
import { addDays, compareDates } from '../../../shared/dates';
import { getPolicy } from '../../../shared/policy/policy';
import { windowEnd } from '../../../shared/policy/windows';
import { parseApplication, secondReportPrompt, type PromptReport } from '../../../shared/threshold';
import { application, incident, report } from './fixtures';

const statutory = getPolicy('statutory');
const eastHerts = getPolicy('east-herts');
const today = '2026-12-31';

describe('secondReportPrompt', () => {
  test('a second report of a different incident within six months: explain the case review', () => {
    expect(
      secondReportPrompt(
        [
          { reportedOn: '2026-01-05', incidentId: 'a' },
          { reportedOn: '2026-03-10', incidentId: 'b' },
        ],
        statutory,
        today,
      ),
    ).toEqual({
      applies: true,
      from: '2026-03-10',
      after: '2026-01-05',
      reason:
        'The victim reported again on 10 March 2026, within 6 months of their report of 5 January 2026: explain the ASB case review to them, whether or not they meet the threshold.',
    });
  });

  test('the last day of six months applies, the day after does not (month-end clamp)', () => {
    const pair = (second: string): PromptReport[] => [
      { reportedOn: '2025-08-31', incidentId: 'a' },
      { reportedOn: second, incidentId: 'b' },
    ];
    expect(secondReportPrompt(pair('2026-02-28'), statutory, today)).toMatchObject({
      applies: true,
      from: '2026-02-28',
    });
    expect(secondReportPrompt(pair('2026-03-01'), statutory, today)).toEqual({
      applies: false,
      reason: 'No report followed an earlier one within 6 months; the latest report was on 2026-03-01.',
    });
  });

  test('one incident reported to two agencies on the same day is one report', () => {
    const result = secondReportPrompt(
      [
        { reportedOn: '2026-03-01', incidentId: 'a' },
        { reportedOn: '2026-03-01', incidentId: 'a' },
      ],
      statutory,
      '2026-03-02',
    );
    expect(result).toEqual({
      applies: false,
      reason:
        'Only one report has been recorded (2026-03-01). If the victim reports again by 2026-09-01, explain the ASB case review to them.',
    });
  });

  test('one incident reported again later, to another agency, is still one report', () => {
    const result = secondReportPrompt(
      [
        { reportedOn: '2026-03-01', incidentId: 'a' },
        { reportedOn: '2026-03-20', incidentId: 'a' },
      ],
      statutory,
      today,
    );
    expect(result.applies).toBe(false);
  });

  test('two different incidents reported on the same day are two reports', () => {
    const result = secondReportPrompt(
      [
        { reportedOn: '2026-03-01', incidentId: 'a' },
        { reportedOn: '2026-03-01', incidentId: 'b' },
      ],
      statutory,
      today,
    );
    expect(result).toMatchObject({ applies: true, from: '2026-03-01', after: '2026-03-01' });
  });

  test('without incident ids, same-day reports are one incident and different days are different ones', () => {
    expect(
      secondReportPrompt([{ reportedOn: '2026-03-01' }, { reportedOn: '2026-03-01' }], statutory, today)
        .applies,
    ).toBe(false);
    expect(
      secondReportPrompt([{ reportedOn: '2026-03-01' }, { reportedOn: '2026-03-02' }], statutory, today),
    ).toMatchObject({ applies: true, from: '2026-03-02' });
  });

  test('the earliest second report is the date the prompt applies from', () => {
    const result = secondReportPrompt(
      [
        { reportedOn: '2026-03-01', incidentId: 'c' },
        { reportedOn: '2024-01-01', incidentId: 'a' },
        { reportedOn: '2025-09-01', incidentId: 'b' },
        { reportedOn: '2026-02-01', incidentId: 'd' },
      ],
      statutory,
      today,
    );
    expect(result).toMatchObject({ applies: true, from: '2026-02-01', after: '2025-09-01' });
  });

  test('reports dated after today are ignored', () => {
    const reports: PromptReport[] = [
      { reportedOn: '2026-03-01', incidentId: 'a' },
      { reportedOn: '2026-03-20', incidentId: 'b' },
    ];
    expect(secondReportPrompt(reports, statutory, '2026-03-19').applies).toBe(false);
    expect(secondReportPrompt(reports, statutory, '2026-03-20').applies).toBe(true);
  });

  test('no reports', () => {
    expect(secondReportPrompt([], statutory, today)).toEqual({
      applies: false,
      reason: 'No report has been recorded yet, so there is no second report.',
    });
  });

  test('one report long ago: no watch date once it has passed', () => {
    expect(secondReportPrompt([{ reportedOn: '2025-01-01' }], statutory, today)).toEqual({
      applies: false,
      reason: 'Only one report has been recorded (2025-01-01).',
    });
  });

  test('a disabled policy never applies', () => {
    const policy = getPolicy('statutory');
    policy.secondReportPrompt.enabled = false;
    expect(
      secondReportPrompt(
        [
          { reportedOn: '2026-03-01', incidentId: 'a' },
          { reportedOn: '2026-03-02', incidentId: 'b' },
        ],
        policy,
        today,
      ),
    ).toEqual({
      applies: false,
      reason:
        'This policy does not ask staff to explain the case review when a victim reports a second time.',
    });
  });

  test("the policy's window is used", () => {
    const policy = getPolicy('statutory');
    policy.secondReportPrompt.within = { amount: 30, unit: 'calendar-days' };
    const pair = (second: string): PromptReport[] => [
      { reportedOn: '2026-01-01', incidentId: 'a' },
      { reportedOn: second, incidentId: 'b' },
    ];
    expect(secondReportPrompt(pair('2026-01-31'), policy, today).applies).toBe(true);
    expect(secondReportPrompt(pair('2026-02-01'), policy, today)).toMatchObject({
      applies: false,
      reason: 'No report followed an earlier one within 30 days; the latest report was on 2026-02-01.',
    });
  });

  test('diary sheets are reports only where the policy counts them', () => {
    const reports: PromptReport[] = [
      { reportedOn: '2026-03-01', incidentId: 'a' },
      { reportedOn: '2026-03-05', incidentId: 'b', kind: 'diary-sheet' },
    ];
    expect(secondReportPrompt(reports, statutory, today).applies).toBe(true);
    expect(secondReportPrompt(reports, eastHerts, today).applies).toBe(false);
  });

  test("takes an application's incidents", () => {
    const app = parseApplication(
      application('2026-04-01', [
        incident('a', '2026-01-01', [report('police', '2026-01-02'), report('council', '2026-01-02')]),
        incident('b', '2026-03-01', [report('council', '2026-03-03')]),
      ]),
    );
    expect(secondReportPrompt(app, statutory, '2026-04-01')).toMatchObject({
      applies: true,
      from: '2026-03-03',
      after: '2026-01-02',
    });
    expect(
      secondReportPrompt({ incidents: app.incidents.slice(0, 1) }, statutory, '2026-04-01').applies,
    ).toBe(false);
  });

  test('rejects a date that is not a calendar date', () => {
    expect(() => secondReportPrompt([], statutory, '2026-02-30')).toThrow('is not a calendar date');
    expect(() => secondReportPrompt([{ reportedOn: '1 March' }], statutory, today)).toThrow(
      'is not a calendar date',
    );
  });

  test('property: applies exactly when two distinct incidents were first reported within the window', () => {
    const within = statutory.secondReportPrompt.within;
    const reports = fc.array(
      fc.record({
        reportedOn: fc.integer({ min: 0, max: 900 }).map((n) => addDays('2024-01-01', n)),
        incidentId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(reports, (list) => {
        const first = new Map<string, string>();
        for (const r of list) {
          const seen = first.get(r.incidentId);
          if (seen === undefined || r.reportedOn < seen) first.set(r.incidentId, r.reportedOn);
        }
        const dates = [...first.values()];
        const pairs = dates.flatMap((a, i) =>
          dates.filter(
            (b, j) => i !== j && compareDates(a, b) <= 0 && compareDates(b, windowEnd(a, within)) <= 0,
          ),
        );
        const result = secondReportPrompt(list, statutory, '2026-12-31');
        expect(result.applies).toBe(pairs.length > 0);
        if (result.applies) {
          expect(result.from).toBe([...pairs].sort()[0]);
          expect(compareDates(result.from!, windowEnd(result.after!, within))).toBeLessThanOrEqual(0);
        }
      }),
    );
  });
});
