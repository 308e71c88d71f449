import {
  publishedStatistics,
  ragOf,
  workingDaysBetween,
  type CaseForStatistics,
  type CaseState,
  type PublishedStatistics,
  type StatisticalFacts,
} from '../../shared';
import type { CaseListItem, CaseListPage, CaseListQuery, Person } from '../api/contract';
import { InvalidChangeError, type CaseLog, type CaseRecord } from '../store/case-log';
import type { Purges } from '../store/purges';
import { agencyScope } from './access-policy';
import { findCasesByPeople, searchKind } from './case-search';
import type { Directory } from './directory';
import { InvalidInputError } from './errors';

/** The list fields of a case, as the store projects them. */
export type CaseProjectionLike = CaseRecord['projection'];

/** What the list and search queries read. */
export interface QueryContext {
  cases: CaseLog;
  directory: Directory;
  today: () => string;
  reduce: (record: CaseRecord) => CaseState;
  /** Issue 17: cases shown first on an officer's case list (new online applications). */
  pinned?: (spoc: string | undefined) => Promise<CaseProjectionLike[]>;
}

/** One page of cases for `by`: an agency sees only cases it was asked about. */
export async function listCases(ctx: QueryContext, query: CaseListQuery, by: Person): Promise<CaseListPage> {
  const scope = agencyScope(by);
  // Issue 15: officers find a case by a person's name, address or postcode as well as its reference.
  if (query.q && !scope && searchKind(query.q) !== 'reference') {
    const found = await findCasesByPeople(ctx.cases, ctx.reduce, query, query.q);
    const items = found.map(listItem(ctx));
    return { items, total: items.length };
  }
  const page = await ctx.cases
    .listCases({
      ...(query.status && query.status !== 'open' ? { status: query.status } : {}),
      ...(query.status === 'open' ? { state: 'open' as const } : {}),
      ...(query.spoc ? { spoc: query.spoc } : {}),
      ...((scope ?? query.agency) ? { agencyId: scope ?? query.agency } : {}),
      ...(query.q ? { reference: query.q } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
      orderBy: query.sort === 'newest' ? 'newest' : 'deadline',
      limit: Math.min(query.limit, 100),
    })
    .catch((err: unknown) => {
      if (err instanceof InvalidChangeError)
        throw new InvalidInputError('This list page link has expired; start again from the first page.', [
          { path: 'cursor', message: 'not a cursor this list gave out' },
        ]);
      throw err;
    });
  const toItem = listItem(ctx);
  let items = page.items.map(toItem);
  // Issue 17: new online applications lead an officer's first page of open cases.
  if (ctx.pinned && !scope && !query.cursor && !query.q && (!query.status || query.status === 'open')) {
    const pinned = (await ctx.pinned(query.spoc)).map((p) => ({ ...toItem(p), online: true }));
    const ids = new Set(pinned.map((p) => p.caseId));
    items = [...pinned, ...items.filter((i) => !ids.has(i.caseId))];
  }
  return { items, ...(page.next ? { nextCursor: page.next } : {}), total: items.length };
}

/** A case's list row, with its next deadline counted from today. */
export function listItem(ctx: Pick<QueryContext, 'directory' | 'today'>) {
  const today = ctx.today();
  return (p: CaseProjectionLike): CaseListItem => {
    const left = p.nextDeadline ? workingDaysBetween(today, p.nextDeadline) : undefined;
    const overdue = !!p.nextDeadline && p.nextDeadline < today;
    return {
      caseId: p.caseId,
      reference: p.reference,
      title: p.title,
      status: p.status as CaseState['status'],
      spoc: p.spoc ?? '',
      spocName: p.spoc ? ctx.directory.nameOf(p.spoc) : '',
      agencies: p.agencies,
      receivedOn: p.openedOn,
      ...(p.nextDeadline
        ? {
            nextDeadline: {
              clock: '',
              label: 'Next deadline',
              dueOn: p.nextDeadline,
              workingDaysLeft: left!,
              overdue,
            },
          }
        : {}),
      rag: p.nextDeadline ? ragOf({ overdue, workingDaysLeft: left! }) : 'none',
      legalHold: p.legalHold,
    };
  };
}

/** Reads every case (for the statistics); the period's figures come from the rules. */
export async function statisticsOf(
  ctx: QueryContext & { purges: Pick<Purges, 'purgeLog'> },
  from: string,
  to: string,
): Promise<PublishedStatistics> {
  const cases: CaseForStatistics[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.cases.listCases({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const p of page.items) {
      if (p.openedOn > to) continue;
      const record = await ctx.cases.getCase(p.caseId);
      if (record) cases.push({ reference: p.reference, state: ctx.reduce(record) });
    }
    cursor = page.next ?? undefined;
  } while (cursor);
  // Purged cases still count in the years they happened in: their facts are kept in the purge log.
  for (const purged of await ctx.purges.purgeLog())
    if (purged.facts)
      cases.push({ reference: purged.reference, state: purged.facts as unknown as StatisticalFacts });
  return publishedStatistics(cases, from, to);
}

/** What one agency owes, soonest due first (one indexed query; a partner sees only their own). */
export async function agencyRequests(cases: CaseLog, agencyId: string) {
  const page = await cases.agencyRequests(agencyId, { outstandingOnly: false, limit: 100 });
  const refs = new Map<string, string>();
  const items = [];
  for (const r of page.items) {
    if (!refs.has(r.caseId)) {
      const record = await cases.getCase(r.caseId);
      refs.set(r.caseId, record?.projection.reference ?? '');
    }
    items.push({ ...r, reference: refs.get(r.caseId)! });
  }
  return { items };
}
