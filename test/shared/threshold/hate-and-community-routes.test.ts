/**
 * assessThreshold: the optional routes a council may switch on: hate incidents, and individuals or
 * households in a community.
 */
import { getPolicy } from '../../../shared/policy/policy';
import { assessThreshold } from '../../../shared/threshold';
import { application, communityPolicy, hatePolicy, incident, report, withThreshold } from './fixtures';

describe('hate route (a custom policy: 1 hate incident within 3 months)', () => {
  test('one hate incident reported in time, on the last day of 3 months, meets it', () => {
    const result = assessThreshold(
      application('2026-05-28', [
        incident('h', '2026-02-27', [report('police', '2026-02-28')], { hate: true }),
      ]),
      hatePolicy,
    );
    expect(result).toMatchObject({ outcome: 'met', route: 'hate', qualifyingCount: 1 });
    expect(result.reasons).toEqual([
      'The threshold is met by the hate incident route.',
      'The one incident counts as a qualifying complaint; the policy needs 3.',
      'The hate incident route is met: 1 hate incident was reported within 1 month of happening and no more than 3 months before the application (the route needs 1).',
    ]);
  });

  test("the hate route's own look-back: 3 months and a day after the report is too old", () => {
    // 2026-02-28 + 3 months = 2026-05-28; the count route's 6 months still lets the incident qualify.
    const result = assessThreshold(
      application('2026-05-29', [
        incident('h', '2026-02-27', [report('police', '2026-02-28')], { hate: true }),
      ]),
      hatePolicy,
    );
    expect(result).toMatchObject({ outcome: 'not-met', qualifyingCount: 1 });
    expect(result.reasons[2]).toMatch(/^The hate incident route is not met: 0 hate incidents were reported/);
  });

  test('a hate incident reported late does not count', () => {
    const result = assessThreshold(
      application('2026-04-30', [
        incident('h', '2026-02-01', [report('police', '2026-03-15')], { hate: true }),
      ]),
      hatePolicy,
    );
    expect(result.outcome).toBe('not-met');
  });

  test('an incident not marked as hate does not count for the route', () => {
    const result = assessThreshold(
      application('2026-04-30', [incident('h', '2026-03-01', [report('police', '2026-03-02')])]),
      hatePolicy,
    );
    expect(result.outcome).toBe('not-met');
    expect(result.reasons).toContain(
      'The hate incident route is not met: no incident is marked as a hate incident or crime.',
    );
  });

  test('needs as many hate incidents as the policy says', () => {
    const two = withThreshold('statutory', (t) => {
      t.hate = { enabled: true, incidents: 2, lookBack: { amount: 6, unit: 'calendar-months' } };
    });
    const h = (id: string) => incident(id, '2026-03-01', [report('police', '2026-03-02')], { hate: true });
    expect(assessThreshold(application('2026-04-30', [h('1')]), two).outcome).toBe('not-met');
    expect(assessThreshold(application('2026-04-30', [h('1'), h('2')]), two)).toMatchObject({
      outcome: 'met',
      route: 'hate',
    });
  });

  test('the presets leave it off: a hate incident is counted like any other', () => {
    for (const id of ['statutory', 'east-herts', 'erewash']) {
      const result = assessThreshold(
        application('2026-04-30', [
          incident('h', '2026-03-01', [report('police', '2026-03-02')], { hate: true }),
        ]),
        getPolicy(id),
      );
      expect(result.outcome).toBe('not-met');
      expect(result.reasons.join(' ')).not.toContain('hate');
    }
  });

  test('the count route is evaluated first and wins', () => {
    const h = (id: string) => incident(id, '2026-03-01', [report('police', '2026-03-02')], { hate: true });
    const result = assessThreshold(application('2026-04-30', [h('1'), h('2'), h('3')]), hatePolicy);
    expect(result).toMatchObject({ outcome: 'met', route: 'count' });
    expect(result.reasons).toContain(
      'The hate incident route is met: 3 hate incidents were reported within 1 month of happening and no more than 3 months before the application (the route needs 1).',
    );
  });
});

describe('community route (a custom policy: 5 individuals or households within 6 months)', () => {
  const group = { victim: { kind: 'community-group' as const, vulnerable: false } };
  const byReporters = (...ids: string[]) =>
    ids.map((who, i) =>
      incident(`i${i}`, '2026-03-01', [report('council', '2026-03-05', { reportedBy: who })]),
    );

  test('five distinct reporters meet it for a community group', () => {
    const result = assessThreshold(
      application('2026-04-30', byReporters('H-1', 'H-2', 'H-3', 'H-4', 'H-5'), group),
      communityPolicy,
    );
    expect(result).toMatchObject({ outcome: 'met', route: 'count', qualifyingCount: 5 }); // count wins
    // Fewer incidents, same reporters: only the community route meets it.
    const two = [
      incident('a', '2026-03-01', [
        report('council', '2026-03-02', { reportedBy: 'H-1' }),
        report('police', '2026-03-02', { reportedBy: 'H-2' }),
        report('housing', '2026-03-03', { reportedBy: 'H-3' }),
      ]),
      incident('b', '2026-03-10', [
        report('council', '2026-03-12', { reportedBy: 'H-4' }),
        report('police', '2026-03-12', { reportedBy: 'H-5' }),
      ]),
    ];
    const community = assessThreshold(application('2026-04-30', two, group), communityPolicy);
    expect(community).toMatchObject({ outcome: 'met', route: 'community', qualifyingCount: 2 });
    expect(community.reasons).toContain(
      'The community route is met: 5 different individuals or households reported incidents within 1 month of them and no more than 6 months before the application (the route needs 5).',
    );
  });

  test('the same reporter twice counts once', () => {
    const incidents = [
      incident('a', '2026-03-01', [
        report('council', '2026-03-02', { reportedBy: 'H-1' }),
        report('police', '2026-03-02', { reportedBy: 'H-1' }),
        report('housing', '2026-03-03', { reportedBy: 'H-2' }),
      ]),
      incident('b', '2026-03-10', [
        report('council', '2026-03-12', { reportedBy: 'H-3' }),
        report('police', '2026-03-12', { reportedBy: 'H-4' }),
      ]),
    ];
    const result = assessThreshold(application('2026-04-30', incidents, group), communityPolicy);
    expect(result.outcome).toBe('not-met');
    expect(result.reasons).toContain(
      'The community route is not met: 4 different individuals or households reported incidents within 1 month of them and no more than 6 months before the application (the route needs 5).',
    );
  });

  test('late reports and reports too old for the look-back do not count', () => {
    const incidents = [
      incident('a', '2026-03-01', [
        report('council', '2026-03-02', { reportedBy: 'H-1' }),
        report('council', '2026-03-02', { reportedBy: 'H-2' }),
        report('council', '2026-03-02', { reportedBy: 'H-3' }),
        report('council', '2026-03-02', { reportedBy: 'H-4' }),
        report('council', '2026-04-15', { reportedBy: 'H-5' }), // late
      ]),
      incident('old', '2025-09-01', [report('council', '2025-09-02', { reportedBy: 'H-6' })]), // > 6 months
    ];
    expect(assessThreshold(application('2026-04-30', incidents, group), communityPolicy).outcome).toBe(
      'not-met',
    );
  });

  test('only for a community group', () => {
    const result = assessThreshold(
      application('2026-04-30', [
        incident('a', '2026-03-01', [
          ...['H-1', 'H-2', 'H-3', 'H-4', 'H-5'].map((who) =>
            report('council', '2026-03-02', { reportedBy: who }),
          ),
        ]),
      ]),
      communityPolicy,
    );
    expect(result.outcome).toBe('not-met');
    expect(result.reasons.join(' ')).not.toContain('community route');
  });
});
