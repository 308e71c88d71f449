import type { PublishedStatistics } from '../../shared';
import type { StatisticsTable } from '../api/contract';

const cell = (v: string | number) => {
  const s = String(v);
  // Quote, and defuse spreadsheet formulas (a value starting with = + - @ would run in Excel).
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * The published figures as CSV, one table a file (issue 15: a spreadsheet opens one table cleanly):
 * `figures`, the period's figures with the cases behind each; `months`, the same figures month by month.
 */
export function statisticsCsv(stats: PublishedStatistics, table: StatisticsTable = 'figures'): string {
  const rows: (string | number)[][] =
    table === 'figures'
      ? [
          ['figure', 'count', 'cases', 'from', 'to'],
          ...(
            [
              ['Applications for case reviews', stats.applications],
              ['Times the threshold was not met', stats.thresholdNotMet],
              ['Case reviews carried out', stats.reviewsCarriedOut],
              ['Case reviews resulting in recommendations', stats.reviewsWithRecommendations],
              ['Appeals received', stats.appealsReceived],
            ] as const
          ).map(([label, f]) => [label, f.count, f.references.join(' '), stats.from, stats.to]),
        ]
      : [
          [
            'month',
            'applications',
            'threshold not met',
            'reviews',
            'reviews with recommendations',
            'appeals',
          ],
          ...stats.byMonth.map((m) => [
            m.month,
            m.applications,
            m.thresholdNotMet,
            m.reviewsCarriedOut,
            m.reviewsWithRecommendations,
            m.appealsReceived,
          ]),
        ];
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
