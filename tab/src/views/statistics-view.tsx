import {
  Button,
  Field,
  Input,
  Link,
  Select,
  Spinner,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { StatisticsResponse } from '../../../bot/api/contract';
import { financialYear, statisticsPublicationDue } from '../../../shared';
import { downloadBlob } from '../api/client';
import { useApp } from '../app-context';
import { DataTable, column } from '../components/data-table';
import { Page } from '../components/page';
import { ProblemSummary } from '../components/problems';
import { useCommonStyles } from '../components/styles';
import { formatDate, formatMonth } from '../lib/format';
import {
  chartSummary,
  csvFileName,
  figureKeys,
  figureLabels,
  figureRows,
  figureShortLabels,
  monthChart,
  periodLabel,
  recentFinancialYears,
  type FigureKey,
} from '../lib/statistics';
import { useAction } from '../lib/use-action';
import { useLoad } from '../lib/use-load';
import { hrefOf, navigate } from '../router';

const useStyles = makeStyles({
  controls: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-end' },
  buttons: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    margin: `${tokens.spacingVerticalM} 0`,
  },
  count: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, textAlign: 'right' },
  refs: { display: 'flex', flexWrap: 'wrap', gap: `0 ${tokens.spacingHorizontalS}` },
  chart: { maxWidth: '100%', height: 'auto', display: 'block' },
  bar: { fill: tokens.colorBrandBackground },
  axis: { stroke: tokens.colorNeutralStroke1 },
  grid: { stroke: tokens.colorNeutralStroke3 },
  label: { fill: tokens.colorNeutralForeground1, fontSize: '12px' },
  printHeader: { marginBottom: '12pt' },
});

type FigureRow = ReturnType<typeof figureRows>[number];
type Month = StatisticsResponse['byMonth'][number];

/** Each figure, its number, and the cases behind it (left off the printed page: no references there). */
const figureColumns = (styles: ReturnType<typeof useStyles>, muted: string) => [
  column<FigureRow>({ id: 'figure', header: 'Figure', cell: (row) => row.label }),
  column<FigureRow>({ id: 'number', header: 'Number', cell: (row) => row.count, className: styles.count }),
  column<FigureRow>({
    id: 'cases',
    header: 'Cases',
    className: 'no-print',
    headerClassName: 'no-print',
    cell: (row) =>
      row.references.length === 0 ? (
        <span className={muted}>None</span>
      ) : (
        <span className={styles.refs}>
          {row.references.map((ref) => (
            <Link key={ref} href={hrefOf({ view: 'ref', reference: ref })}>
              {ref}
            </Link>
          ))}
        </span>
      ),
  }),
];

const monthColumns = [
  column<Month>({ id: 'month', header: 'Month', cell: (m) => formatMonth(m.month, 'long') }),
  ...figureKeys.map((k) => column<Month>({ id: k, header: figureShortLabels[k], cell: (m) => m[k] })),
];

/**
 * `#/statistics`: the figures a council publishes (s.104(10), plus appeals received) for a period, by
 * default the current financial year from the server's today. Each number links to the cases behind it;
 * the chart has a table alternative; CSV export; and a print version for the council's website with no
 * references and no personal data.
 */
export default function StatisticsView({ from, to }: { from?: string | undefined; to?: string | undefined }) {
  const { api, me } = useApp();
  const styles = useStyles();
  const common = useCommonStyles();
  const year = financialYear(me.today);
  const period = { from: from ?? year.from, to: to ?? year.to };
  const [draft, setDraft] = useState(period);
  const figures = useLoad(
    (signal) => api.statistics(period.from, period.to, signal),
    [api, period.from, period.to],
  );
  const { data: stats, error, loading } = figures;
  const [figure, setFigure] = useState<FigureKey>('applications');
  const csv = useAction();
  const years = useMemo(() => recentFinancialYears(me.today), [me.today]);

  useEffect(() => setDraft({ from: period.from, to: period.to }), [period.from, period.to]);

  const show = (e: FormEvent) => {
    e.preventDefault();
    navigate({ view: 'statistics', from: draft.from, to: draft.to });
  };

  const downloadCsv = (table: 'figures' | 'months') =>
    csv.run(async () =>
      downloadBlob(
        await api.statisticsCsv(period.from, period.to, table),
        csvFileName(period.from, period.to, table),
      ),
    );

  const fy = years.find((y) => y.from === draft.from && y.to === draft.to)?.label ?? '';
  const council = me.policy.council;
  // Publishing is a duty with a clock (East Herts s.15 "At the end of each year"; policy.statistics).
  const due = statisticsPublicationDue(me.policy, me.today);

  return (
    <Page title="Published statistics">
      <div className="print-only">
        <p className={styles.printHeader}>
          {council}: ASB case reviews (the Community Trigger), {periodLabel(period.from, period.to)}.
          Published under section 104(10) of the Anti-social Behaviour, Crime and Policing Act 2014.
        </p>
      </div>
      <p className="no-print">
        The figures for {due.label} ({periodLabel(due.from, due.to)}) {due.overdue ? 'were' : 'are'} due to be
        published by {formatDate(due.dueOn)} ({me.policy.council}&apos;s policy).
      </p>
      <form
        className={mergeClasses(styles.controls, 'no-print')}
        onSubmit={show}
        aria-label="Choose the period"
      >
        <Field label="Financial year">
          <Select
            value={fy}
            onChange={(_, d) => {
              const y = years.find((x) => x.label === d.value);
              if (y) setDraft({ from: y.from, to: y.to });
            }}
          >
            <option value="">Other period</option>
            {years.map((y) => (
              <option key={y.label} value={y.label}>
                {y.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="From">
          <Input type="date" value={draft.from} onChange={(_, d) => setDraft({ ...draft, from: d.value })} />
        </Field>
        <Field label="To">
          <Input type="date" value={draft.to} onChange={(_, d) => setDraft({ ...draft, to: d.value })} />
        </Field>
        <Button type="submit" appearance="primary" disabledFocusable={loading}>
          Show
        </Button>
      </form>

      <p role="status" aria-live="polite" className="no-print">
        {loading
          ? 'Loading the figures...'
          : stats
            ? `Figures for ${periodLabel(stats.from, stats.to)}.`
            : ''}
      </p>
      {loading && <Spinner size="small" label="Loading the figures..." className="no-print" />}
      <ProblemSummary
        title="Could not load the figures"
        message={error?.message}
        problems={error?.problems}
      />

      {stats && (
        <>
          <div className={mergeClasses(styles.buttons, 'no-print')}>
            <Button onClick={() => void downloadCsv('figures')} disabledFocusable={csv.busy}>
              Download the figures (CSV)
            </Button>
            <Button onClick={() => void downloadCsv('months')} disabledFocusable={csv.busy}>
              Download by month (CSV)
            </Button>
            <Button onClick={() => window.print()}>Print for publication</Button>
            {csv.busy && <Spinner size="tiny" label="Preparing the CSV" labelPosition="after" />}
          </div>
          <ProblemSummary title="Could not download the CSV" message={csv.error?.message} />

          <section aria-labelledby="stats-figures">
            <h2 id="stats-figures" className={common.h2}>
              The figures
            </h2>
            <DataTable
              label={`Published figures, ${periodLabel(stats.from, stats.to)}`}
              columns={figureColumns(styles, common.muted)}
              items={figureRows(stats)}
              rowKey="key"
              size="medium"
            />
            <p className={mergeClasses(common.muted, 'no-print')}>
              A case counts in each figure once per occurrence in the period: a case received in March whose
              review is held in May counts in both years.
            </p>
          </section>

          <section aria-labelledby="stats-months">
            <h2 id="stats-months" className={common.h2}>
              By month
            </h2>
            <Field label="Figure shown in the chart" className="no-print" style={{ maxWidth: '22rem' }}>
              <Select value={figure} onChange={(_, d) => setFigure(d.value as FigureKey)}>
                {figureKeys.map((k) => (
                  <option key={k} value={k}>
                    {figureLabels[k]}
                  </option>
                ))}
              </Select>
            </Field>
            <MonthChart stats={stats} figure={figure} />
            <h3 className={common.h3}>The figures by month</h3>
            <DataTable label="Figures by month" columns={monthColumns} items={stats.byMonth} rowKey="month" />
          </section>
          <p className="print-only">
            Period: {formatDate(stats.from)} to {formatDate(stats.to)}. Source: {council}.
          </p>
        </>
      )}
    </Page>
  );
}

function MonthChart({ stats, figure }: { stats: StatisticsResponse; figure: FigureKey }) {
  const styles = useStyles();
  const chart = monthChart(stats.byMonth, figure);
  const left = 36;
  const bottom = 28;
  const top = 10;
  const titleId = `chart-title-${figure}`;
  const descId = `chart-desc-${figure}`;
  return (
    <svg
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      viewBox={`0 0 ${chart.width + left + 8} ${chart.height + bottom + top}`}
      className={styles.chart}
      width={chart.width + left + 8}
    >
      <title id={titleId}>{figureLabels[figure]} by month</title>
      <desc id={descId}>{chartSummary(stats.byMonth, figure)} The table below lists every month.</desc>
      <g transform={`translate(${left}, ${top})`}>
        {chart.ticks.map((t) => {
          const y = chart.height - (t / chart.max) * chart.height;
          return (
            <g key={t}>
              <line x1={0} x2={chart.width} y1={y} y2={y} className={styles.grid} />
              <text x={-6} y={y + 4} textAnchor="end" className={styles.label}>
                {t}
              </text>
            </g>
          );
        })}
        <line x1={0} x2={chart.width} y1={chart.height} y2={chart.height} className={styles.axis} />
        {chart.bars.map((b) => (
          <g key={b.month}>
            <rect x={b.x} y={b.y} width={b.width} height={b.height} className={styles.bar}>
              <title>
                {b.label}: {b.value}
              </title>
            </rect>
            {b.value > 0 && (
              <text x={b.x + b.width / 2} y={b.y - 3} textAnchor="middle" className={styles.label}>
                {b.value}
              </text>
            )}
            <text x={b.x + b.width / 2} y={chart.height + 16} textAnchor="middle" className={styles.label}>
              {b.label.slice(0, 3)}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
