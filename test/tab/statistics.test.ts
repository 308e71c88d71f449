import type { MonthFigures, PublishedStatistics } from '../../shared';
import {
  chartSummary,
  csvFileName,
  figureRows,
  monthChart,
  monthsCsv,
  niceTicks,
  periodLabel,
  recentFinancialYears,
} from '../../tab/src/lib/statistics';

const month = (m: string, applications: number, extra: Partial<MonthFigures> = {}): MonthFigures => ({
  month: m,
  applications,
  thresholdNotMet: 0,
  reviewsCarriedOut: 0,
  reviewsWithRecommendations: 0,
  appealsReceived: 0,
  ...extra,
});

describe('statistics formatting', () => {
  it('labels a financial year, or any other period', () => {
    expect(periodLabel('2025-04-01', '2026-03-31')).toBe(
      'the financial year 2025-26 (1 April 2025 to 31 March 2026)',
    );
    expect(periodLabel('2025-06-01', '2025-06-30')).toBe('1 June 2025 to 30 June 2025');
  });

  it('offers the recent financial years, newest first', () => {
    expect(recentFinancialYears('2026-02-10', 3).map((y) => y.label)).toEqual([
      '2025-26',
      '2024-25',
      '2023-24',
    ]);
    expect(recentFinancialYears('2026-04-01', 1)).toEqual([
      { from: '2026-04-01', to: '2027-03-31', label: '2026-27' },
    ]);
  });

  it('names the CSV file by its period', () => {
    expect(csvFileName('2025-04-01', '2026-03-31')).toBe(
      'asb-case-review-statistics-2025-04-01-to-2026-03-31.csv',
    );
  });

  it('lists the published figures with the cases behind each', () => {
    const stats: PublishedStatistics = {
      from: '2025-04-01',
      to: '2026-03-31',
      applications: { count: 2, references: ['CT-2025-0001', 'CT-2025-0002'] },
      thresholdNotMet: { count: 1, references: ['CT-2025-0002'] },
      reviewsCarriedOut: { count: 0, references: [] },
      reviewsWithRecommendations: { count: 0, references: [] },
      appealsReceived: { count: 0, references: [] },
      byMonth: [],
    };
    const rows = figureRows(stats);
    expect(rows.map((r) => r.key)).toEqual([
      'applications',
      'thresholdNotMet',
      'reviewsCarriedOut',
      'reviewsWithRecommendations',
      'appealsReceived',
    ]);
    expect(rows[1]).toEqual({
      key: 'thresholdNotMet',
      label: 'Times the threshold was not met',
      count: 1,
      references: ['CT-2025-0002'],
    });
  });

  it('writes the monthly table as CSV with quoting and no references', () => {
    const csv = monthsCsv([month('2025-04', 3), month('2025-05', 0, { thresholdNotMet: 1 })]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Month,Applications for an ASB case review,Times the threshold was not met,Case reviews carried out,Case reviews that resulted in recommendations,Appeals received',
    );
    expect(lines[1]).toBe('April 2025,3,0,0,0,0');
    expect(lines[2]).toBe('May 2025,0,1,0,0,0');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});

describe('the month chart', () => {
  it('picks round ticks', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(14)).toEqual([0, 5, 10, 15]);
    expect(niceTicks(120)).toEqual([0, 50, 100, 150]);
  });

  it('lays out one bar per month, scaled to the top tick', () => {
    const chart = monthChart(
      [month('2025-04', 10), month('2025-05', 5), month('2025-06', 0)],
      'applications',
      300,
      100,
    );
    expect(chart.max).toBe(10);
    expect(chart.bars.map((b) => [b.label, b.value, Math.round(b.height)])).toEqual([
      ['Apr 2025', 10, 100],
      ['May 2025', 5, 50],
      ['Jun 2025', 0, 0],
    ]);
    expect(chart.bars[1]!.x).toBeGreaterThan(chart.bars[0]!.x);
    expect(chart.bars.every((b) => b.y + b.height === 100)).toBe(true);
  });

  it('describes the chart in a sentence', () => {
    expect(chartSummary([month('2025-04', 2), month('2025-05', 7)], 'applications')).toBe(
      'Applications by month, April 2025 to May 2025: 9 in all; the most in May 2025 (7).',
    );
    expect(chartSummary([month('2025-04', 0)], 'appealsReceived')).toMatch(/none in any month/);
  });
});
