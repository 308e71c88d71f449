import type { MonthFigures, PublishedStatistics } from '../../../shared';
import { formatDate, formatMonth } from './format';

/** The published figures (s.104(10), plus appeals) as the statistics page and its printout show them. Pure. */

export type FigureKey = Exclude<keyof MonthFigures, 'month'>;

export const figureLabels: Record<FigureKey, string> = {
  applications: 'Applications for an ASB case review',
  thresholdNotMet: 'Times the threshold was not met',
  reviewsCarriedOut: 'Case reviews carried out',
  reviewsWithRecommendations: 'Case reviews that resulted in recommendations',
  appealsReceived: 'Appeals received',
};

/** Short names for the chart's legend and the month table's headers. */
export const figureShortLabels: Record<FigureKey, string> = {
  applications: 'Applications',
  thresholdNotMet: 'Not met',
  reviewsCarriedOut: 'Reviews',
  reviewsWithRecommendations: 'With recommendations',
  appealsReceived: 'Appeals',
};

export const figureKeys = Object.keys(figureLabels) as FigureKey[];

export interface FigureRow {
  key: FigureKey;
  label: string;
  count: number;
  references: string[];
}

export function figureRows(stats: PublishedStatistics): FigureRow[] {
  return figureKeys.map((key) => ({
    key,
    label: figureLabels[key],
    count: stats[key].count,
    references: stats[key].references,
  }));
}

/** "1 April 2025 to 31 March 2026", or "the financial year 2025-26" when it is exactly one. */
export function periodLabel(from: string, to: string): string {
  const fy = /^(\d{4})-04-01$/.exec(from);
  if (fy && to === `${Number(fy[1]) + 1}-03-31`)
    return `the financial year ${fy[1]}-${String(Number(fy[1]) + 1).slice(2)} (${formatDate(from)} to ${formatDate(to)})`;
  return `${formatDate(from)} to ${formatDate(to)}`;
}

/** The last `n` financial years up to the one containing `today`, newest first, for the period picker. */
export function recentFinancialYears(today: string, n = 5): { from: string; to: string; label: string }[] {
  const y = Number(today.slice(0, 4));
  const start = today.slice(5) >= '04-01' ? y : y - 1;
  return Array.from({ length: n }, (_, i) => {
    const s = start - i;
    return { from: `${s}-04-01`, to: `${s + 1}-03-31`, label: `${s}-${String(s + 1).slice(2)}` };
  });
}

/** `asb-case-review-statistics-2025-04-01-to-2026-03-31.csv` */
export function csvFileName(from: string, to: string, table: 'figures' | 'months' = 'figures'): string {
  return `asb-case-review-statistics-${table === 'months' ? 'by-month-' : ''}${from}-to-${to}.csv`;
}

export interface ChartBar {
  month: string;
  label: string;
  value: number;
  /** Position and size in the chart's own units (0..width, 0..height). */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Chart {
  width: number;
  height: number;
  max: number;
  ticks: number[];
  bars: ChartBar[];
}

/** Whole-number ticks from 0 to a round maximum at or above `max`: at most 5 steps of 1, 2, 5, 10... */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 5;
  const pow = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= rough) ?? 10 * pow);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return ticks;
}

/** Bars for one figure by month, laid out in a `width` x `height` plot area. */
export function monthChart(
  byMonth: readonly MonthFigures[],
  key: FigureKey,
  width = 640,
  height = 220,
): Chart {
  const ticks = niceTicks(Math.max(0, ...byMonth.map((m) => m[key])));
  const max = ticks[ticks.length - 1] ?? 1;
  const slot = byMonth.length > 0 ? width / byMonth.length : width;
  const barWidth = Math.max(2, slot * 0.6);
  const bars = byMonth.map((m, i) => {
    const value = m[key];
    const h = max > 0 ? (value / max) * height : 0;
    return {
      month: m.month,
      label: formatMonth(m.month),
      value,
      x: i * slot + (slot - barWidth) / 2,
      y: height - h,
      width: barWidth,
      height: h,
    };
  });
  return { width, height, max, ticks, bars };
}

/** One sentence describing the chart, for screen readers (the table below carries every number). */
export function chartSummary(byMonth: readonly MonthFigures[], key: FigureKey): string {
  const total = byMonth.reduce((n, m) => n + m[key], 0);
  if (byMonth.length === 0) return 'No months in this period.';
  const peak = byMonth.reduce((best, m) => (m[key] > best[key] ? m : best), byMonth[0]!);
  const first = formatMonth(byMonth[0]!.month, 'long');
  const last = formatMonth(byMonth[byMonth.length - 1]!.month, 'long');
  return total === 0
    ? `${figureShortLabels[key]} by month, ${first} to ${last}: none in any month.`
    : `${figureShortLabels[key]} by month, ${first} to ${last}: ${total} in all; the most in ${formatMonth(peak.month, 'long')} (${peak[key]}).`;
}

/** The monthly table as CSV text (the printable page's data, without references). RFC 4180 quoting. */
export function monthsCsv(byMonth: readonly MonthFigures[]): string {
  const quote = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = ['Month', ...figureKeys.map((k) => figureLabels[k])];
  const rows = byMonth.map((m) => [formatMonth(m.month, 'long'), ...figureKeys.map((k) => m[k])]);
  return [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}
