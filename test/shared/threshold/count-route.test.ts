/**
 * assessThreshold: the count route: complaints counted once an incident, the number the policy sets, and
 * the seeds' scenarios.
 */
import { assessThreshold } from '../../../shared/threshold';
import {
  application,
  eastHerts,
  erewash,
  incident,
  only,
  report,
  statutory,
  threeInTime,
  withThreshold,
} from './fixtures';

describe('an incident counts once however many agencies it was reported to', () => {
  test('one incident reported to three agencies counts once', () => {
    const result = assessThreshold(
      application('2026-05-01', [
        incident('a', '2026-03-01', [
          report('ehc', '2026-03-01'),
          report('herts-police', '2026-03-01'),
          report('social-housing', '2026-03-02'),
        ]),
      ]),
      eastHerts,
    );
    expect(result.qualifyingCount).toBe(1);
    expect(result.outcome).toBe('not-met');
    expect(only(result).reasons).toEqual([
      'Reported to East Herts District Council on 2026-03-01, the day of the incident (within 30 days).',
      'The application was received on 2026-05-01, within 6 months of the report of 2026-03-01.',
      'It was also reported to Hertfordshire Constabulary (2026-03-01) and Registered provider of social housing (2026-03-02); an incident counts once, however many agencies it was reported to.',
    ]);
  });

  test('an agency the policy does not list is shown by the name given', () => {
    const result = assessThreshold(
      application('2026-05-01', [incident('a', '2026-03-01', [report('RSPCA', '2026-03-03')])]),
      statutory,
    );
    expect(only(result).reasons[0]).toMatch(/^Reported to RSPCA on 2026-03-03/);
  });
});

describe('the count route', () => {
  test('three qualifying complaints meet it', () => {
    const result = assessThreshold(application('2026-04-01', threeInTime), statutory);
    expect(result).toMatchObject({ outcome: 'met', route: 'count', qualifyingCount: 3, required: 3 });
    expect(result.reasons).toEqual([
      'The threshold is met by the number of qualifying complaints.',
      '3 of the 3 incidents count as qualifying complaints; the policy needs 3, so the count is met.',
    ]);
  });

  test('two do not', () => {
    const result = assessThreshold(application('2026-04-01', threeInTime.slice(0, 2)), statutory);
    expect(result).toMatchObject({ outcome: 'not-met', qualifyingCount: 2, required: 3 });
    expect(result.route).toBeUndefined();
    expect(result.reasons).toEqual([
      'The threshold is not met on the information given.',
      '2 of the 2 incidents count as qualifying complaints; the policy needs 3.',
    ]);
  });

  test('a council may set a lower number (s.104(4))', () => {
    const one = withThreshold('statutory', (t) => {
      t.count.qualifyingComplaints = 1;
    });
    const result = assessThreshold(application('2026-04-01', threeInTime.slice(0, 1)), one);
    expect(result).toMatchObject({ outcome: 'met', route: 'count', qualifyingCount: 1, required: 1 });
    expect(result.reasons[1]).toBe(
      'The one incident counts as a qualifying complaint; the policy needs 1, so the count is met.',
    );
  });

  test('no incidents yet', () => {
    const result = assessThreshold(application('2026-04-01', []), statutory);
    expect(result).toEqual({
      outcome: 'not-met',
      qualifyingCount: 0,
      required: 3,
      incidents: [],
      reasons: [
        'The threshold is not met on the information given.',
        'No incidents have been recorded; the policy needs 3 qualifying complaints.',
      ],
    });
  });

  test('an incident with no report yet', () => {
    const result = assessThreshold(application('2026-04-01', [incident('a', '2026-03-01', [])]), statutory);
    expect(only(result)).toEqual({
      id: 'a',
      qualifies: false,
      reasons: ['No report of this incident has been recorded, so it cannot count.'],
    });
  });

  test('incidents keep the order of the application and the input is not changed', () => {
    const app = application('2026-04-01', [
      incident('z', '2026-03-01', [report('police', '2026-03-09'), report('council', '2026-03-02')]),
      incident('a', '2026-02-01', []),
    ]);
    const before = JSON.stringify(app);
    const result = assessThreshold(app, statutory);
    expect(result.incidents.map((i) => i.id)).toEqual(['z', 'a']);
    expect(JSON.stringify(app)).toBe(before);
    expect(result.incidents[0]!.reasons[0]).toContain('on 2026-03-02'); // the earliest qualifying report
  });
});

describe("the seeds' scenarios", () => {
  test('East Herts s.5: three separate incidents reported to council, police or housing within 30 days each, within 6 months', () => {
    const incidents = [
      incident('noise-1', '2026-01-05', [report('ehc', '2026-01-20')]),
      incident('criminal-damage', '2026-02-14', [
        report('herts-police', '2026-02-14'),
        report('ehc', '2026-02-16'),
      ]),
      incident('noise-2', '2026-03-30', [report('social-housing', '2026-04-28')]),
    ];
    const met = assessThreshold(application('2026-07-20', incidents), eastHerts);
    expect(met).toMatchObject({ outcome: 'met', route: 'count', qualifyingCount: 3, required: 3 });
    // Received a day after 6 months from the first report (2026-01-20): only two qualify.
    const late = assessThreshold(application('2026-07-21', incidents), eastHerts);
    expect(late).toMatchObject({ outcome: 'not-met', qualifyingCount: 2 });
    // The third reported on day 31 instead: not a qualifying complaint.
    const day31 = incidents
      .slice(0, 2)
      .concat(incident('noise-2', '2026-03-30', [report('social-housing', '2026-04-30')]));
    expect(assessThreshold(application('2026-07-20', day31), eastHerts).outcome).toBe('not-met');
    // The third only on diary sheets: not a qualifying complaint in East Herts.
    const diary = incidents
      .slice(0, 2)
      .concat(incident('noise-2', '2026-03-30', [report('ehc', '2026-04-02', { kind: 'diary-sheet' })]));
    expect(assessThreshold(application('2026-07-20', diary), eastHerts).outcome).toBe('not-met');
  });

  test('Erewash: three or more related incidents within the last six months', () => {
    const incidents = [
      incident('1', '2026-02-01', [report('erewash-bc', '2026-02-02')]),
      incident('2', '2026-03-01', [report('derbyshire-police', '2026-03-01')]),
      incident('3', '2026-04-01', [report('social-housing', '2026-04-20')]),
      incident('4', '2026-05-01', [report('erewash-bc', '2026-05-03', { kind: 'diary-sheet' })]),
    ];
    expect(assessThreshold(application('2026-06-01', incidents), erewash)).toMatchObject({
      outcome: 'met',
      route: 'count',
      qualifyingCount: 4, // Erewash counts diary sheets
    });
    expect(assessThreshold(application('2026-06-01', incidents.slice(0, 2)), erewash).outcome).toBe(
      'not-met',
    );
  });
});
