import {
  Badge,
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
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CaseListItem, CaseListPage } from '../../../bot/api/contract';
import type { ListParams } from '../api/client';
import { useApp } from '../app-context';
import { DataTable, column } from '../components/data-table';
import { Page } from '../components/page';
import { ProblemSummary } from '../components/problems';
import { RagBadge } from '../components/rag-badge';
import { useCommonStyles } from '../components/styles';
import { asApiError, type ApiRequestError } from '../lib/api-error';
import { formatDate } from '../lib/format';
import { statusLabel, statusOrder } from '../lib/labels';
import { listSummary, meaningful } from '../lib/case-list';
import { compareCases } from '../lib/rag';
import { OnlineTag, onlineFirst } from './case/victim-voice'; // issue 17
import { hrefOf, navigate } from '../router';

const PAGE_SIZE = 50;

/**
 * Up and down arrows move between the rows' case links (Home and End to the first and last), so a long list
 * can be scanned from the keyboard; Tab still moves through every link as usual.
 */
function moveBetweenRows(e: KeyboardEvent<HTMLTableElement>): void {
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
  const target = e.target as HTMLElement;
  const row = target.closest('tr');
  const links = [...e.currentTarget.querySelectorAll<HTMLElement>('tbody tr a')];
  const current = links.findIndex((a) => a.closest('tr') === row);
  if (current < 0) return;
  const next =
    e.key === 'Home' ? 0 : e.key === 'End' ? links.length - 1 : current + (e.key === 'ArrowDown' ? 1 : -1);
  const link = links[next];
  if (!link) return;
  e.preventDefault();
  link.focus();
}
const FILTER_KEY = 'asb-case-review.case-filters';

interface Filters {
  status: string;
  spoc: string;
  agency: string;
  q: string;
}

const defaultFilters: Filters = { status: 'open', spoc: '', agency: '', q: '' };

function loadFilters(): Filters {
  try {
    const raw = sessionStorage.getItem(FILTER_KEY);
    if (raw) return { ...defaultFilters, ...(JSON.parse(raw) as Partial<Filters>) };
  } catch {
    // ignore
  }
  return defaultFilters;
}

const useStyles = makeStyles({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    alignItems: 'flex-start',
    marginBottom: tokens.spacingVerticalL,
  },
  filter: { minWidth: '11rem' },
  top: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap' },
  // Wide enough for its columns on a desktop; stacked rows (DataTable) below 480 px, so no minimum there.
  table: { minWidth: '56rem', '@media (max-width: 480px)': { minWidth: 0 } },
  ref: { whiteSpace: 'nowrap', fontWeight: tokens.fontWeightSemibold },
  due: { whiteSpace: 'nowrap' },
  more: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    marginTop: tokens.spacingVerticalM,
  },
});

/** The list's columns, as data (Fluent's DataGrid stories' shape). */
const caseColumns = (styles: ReturnType<typeof useStyles>, muted: string) => [
  column<CaseListItem>({
    id: 'reference',
    header: 'Reference',
    className: styles.ref,
    cell: (item) => <Link href={hrefOf({ view: 'case', caseId: item.caseId })}>{item.reference}</Link>,
  }),
  column<CaseListItem>({
    id: 'title',
    header: 'Title',
    cell: (item) => (
      <>
        {item.title ?? <span className={muted}>No title</span>} <OnlineTag item={item} />
      </>
    ),
  }),
  column<CaseListItem>({
    id: 'status',
    header: 'Status',
    cell: (item) => (
      <>
        {statusLabel(item.status)}
        {item.legalHold && (
          <>
            {' '}
            <Badge appearance="tint" color="warning" size="small">
              On legal hold
            </Badge>
          </>
        )}
      </>
    ),
  }),
  column<CaseListItem>({ id: 'spoc', header: 'SPOC', cell: (item) => item.spocName }),
  column<CaseListItem>({
    id: 'next',
    header: 'Next deadline',
    cell: (item) =>
      item.nextDeadline ? (
        <>
          {meaningful(item.nextDeadline.label) && (
            <>
              {item.nextDeadline.label}
              <br />
            </>
          )}
          <span className={mergeClasses(meaningful(item.nextDeadline.label) && muted, styles.due)}>
            Due {formatDate(item.nextDeadline.dueOn, 'short')}
          </span>
        </>
      ) : (
        <span className={muted}>None running</span>
      ),
  }),
  column<CaseListItem>({
    id: 'left',
    header: 'Working days left',
    cell: (item) => (
      <RagBadge rag={item.rag} {...(item.nextDeadline ? { deadline: item.nextDeadline } : {})} />
    ),
  }),
];

let firstListRendered = false;

/**
 * Every open case, overdue first: reference, title, status, SPOC, next deadline and working days left with
 * a red/amber/green badge. Filters by status, SPOC and agency, search by reference; the server pages
 * (`cursor`), so the list stays fast with thousands of cases.
 */
export function CasesView() {
  const { api, me } = useApp();
  // Issue 15: the SPOC and managers find cases by a person's name, address or postcode too (audited).
  const officer = me.person.roles.includes('spoc') || me.person.roles.includes('manager');
  const styles = useStyles();
  const common = useCommonStyles();
  const [filters, setFilters] = useState<Filters>(loadFilters);
  const [q, setQ] = useState(filters.q);
  const [items, setItems] = useState<CaseListItem[]>([]);
  const [page, setPage] = useState<CaseListPage | undefined>();
  const [loading, setLoading] = useState<'first' | 'more' | undefined>('first');
  const [error, setError] = useState<ApiRequestError | undefined>();
  const [spocs, setSpocs] = useState<Map<string, string>>(() => new Map([[me.person.id, me.person.name]]));
  const abort = useRef<AbortController | undefined>(undefined);

  // The search box waits for a pause in typing.
  useEffect(() => {
    const t = setTimeout(() => setFilters((f) => (f.q === q.trim() ? f : { ...f, q: q.trim() })), 300);
    return () => clearTimeout(t);
  }, [q]);

  useEffect(() => {
    try {
      sessionStorage.setItem(FILTER_KEY, JSON.stringify(filters));
    } catch {
      // ignore
    }
  }, [filters]);

  const params = useMemo<ListParams>(
    () => ({
      ...(filters.status && filters.status !== 'all' ? { status: filters.status } : {}),
      ...(filters.spoc ? { spoc: filters.spoc } : {}),
      ...(filters.agency ? { agency: filters.agency } : {}),
      ...(filters.q ? { q: filters.q } : {}),
      limit: PAGE_SIZE,
    }),
    [filters],
  );

  const load = async (cursor?: string) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setLoading(cursor ? 'more' : 'first');
    setError(undefined);
    try {
      const result = await api.listCases({ ...params, ...(cursor ? { cursor } : {}) }, controller.signal);
      if (controller.signal.aborted) return;
      setPage(result);
      setItems((old) => (cursor ? [...old, ...result.items] : result.items));
      setSpocs((old) => {
        const next = new Map(old);
        for (const item of result.items) if (!next.has(item.spoc)) next.set(item.spoc, item.spocName);
        return next.size === old.size ? old : next;
      });
    } catch (err) {
      if (controller.signal.aborted) return;
      setError(asApiError(err));
    } finally {
      if (!controller.signal.aborted) setLoading(undefined);
    }
  };

  // Reload from the first page whenever the filters change.
  useEffect(() => {
    void load();
    return () => abort.current?.abort();
  }, [params]);

  useEffect(() => {
    if (page && !firstListRendered) {
      firstListRendered = true;
      performance.mark('asb:first-case-list');
    }
  }, [page]);

  const sorted = useMemo(() => [...items].sort(onlineFirst(compareCases)), [items]); // issue 17
  const agencies = me.policy.agencies;
  const agencyName = (id: string) => agencies.find((a) => a.id === id)?.name ?? id;
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  const summary = !page ? '' : listSummary(sorted.length, page.total, !!page.nextCursor);

  return (
    <Page title="Cases">
      <div className={styles.top}>
        <p className={common.muted}>
          Overdue first. WD: working days. In the table, the up and down arrow keys move between cases.
        </p>
        <Button appearance="primary" onClick={() => navigate({ view: 'new' })}>
          New application
        </Button>
      </div>
      <div role="search" className={styles.filters} aria-label="Filter the cases">
        <Field label="Status" className={styles.filter}>
          <Select value={filters.status} onChange={(_, d) => set({ status: d.value })}>
            <option value="open">Open cases</option>
            <option value="all">All cases</option>
            {statusOrder.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="SPOC" className={styles.filter}>
          <Select value={filters.spoc} onChange={(_, d) => set({ spoc: d.value })}>
            <option value="">Anyone</option>
            {[...spocs].map(([id, name]) => (
              <option key={id} value={id}>
                {id === me.person.id ? `Me (${name})` : name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Agency" className={styles.filter}>
          <Select value={filters.agency} onChange={(_, d) => set({ agency: d.value })}>
            <option value="">Any agency</option>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label={officer ? 'Find a case' : 'Reference'}
          hint={
            officer
              ? "A reference (CT-2026-0007), or the victim's or applicant's name, address or postcode"
              : 'For example CT-2026-0007'
          }
          className={styles.filter}
        >
          <Input
            type="search"
            value={q}
            maxLength={officer ? 100 : 40}
            onChange={(_, d) => setQ(d.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') set({ q: q.trim() });
            }}
          />
        </Field>
      </div>

      <p aria-live="polite" role="status" className={common.muted}>
        {loading === 'first' ? 'Loading the cases...' : summary}
      </p>
      {loading === 'first' && <Spinner size="small" label="Loading the cases..." labelPosition="after" />}
      <ProblemSummary title="Could not load the cases" message={error?.message} />

      {sorted.length > 0 && (
        <DataTable
          label="Cases"
          columns={caseColumns(styles, common.muted)}
          items={sorted}
          rowKey="caseId"
          size="medium"
          className={styles.table}
          onKeyDown={moveBetweenRows}
        />
      )}

      {page?.nextCursor && (
        <div className={styles.more}>
          <Button onClick={() => void load(page.nextCursor)} disabledFocusable={loading !== undefined}>
            Load more cases
          </Button>
          {loading === 'more' && <Spinner size="tiny" label="Loading more cases..." labelPosition="after" />}
        </div>
      )}
      {filters.agency && (
        <p className={common.muted}>Showing cases involving {agencyName(filters.agency)}.</p>
      )}
    </Page>
  );
}
