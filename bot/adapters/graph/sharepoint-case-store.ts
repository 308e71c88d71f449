/**
 * The CaseStore on SharePoint lists through Graph (list schema: list-schema.ts).
 *
 * SharePoint has no transactions, so every operation is ordered so that its first write decides it and
 * everything after can be redone from that first write (docs/data-model.md, "Write order"):
 *  1. the commit: one ASB Case Events item per append, holding all its events and the records written
 *     with them, keyed `CaseSeq = <caseId>:<first seq>` (unique: a second writer of the same position
 *     gets 409 -> ConcurrencyError) and `EventId` (unique: a retried append gets 409 -> no change);
 *  2. then, in the same $batch, the records (agency requests, bookings, case agencies);
 *  3. last, the ASB Cases item (projection and CaseVersion) with If-Match.
 * The batch is one serial `dependsOn` chain (each step on the one before: a shape Graph accepts), so
 * the Cases item is written only when every step before it succeeded.
 * A reader that finds commits past CaseVersion (a crash, a throttled sub-request) rolls the case forward
 * with the projector: it re-applies those commits' records and writes the projection, with If-Match.
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type {
  AgencyRequest,
  Appended,
  CaseChange,
  CaseEvent,
  CaseFile,
  CaseOpened,
  CaseProjection,
  CaseQuery,
  CaseRecord,
  CaseRecords,
  CaseStore,
  ConversationRefRecord,
  Json,
  JsonObject,
  NewCase,
  NewCaseFile,
  Page,
  PanelBooking,
  Projector,
  PurgeRecord,
  PurgeRequest,
} from '../../store/case-store';
import {
  decodeCursor,
  decodeDeadlineCursor,
  decodeRequestCursor,
  encodeCursor,
  NO_DEADLINE,
  pageLimit,
} from '../../store/paging';
import {
  buildProjection,
  LEGAL_HOLD_RELEASED,
  LEGAL_HOLD_SET,
  legalHoldOf,
  type CaseMeta,
} from '../../store/projection';
import { caseNumber, formatReference, normalizeReference, yearOf } from '../../store/references';
import { purgeCandidatesUpTo, retentionPassed } from '../../store/retention';
import {
  CaseNotFoundError,
  ConcurrencyError,
  IdConflictError,
  InvalidChangeError,
  StoreError,
} from '../../store/store-errors';
import { SharePointAccessLog } from './sharepoint-access-log';
import { outboxFields, SharePointOutbox } from './sharepoint-outbox';
import { checkChange, checkNewCase, checkNewFile } from '../../store/store-schemas';
import { withRetry } from '../../store/with-retry';
import { chain, runBatch, succeeded, type BatchStep, type StepResult } from './graph-batch';
import { GraphRequestError, type GraphApi } from './graph-client';
import {
  BOOKING_FIELDS,
  bookingFields,
  bookingFromFields,
  CASE_FIELDS,
  caseFields,
  caseFromFields,
  commitFields,
  commitFromFields,
  EVENT_FIELDS,
  FILE_FIELDS,
  fileFields,
  fileFromFields,
  MEMBER_FIELDS,
  memberFields,
  memberFromFields,
  REQUEST_FIELDS,
  requestFields,
  requestFromFields,
  type CaseState,
  type Commit,
  type CommitBody,
} from './list-fields';
import { LIST_KEYS, LISTS, type ListKey } from './list-schema';
import { and, eq, or, where } from './odata';
import { SharePointList, type ListItem } from './sharepoint-list';

/** A commit's Body is a multiple-lines-of-text field; keep well inside SharePoint's limit. */
export const MAX_COMMIT_CHARS = 60_000;
const DAY_MS = 86_400_000;

export interface SharePointStoreOptions {
  api: GraphApi;
  /** The site id (`host,guid,guid`); resolveSite turns a URL into one. */
  siteId: string;
  projector: Projector;
  clock?: () => Date;
  /** Folder in the site's default document library for case files. */
  driveFolder?: string;
  /** On open, roll forward cases a crash left behind in the last day (default true). */
  repairOnOpen?: boolean;
  /** Operational lines (a case that could not be repaired); never case data. */
  log?: (message: string) => void;
}

export class MissingListsError extends StoreError {
  constructor(readonly missing: string[]) {
    super(
      `The SharePoint site lacks the list${missing.length === 1 ? '' : 's'} ${missing.join(', ')}. ` +
        'Run `npm run provision -- --site <site id or URL>` with an identity that may create lists.',
    );
    this.name = 'MissingListsError';
  }
}

interface CaseItem extends ListItem {
  projection: CaseProjection;
  caseNumber: number;
  state: CaseState;
}

interface LogState {
  item: CaseItem | null;
  commits: Commit[];
  events: CaseEvent[];
  head: number;
}

interface Existing {
  requests: Map<string, ListItem>;
  bookings: Map<string, ListItem>;
  members: Map<string, ListItem>;
}

const none = (): Existing => ({ requests: new Map(), bookings: new Map(), members: new Map() });
const lower = (s: string) => s.toLowerCase();
const listsPage = z.looseObject({
  value: z.array(z.looseObject({ id: z.string(), displayName: z.string() })),
  '@odata.nextLink': z.string().optional(),
});
const driveItem = z.looseObject({ id: z.string() });

export class SharePointCaseStore implements CaseStore {
  private readonly api: GraphApi;
  private readonly siteId: string;
  private readonly projector: Projector;
  private readonly clock: () => Date;
  private readonly folder: string;
  private readonly l: Record<ListKey, SharePointList>;
  readonly accessLog: SharePointAccessLog;
  readonly outbox: SharePointOutbox;

  private constructor(options: SharePointStoreOptions, listIds: Record<ListKey, string>) {
    this.api = options.api;
    this.siteId = options.siteId;
    this.projector = options.projector;
    this.clock = options.clock ?? (() => new Date());
    this.folder = options.driveFolder ?? 'ASB Case Files';
    this.l = Object.fromEntries(
      LIST_KEYS.map((k) => [k, new SharePointList(this.api, this.siteId, listIds[k], LISTS[k])]),
    ) as Record<ListKey, SharePointList>;
    this.accessLog = new SharePointAccessLog(this.l.accessLog, this.clock);
    this.outbox = new SharePointOutbox(this.l.events);
  }

  /** Finds the provisioned lists (one request) and, unless told not to, repairs recent crashes. */
  static async open(options: SharePointStoreOptions): Promise<SharePointCaseStore> {
    const found = new Map<string, string>();
    let path: string | undefined = `/sites/${options.siteId}/lists?$select=id,displayName&$top=500`;
    while (path) {
      const page = listsPage.parse(await options.api.get(path));
      for (const l of page.value) found.set(lower(l.displayName), l.id);
      path = page['@odata.nextLink'] ? options.api.relative(page['@odata.nextLink']) : undefined;
    }
    const missing = LIST_KEYS.filter((k) => !found.has(lower(LISTS[k].displayName)));
    if (missing.length > 0) throw new MissingListsError(missing.map((k) => LISTS[k].displayName));
    const ids = Object.fromEntries(
      LIST_KEYS.map((k) => [k, found.get(lower(LISTS[k].displayName))]),
    ) as Record<ListKey, string>;
    const store = new SharePointCaseStore(options, ids);
    if (options.repairOnOpen !== false) {
      // One case that cannot be repaired is reported and left for its next read; it never stops start-up.
      const { failed } = await store.repairRecent(new Date(store.clock().getTime() - DAY_MS));
      for (const caseId of failed)
        options.log?.(
          `case ${caseId} could not be brought up to date on start-up; it is retried on its next read`,
        );
    }
    return store;
  }

  private now(): string {
    return this.clock().toISOString();
  }

  // --- opening and appending ----------------------------------------------------------------------

  async createCase(input: NewCase): Promise<CaseOpened> {
    const c = checkNewCase(input);
    const caseId = c.caseId ?? randomUUID();
    const year = yearOf(c.openedOn);
    const counterKey = String(year);
    for (let attempt = 1; attempt <= 25; attempt++) {
      const counter = await this.l.counters.first({
        select: ['CounterKey', 'CounterValue'],
        filter: eq('CounterKey', counterKey),
      });
      const seq = (counter ? z.number().parse(counter.fields.CounterValue) : 0) + 1;
      const reference = formatReference(year, seq);
      const number = caseNumber(year, seq);
      const recordedAt = this.now();
      const events = stamp(caseId, 0, c.events, recordedAt);
      const projection = buildProjection(this.projector, { caseId, reference, openedOn: c.openedOn }, events);
      const body = commitBody(c, { reference, openedOn: c.openedOn, caseNumber: number });
      const steps: BatchStep[] = chain([
        counter
          ? this.l.counters.updateStep('counter', counter, { CounterValue: seq })
          : this.l.counters.createStep('counter', {
              Title: `reference-${counterKey}`,
              CounterKey: counterKey,
              CounterValue: seq,
            }),
        this.l.events.createStep('commit', {
          ...commitFields(caseId, 1, c.events, recordedAt, body),
          ...outboxFields(c, recordedAt),
        }),
        ...this.caseSteps({
          caseId,
          caseNumber: number,
          item: null,
          projection,
          records: c,
          existing: none(),
        }),
      ]);
      const results = await runBatch(this.api, steps);
      const counterResult = results.get('counter');
      if (!succeeded(counterResult)) {
        // Another opening took this number (412) or created the year's counter (409): read it again.
        if (counterResult?.status === 412 || counterResult?.status === 409) {
          await this.api.sleep(Math.round(Math.random() * 20 * attempt));
          continue;
        }
        throw batchError(counterResult, 'allocate a case reference');
      }
      const commit = results.get('commit');
      if (!succeeded(commit)) {
        if (commit?.status === 409) return this.openedBefore(c.events[0]!.id, caseId, c.caseId !== undefined);
        throw batchError(commit, 'store the opening events');
      }
      if (!succeeded(results.get('case'))) await this.rollForward(caseId).catch(() => null);
      return { caseId, reference, version: projection.version };
    }
    throw new StoreError(
      `Could not allocate a ${year} case reference: too many openings at once; try again.`,
    );
  }

  /**
   * A retried opening: the first event is stored already. Answered from the commit itself (its opening
   * record), so a retry that races the first attempt's batch never waits on, or fights, its roll-forward.
   */
  private async openedBefore(firstEventId: string, caseId: string, explicit: boolean): Promise<CaseOpened> {
    const item = await this.l.events.first({ select: EVENT_FIELDS, filter: eq('EventId', firstEventId) });
    const commit = item ? commitFromFields(item.fields) : null;
    if (!commit) throw new InvalidChangeError(`Case id ${caseId} is taken by another case.`);
    // The id belongs to another case, or to a later append: refuse, rather than answer with that case.
    if (!commit.body.opening || (explicit && commit.caseId !== caseId))
      throw new IdConflictError('event', firstEventId);
    return {
      caseId: commit.caseId,
      reference: commit.body.opening.reference,
      version: commit.lastSeq,
      alreadyRecorded: true,
    };
  }

  /** Refuses request ids another case already uses (before anything is written). */
  private async refuseForeignRequests(caseId: string, c: CaseChange): Promise<void> {
    const ids = [...new Set((c.agencyRequests ?? []).map((r) => r.requestId))];
    for (let i = 0; i < ids.length; i += 20) {
      const found = await this.l.agencyRequests.all({
        select: ['RequestId', 'CaseId'],
        filter: or(...ids.slice(i, i + 20).map((id) => eq('RequestId', id))),
      });
      const foreign = found.find((f) => f.fields.CaseId !== caseId);
      if (foreign) throw new IdConflictError('request', String(foreign.fields.RequestId));
    }
  }

  async append(caseId: string, expectedVersion: number, change: CaseChange): Promise<Appended> {
    const c = checkChange(change);
    const hasRecords = !!(c.agencyRequests?.length || c.bookings?.length);
    const [state, records] = await Promise.all([
      this.readLog(caseId),
      hasRecords ? this.readExisting(caseId) : Promise.resolve(null),
      this.refuseForeignRequests(caseId, c),
    ]);
    if (state.commits.length === 0 || state.item?.state === 'purging') throw new CaseNotFoundError(caseId);
    const stored = new Set(state.events.map((e) => e.id));
    if (c.events.some((e) => stored.has(e.id))) return { version: state.head, appended: false };
    if (state.head !== expectedVersion) throw new ConcurrencyError(caseId, expectedVersion, state.head);

    const recordedAt = this.now();
    const added = stamp(caseId, state.head, c.events, recordedAt);
    const projection = buildProjection(this.projector, metaOf(state), [...state.events, ...added]);
    const pending = state.commits.filter((k) => k.seq > (state.item?.projection.version ?? 0));
    const toApply = mergeRecords([...pending.map((k) => k.body.records ?? {}), c]);
    const oldAgencies = state.item?.projection.agencies ?? [];
    const needExisting =
      (!records && (toApply.agencyRequests?.length || toApply.bookings?.length)) ||
      oldAgencies.some((a) => !projection.agencies.includes(a)) ||
      pending.length > 0;
    const existing = records ?? (needExisting ? await this.readExisting(caseId) : null);

    const first = state.head + 1;
    const steps: BatchStep[] = chain([
      this.l.events.createStep('commit', {
        ...commitFields(caseId, first, c.events, recordedAt, commitBody(c)),
        ...outboxFields(c, recordedAt),
      }),
      ...this.caseSteps({
        caseId,
        caseNumber: state.item?.caseNumber ?? openingOf(state).caseNumber,
        item: state.item,
        projection,
        records: toApply,
        existing: existing ?? knownMembers(caseId, oldAgencies),
      }),
    ]);
    const results = await runBatch(this.api, steps);
    const commit = results.get('commit');
    if (!succeeded(commit)) {
      if (commit?.status !== 409) throw batchError(commit, 'append to the case');
      const now = await this.readLog(caseId);
      if (now.events.some((e) => e.id === c.events[0]!.id)) return { version: now.head, appended: false };
      // The first event's id is the commit's unique key: held by another case, it is a clash, not a race.
      const holder = await this.l.events.first({
        select: ['CaseId'],
        filter: eq('EventId', c.events[0]!.id),
      });
      if (holder && holder.fields.CaseId !== caseId) throw new IdConflictError('event', c.events[0]!.id);
      throw new ConcurrencyError(caseId, expectedVersion, now.head);
    }
    // The commit decides the append; a projection left behind is rolled forward here or by a reader.
    if (!succeeded(results.get('case'))) {
      const repaired = await this.rollForward(caseId).catch(() => undefined);
      // Null: the case is being purged, and this commit goes with it. Say so rather than succeed.
      if (repaired === null) throw new CaseNotFoundError(caseId);
    }
    return { version: projection.version, appended: true };
  }

  /**
   * The batch steps after a commit, in order: records (full states, created or updated with If-Match),
   * case agencies added or removed, then the Cases item last. The caller chains them (`chain`), so the
   * Cases item runs only if all the others succeed.
   */
  private caseSteps(a: {
    caseId: string;
    caseNumber: number;
    item: CaseItem | null;
    projection: CaseProjection;
    records: CaseRecords;
    existing: Existing;
  }): BatchStep[] {
    const steps: BatchStep[] = [];
    for (const [i, r] of (a.records.agencyRequests ?? []).entries()) {
      const found = a.existing.requests.get(r.requestId);
      const fields = requestFields(a.caseId, r);
      steps.push(
        found
          ? this.l.agencyRequests.updateStep(`request-${i}`, found, fields)
          : this.l.agencyRequests.createStep(`request-${i}`, fields),
      );
    }
    for (const [i, b] of (a.records.bookings ?? []).entries()) {
      const found = a.existing.bookings.get(b.bookingId);
      const fields = bookingFields(a.caseId, b);
      steps.push(
        found
          ? this.l.bookings.updateStep(`booking-${i}`, found, fields)
          : this.l.bookings.createStep(`booking-${i}`, fields),
      );
    }
    for (const agencyId of a.projection.agencies)
      if (!a.existing.members.has(agencyId))
        steps.push(
          this.l.caseAgencies.createStep(
            `member-${steps.length}`,
            memberFields(a.caseId, agencyId, a.caseNumber),
          ),
        );
    for (const [agencyId, member] of a.existing.members)
      if (!a.projection.agencies.includes(agencyId))
        steps.push(this.l.caseAgencies.deleteStep(`member-${steps.length}`, member.id));
    const fields = caseFields(a.projection, a.caseNumber);
    steps.push(
      a.item ? this.l.cases.updateStep('case', a.item, fields) : this.l.cases.createStep('case', fields),
    );
    return steps;
  }

  // --- reading and repairing ----------------------------------------------------------------------

  private async readLog(caseId: string): Promise<LogState> {
    const [items, commitItems] = await Promise.all([
      this.l.cases.page({ select: CASE_FIELDS, filter: eq('CaseId', caseId), top: 1 }),
      this.l.events.all({ select: EVENT_FIELDS, filter: eq('CaseId', caseId), orderBy: [{ field: 'Seq' }] }),
    ]);
    const raw = items.items[0];
    const item = raw ? { ...raw, ...caseFromFields(raw.fields) } : null;
    const commits = commitItems.map((i) => commitFromFields(i.fields)).sort((x, y) => x.seq - y.seq);
    const events: CaseEvent[] = [];
    for (const k of commits) {
      if (k.seq !== events.length + 1)
        throw new StoreError(`The log of case ${caseId} has a gap at ${events.length + 1}.`);
      k.body.events.forEach((e, i) =>
        events.push({
          ...e,
          payload: e.payload as JsonObject,
          caseId,
          seq: k.seq + i,
          recordedAt: k.recordedAt,
        }),
      );
    }
    return { item, commits, events, head: events.length };
  }

  private async readExisting(caseId: string): Promise<Existing> {
    const byCase = eq('CaseId', caseId);
    const [requests, bookings, members] = await Promise.all([
      this.l.agencyRequests.all({ select: ['RequestId'], filter: byCase }),
      this.l.bookings.all({ select: ['BookingId'], filter: byCase }),
      this.l.caseAgencies.all({ select: ['AgencyId'], filter: byCase }),
    ]);
    const keyed = (items: ListItem[], field: string) =>
      new Map(items.map((i) => [z.string().parse(i.fields[field]), i]));
    return {
      requests: keyed(requests, 'RequestId'),
      bookings: keyed(bookings, 'BookingId'),
      members: keyed(members, 'AgencyId'),
    };
  }

  /**
   * Brings a case's records and projection up to its log (after a crash, or a sub-request that failed
   * for good). Safe to run by several readers at once: each write carries If-Match or a unique key.
   */
  async rollForward(caseId: string): Promise<CaseRecord | null> {
    for (let attempt = 1; attempt <= 4; attempt++) {
      const [state, existing] = await Promise.all([this.readLog(caseId), this.readExisting(caseId)]);
      if (state.item?.state === 'purging' || state.commits.length === 0) return null;
      if (state.item && state.item.projection.version === state.head)
        return { projection: state.item.projection, events: state.events };
      const pending = state.commits.filter((k) => k.seq > (state.item?.projection.version ?? 0));
      const projection = buildProjection(this.projector, metaOf(state), state.events);
      const steps = chain(
        this.caseSteps({
          caseId,
          caseNumber: state.item?.caseNumber ?? openingOf(state).caseNumber,
          item: state.item,
          projection,
          records: mergeRecords(pending.map((k) => k.body.records ?? {})),
          existing,
        }),
      );
      const results = await runBatch(this.api, steps);
      if (succeeded(results.get('case'))) return { projection, events: state.events };
    }
    throw new StoreError(
      `Case ${caseId} could not be brought up to date; it will be retried on the next read.`,
    );
  }

  /**
   * Rolls forward every case with a commit recorded since `since` that its projection does not show. A case
   * that cannot be rolled forward is listed in `failed` and the others go on.
   */
  async repairRecent(since: Date): Promise<{ repaired: number; failed: string[] }> {
    const recent = await this.l.events.all({
      select: ['CaseId', 'LastSeq'],
      filter: where('RecordedAt', 'ge', since.toISOString()),
    });
    const heads = new Map<string, number>();
    for (const i of recent) {
      const id = z.string().parse(i.fields.CaseId);
      heads.set(id, Math.max(heads.get(id) ?? 0, z.number().parse(i.fields.LastSeq)));
    }
    let repaired = 0;
    const failed: string[] = [];
    const ids = [...heads.keys()];
    for (let i = 0; i < ids.length; i += 20) {
      const chunk = ids.slice(i, i + 20);
      const items = await this.l.cases.all({
        select: ['CaseId', 'CaseVersion', 'CaseState'],
        filter: or(...chunk.map((id) => eq('CaseId', id))),
      });
      const versions = new Map(items.map((x) => [String(x.fields.CaseId), Number(x.fields.CaseVersion)]));
      for (const id of chunk)
        if ((versions.get(id) ?? 0) < (heads.get(id) ?? 0)) {
          try {
            await this.rollForward(id);
            repaired++;
          } catch {
            failed.push(id);
          }
        }
    }
    return { repaired, failed };
  }

  async getCase(caseId: string): Promise<CaseRecord | null> {
    const state = await this.readLog(caseId);
    if (state.commits.length === 0 || state.item?.state === 'purging') return null;
    if (!state.item || state.item.projection.version !== state.head) return this.rollForward(caseId);
    return { projection: state.item.projection, events: state.events };
  }

  async findByReference(reference: string): Promise<CaseProjection | null> {
    const canonical = normalizeReference(reference);
    if (!canonical) return null;
    const item = await this.l.cases.first({ select: CASE_FIELDS, filter: eq('Reference', canonical) });
    if (!item) return null;
    const c = caseFromFields(item.fields);
    return c.state === 'purging' ? null : c.projection;
  }

  async listCases(query: CaseQuery = {}): Promise<Page<CaseProjection>> {
    const limit = pageLimit(query.limit);
    const filters: string[] = [];
    if (query.reference !== undefined) {
      const canonical = normalizeReference(query.reference);
      if (!canonical) return { items: [], next: null };
      filters.push(eq('Reference', canonical));
    }
    if (query.status !== undefined) filters.push(eq('CaseStatus', query.status));
    if (query.spoc !== undefined) filters.push(eq('Spoc', query.spoc));
    if (query.state !== undefined) filters.push(eq('CaseState', query.state));
    if (query.orderBy === 'deadline') return this.listByDeadline(query, filters, limit);
    let after = decodeCursor(query.cursor);
    const rows: { projection: CaseProjection; caseNumber: number }[] = [];

    if (query.agencyId === undefined) {
      if (after !== null) filters.push(where('CaseNumber', 'lt', after));
      const page = await this.l.cases.page({
        select: CASE_FIELDS,
        filter: filters.length ? and(...filters) : undefined,
        orderBy: [{ field: 'CaseNumber', desc: true }],
        top: limit + 1,
      });
      for (const i of page.items) {
        const c = caseFromFields(i.fields);
        if (c.state !== 'purging') rows.push(c);
      }
    } else {
      // A partner's list: walk its case-agency items (indexed), then read those cases and apply the
      // remaining filters to them on the server, a page at a time.
      for (;;) {
        const members = await this.l.caseAgencies.page({
          select: MEMBER_FIELDS,
          filter: and(
            eq('AgencyId', query.agencyId),
            ...(after !== null ? [where('CaseNumber', 'lt', after)] : []),
          ),
          orderBy: [{ field: 'CaseNumber', desc: true }],
          top: limit + 1,
        });
        const numbers = members.items.map((m) => memberFromFields(m.fields));
        if (numbers.length === 0) break;
        const cases = await this.l.cases.all({
          select: CASE_FIELDS,
          filter: and(or(...numbers.map((m) => eq('CaseId', m.caseId))), ...filters),
        });
        const found = new Map(
          cases.map((i) => caseFromFields(i.fields)).map((c) => [c.projection.caseId, c]),
        );
        for (const m of numbers) {
          const c = found.get(m.caseId);
          if (c && c.state !== 'purging') rows.push(c);
          if (rows.length > limit) break;
        }
        if (rows.length > limit || numbers.length <= limit) break;
        after = numbers[numbers.length - 1]!.caseNumber;
      }
    }
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => r.projection),
      next: rows.length > limit && last ? encodeCursor(last.caseNumber) : null,
    };
  }

  /**
   * Soonest deadline first. Without an agency this is a server-side ordered, keyset-paged query on two
   * indexed columns. A partner's list goes through its case-agency items (which carry no deadline), so
   * those cases are read and sorted here: one agency is on far fewer cases than the list holds.
   */
  private async listByDeadline(
    query: CaseQuery,
    filters: string[],
    limit: number,
  ): Promise<Page<CaseProjection>> {
    const after = decodeDeadlineCursor(query.cursor);
    const key = (r: { projection: CaseProjection }) => r.projection.nextDeadline ?? NO_DEADLINE;
    let rows: { projection: CaseProjection; caseNumber: number }[] = [];
    if (query.agencyId === undefined) {
      if (after)
        filters.push(
          or(
            where('NextDeadline', 'gt', after[0]),
            and(eq('NextDeadline', after[0]), where('CaseNumber', 'lt', after[1])),
          ),
        );
      const page = await this.l.cases.page({
        select: CASE_FIELDS,
        filter: filters.length ? and(...filters) : undefined,
        orderBy: [{ field: 'NextDeadline' }, { field: 'CaseNumber', desc: true }],
        top: limit + 1,
      });
      rows = page.items.map((i) => caseFromFields(i.fields)).filter((c) => c.state !== 'purging');
    } else {
      const members = await this.l.caseAgencies.all({
        select: MEMBER_FIELDS,
        filter: eq('AgencyId', query.agencyId),
      });
      const ids = members.map((m) => memberFromFields(m.fields).caseId);
      for (let i = 0; i < ids.length; i += 20) {
        const cases = await this.l.cases.all({
          select: CASE_FIELDS,
          filter: and(or(...ids.slice(i, i + 20).map((id) => eq('CaseId', id))), ...filters),
        });
        rows.push(...cases.map((c) => caseFromFields(c.fields)).filter((c) => c.state !== 'purging'));
      }
      rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : b.caseNumber - a.caseNumber));
      if (after)
        rows = rows.filter((r) => key(r) > after[0] || (key(r) === after[0] && r.caseNumber < after[1]));
    }
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => r.projection),
      next: rows.length > limit && last ? encodeCursor([key(last), last.caseNumber]) : null,
    };
  }

  // --- agency requests, bookings --------------------------------------------------------------------

  async agencyRequests(
    agencyId: string,
    options: { outstandingOnly?: boolean; limit?: number; cursor?: string } = {},
  ): Promise<Page<AgencyRequest>> {
    const limit = pageLimit(options.limit);
    const after = decodeRequestCursor(options.cursor);
    const filters = [eq('AgencyId', agencyId)];
    if (options.outstandingOnly) filters.push(eq('RequestStatus', 'requested'));
    if (after)
      filters.push(
        or(where('DueOn', 'gt', after[0]), and(eq('DueOn', after[0]), where('RequestId', 'gt', after[1]))),
      );
    const page = await this.l.agencyRequests.page({
      select: REQUEST_FIELDS,
      filter: and(...filters),
      orderBy: [{ field: 'DueOn' }, { field: 'RequestId' }],
      top: limit + 1,
    });
    const rows = page.items.map((i) => requestFromFields(i.fields));
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, next: rows.length > limit && last ? encodeCursor([last.dueOn, last.requestId]) : null };
  }

  async caseRequests(caseId: string): Promise<AgencyRequest[]> {
    const items = await this.l.agencyRequests.all({ select: REQUEST_FIELDS, filter: eq('CaseId', caseId) });
    return items
      .map((i) => requestFromFields(i.fields))
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.requestId.localeCompare(b.requestId));
  }

  async caseBookings(caseId: string): Promise<PanelBooking[]> {
    const items = await this.l.bookings.all({ select: BOOKING_FIELDS, filter: eq('CaseId', caseId) });
    return items
      .map((i) => bookingFromFields(i.fields))
      .sort((a, b) => a.start.localeCompare(b.start) || a.bookingId.localeCompare(b.bookingId));
  }

  // --- files ----------------------------------------------------------------------------------------

  async putFile(caseId: string, file: NewCaseFile, bytes: Uint8Array): Promise<CaseFile> {
    const f = checkNewFile(file);
    const fileId = f.fileId ?? randomUUID();
    const [caseItem, existing] = await Promise.all([
      this.l.cases.first({ select: ['CaseId', 'CaseState'], filter: eq('CaseId', caseId) }),
      this.l.files.first({ select: FILE_FIELDS, filter: eq('FileId', fileId) }),
    ]);
    if (!caseItem || caseItem.fields.CaseState === 'purging') throw new CaseNotFoundError(caseId);
    if (existing) return fileFromFields(existing.fields).file;
    const stored: CaseFile = {
      fileId,
      caseId,
      kind: f.kind,
      name: f.name,
      contentType: f.contentType,
      size: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      storedAt: this.now(),
      storedBy: f.storedBy,
    };
    // Bytes first, then the item that makes them part of the case: a crash between leaves an
    // unreferenced file in the case's folder, removed with the folder when the case is purged.
    const extension = /\.[A-Za-z0-9]{1,8}$/.exec(f.name)?.[0] ?? '';
    const path = [this.folder, caseId, `${fileId}${extension}`].map(encodeURIComponent).join('/');
    const uploaded = await this.api.request('PUT', `/sites/${this.siteId}/drive/root:/${path}:/content`, {
      headers: { 'Content-Type': f.contentType },
      body: Buffer.from(bytes),
    });
    const driveItemId = driveItem.parse(uploaded.body).id;
    try {
      await this.l.files.create(fileFields(stored, driveItemId));
    } catch (err) {
      if (!(err instanceof GraphRequestError && err.status === 409)) throw err;
      const again = await this.l.files.first({ select: FILE_FIELDS, filter: eq('FileId', fileId) });
      if (again) return fileFromFields(again.fields).file;
      throw err;
    }
    return stored;
  }

  async getFile(fileId: string): Promise<{ file: CaseFile; bytes: Buffer } | null> {
    const item = await this.l.files.first({ select: FILE_FIELDS, filter: eq('FileId', fileId) });
    if (!item) return null;
    const { file, driveItemId } = fileFromFields(item.fields);
    const { body } = await this.api.request<Buffer>(
      'GET',
      `/sites/${this.siteId}/drive/items/${encodeURIComponent(driveItemId)}/content`,
      { binary: true },
    );
    if (createHash('sha256').update(body).digest('hex') !== file.sha256)
      throw new StoreError(`File ${fileId} does not match the checksum stored with it.`);
    return { file, bytes: body };
  }

  async caseFiles(caseId: string): Promise<CaseFile[]> {
    const items = await this.l.files.all({ select: FILE_FIELDS, filter: eq('CaseId', caseId) });
    return items
      .map((i) => fileFromFields(i.fields).file)
      .sort((a, b) => a.storedAt.localeCompare(b.storedAt) || a.fileId.localeCompare(b.fileId));
  }

  // --- conversation references, reminders ----------------------------------------------------------

  async putConversationRef(key: string, ref: Json): Promise<void> {
    const k = shortKey(key);
    const fields = { RefJson: JSON.stringify({ key, ref }), UpdatedAt: this.now() };
    for (let attempt = 1; attempt <= 5; attempt++) {
      const found = await this.l.conversationRefs.first({ select: ['RefKey'], filter: eq('RefKey', k) });
      try {
        if (found) await this.l.conversationRefs.update(found.id, found.etag, fields);
        else await this.l.conversationRefs.create({ Title: k, RefKey: k, ...fields });
        return;
      } catch (err) {
        // Someone else wrote it between our read and write: read again.
        if (!(err instanceof GraphRequestError && (err.status === 409 || err.status === 412))) throw err;
      }
    }
    throw new StoreError('A conversation reference kept changing under us; try again.');
  }

  async getConversationRef(key: string): Promise<ConversationRefRecord | null> {
    const found = await this.l.conversationRefs.first({
      select: ['RefJson', 'UpdatedAt'],
      filter: eq('RefKey', shortKey(key)),
    });
    if (!found) return null;
    const f = z.object({ RefJson: z.string(), UpdatedAt: z.string() }).parse(found.fields);
    const stored = z.object({ key: z.string(), ref: z.unknown() }).parse(JSON.parse(f.RefJson));
    return { key: stored.key, ref: stored.ref as Json, updatedAt: f.UpdatedAt };
  }

  async deleteConversationRef(key: string): Promise<void> {
    const found = await this.l.conversationRefs.first({
      select: ['RefKey'],
      filter: eq('RefKey', shortKey(key)),
    });
    if (found) await this.l.conversationRefs.delete(found.id).catch(ignoreNotFound);
  }

  async claimReminder(key: string): Promise<boolean> {
    const k = shortKey(key);
    // The token tells our own earlier attempt (a lost answer, retried) from another instance's claim.
    const token = randomUUID();
    try {
      await this.l.reminders.create({ Title: k, ReminderKey: k, ClaimedAt: this.now(), ClaimToken: token });
      return true;
    } catch (err) {
      if (!(err instanceof GraphRequestError && err.status === 409)) throw err;
      const found = await this.l.reminders.first({ select: ['ClaimToken'], filter: eq('ReminderKey', k) });
      return found?.fields.ClaimToken === token;
    }
  }

  // --- legal hold and retention ----------------------------------------------------------------------

  async setLegalHold(caseId: string, on: boolean, actor: string, reason: string): Promise<Appended> {
    return withRetry(
      this,
      caseId,
      () => ({
        events: [
          {
            id: randomUUID(),
            type: on ? LEGAL_HOLD_SET : LEGAL_HOLD_RELEASED,
            actor,
            at: this.now(),
            payload: { reason },
          },
        ],
      }),
      { sleep: this.api.sleep },
    );
  }

  /**
   * Per case: mark it `purging` (If-Match: a legal hold set meanwhile wins), write the purge log
   * entry, delete files and child items, delete the Cases item last. A crash part-way leaves the
   * case marked `purging` (hidden from reads) and the next run finishes it.
   */
  async purgeExpired(request: PurgeRequest): Promise<PurgeRecord[]> {
    const upTo = purgeCandidatesUpTo(request.today, request.retentionYears);
    const [expired, unfinished] = await Promise.all([
      this.l.cases.all({
        select: CASE_FIELDS,
        filter: and(eq('CaseState', 'closed'), where('ClosedOn', 'le', upTo)),
      }),
      this.l.cases.all({ select: CASE_FIELDS, filter: eq('CaseState', 'purging') }),
    ]);
    const purged: PurgeRecord[] = [];
    for (const item of unfinished) {
      const c = caseFromFields(item.fields);
      const facts = request.summarize?.((await this.readLog(c.projection.caseId)).events);
      purged.push(await this.finishPurge(c.projection, item, request.by, facts));
    }
    for (const candidate of expired) {
      const caseId = caseFromFields(candidate.fields).projection.caseId;
      // Decide on the log, not on a projection a crash may have left behind (a legal hold in it).
      let log = await this.readLog(caseId);
      if (log.item && log.item.projection.version !== log.head) {
        await this.rollForward(caseId);
        log = await this.readLog(caseId);
      }
      const item = log.item;
      const p = item?.projection;
      if (!item || !p?.closedOn || item.state !== 'closed' || legalHoldOf(log.events)) continue;
      if (!retentionPassed(p.closedOn, request.today, request.retentionYears)) continue;
      try {
        item.etag = await this.l.cases.update(item.id, item.etag, { CaseState: 'purging' });
      } catch (err) {
        // Changed since we read it (a legal hold, a new event): leave it for the next run.
        if (err instanceof GraphRequestError && (err.status === 412 || err.status === 404)) continue;
        throw err;
      }
      // A hold appended between our read and the mark would be in the log now: it wins.
      if (legalHoldOf((await this.readLog(caseId)).events)) {
        await this.l.cases.update(item.id, item.etag, { CaseState: 'closed' });
        continue;
      }
      purged.push(await this.finishPurge(p, item, request.by, request.summarize?.(log.events)));
    }
    return purged;
  }

  private async finishPurge(
    p: CaseProjection,
    item: ListItem,
    by: string,
    facts: JsonObject | undefined,
  ): Promise<PurgeRecord> {
    const record: PurgeRecord = {
      reference: p.reference,
      closedOn: p.closedOn as string,
      purgedAt: this.now(),
      by,
      ...(facts ? { facts } : {}),
    };
    try {
      await this.l.purgeLog.create({
        Title: p.reference,
        PurgeKey: p.caseId,
        Reference: p.reference,
        ClosedOn: record.closedOn,
        PurgedAt: record.purgedAt,
        PurgedBy: by,
        ...(facts ? { Facts: JSON.stringify(facts) } : {}),
      });
    } catch (err) {
      if (!(err instanceof GraphRequestError && err.status === 409)) throw err; // logged by an earlier run
    }
    const byCase = eq('CaseId', p.caseId);
    const [events, requests, bookings, files, members] = await Promise.all([
      this.l.events.all({ select: ['CaseId'], filter: byCase }),
      this.l.agencyRequests.all({ select: ['CaseId'], filter: byCase }),
      this.l.bookings.all({ select: ['CaseId'], filter: byCase }),
      this.l.files.all({ select: FILE_FIELDS, filter: byCase }),
      this.l.caseAgencies.all({ select: ['CaseId'], filter: byCase }),
    ]);
    const steps: BatchStep[] = [];
    for (const f of files)
      steps.push({
        id: `drive-${steps.length}`,
        method: 'DELETE',
        url: `/sites/${this.siteId}/drive/items/${encodeURIComponent(fileFromFields(f.fields).driveItemId)}`,
      });
    const lists = [
      [this.l.events, events],
      [this.l.agencyRequests, requests],
      [this.l.bookings, bookings],
      [this.l.files, files],
      [this.l.caseAgencies, members],
    ] as const;
    for (const [list, items] of lists)
      for (const i of items) steps.push(list.deleteStep(`item-${steps.length}`, i.id));
    const results = await runBatch(this.api, steps);
    const failed = [...results.values()].filter((r) => !succeeded(r) && r.status !== 404);
    if (failed.length > 0)
      throw new StoreError(
        `Purge of ${p.reference} stopped part-way (${failed.length} deletions failed); run it again.`,
      );
    const folder = [this.folder, p.caseId].map(encodeURIComponent).join('/');
    await this.api.request('DELETE', `/sites/${this.siteId}/drive/root:/${folder}`).catch(ignoreNotFound);
    await this.l.cases.delete(item.id).catch(ignoreNotFound);
    return record;
  }

  async purgeLog(): Promise<PurgeRecord[]> {
    const items = await this.l.purgeLog.all({
      select: ['Reference', 'ClosedOn', 'PurgedAt', 'PurgedBy', 'Facts'],
    });
    return items.map((i) => {
      const f = z
        .object({
          Reference: z.string(),
          ClosedOn: z.string(),
          PurgedAt: z.string(),
          PurgedBy: z.string(),
          Facts: z.string().nullish(),
        })
        .parse(i.fields);
      return {
        reference: f.Reference,
        closedOn: f.ClosedOn,
        purgedAt: f.PurgedAt,
        by: f.PurgedBy,
        ...(f.Facts ? { facts: JSON.parse(f.Facts) as JsonObject } : {}),
      };
    });
  }

  async close(): Promise<void> {
    // Nothing held open: each call is its own HTTP request.
  }
}

function stamp(
  caseId: string,
  version: number,
  events: CaseChange['events'],
  recordedAt: string,
): CaseEvent[] {
  return events.map((e, i) => ({ ...e, caseId, seq: version + i + 1, recordedAt }));
}

function commitBody(c: CaseChange, opening?: CommitBody['opening']): string {
  const body: CommitBody = {
    v: 1,
    events: c.events,
    ...(c.effects?.length ? { effects: c.effects } : {}),
    ...(c.agencyRequests?.length || c.bookings?.length
      ? {
          records: {
            ...(c.agencyRequests?.length ? { agencyRequests: c.agencyRequests } : {}),
            ...(c.bookings?.length ? { bookings: c.bookings } : {}),
          },
        }
      : {}),
    ...(opening ? { opening } : {}),
  };
  const json = JSON.stringify(body);
  if (json.length > MAX_COMMIT_CHARS)
    throw new InvalidChangeError(
      `The change is ${json.length} characters, more than one SharePoint item holds (${MAX_COMMIT_CHARS}); ` +
        'keep documents as case files and refer to them.',
    );
  return json;
}

/** The last write of each record wins, in log order. */
function mergeRecords(list: CaseRecords[]): CaseRecords {
  const requests = new Map<string, NonNullable<CaseRecords['agencyRequests']>[number]>();
  const bookings = new Map<string, NonNullable<CaseRecords['bookings']>[number]>();
  for (const r of list) {
    for (const x of r.agencyRequests ?? []) requests.set(x.requestId, x);
    for (const x of r.bookings ?? []) bookings.set(x.bookingId, x);
  }
  return { agencyRequests: [...requests.values()], bookings: [...bookings.values()] };
}

function openingOf(state: LogState): NonNullable<CommitBody['opening']> {
  const opening = state.commits[0]?.body.opening;
  if (!opening) throw new StoreError('The first commit of a case has no opening record.');
  return opening;
}

function metaOf(state: LogState): CaseMeta {
  if (state.item)
    return {
      caseId: state.item.projection.caseId,
      reference: state.item.projection.reference,
      openedOn: state.item.projection.openedOn,
    };
  const o = openingOf(state);
  return { caseId: state.commits[0]!.caseId, reference: o.reference, openedOn: o.openedOn };
}

/** When no case agency has to be removed, adds only need to know which agencies are there already. */
function knownMembers(caseId: string, agencies: string[]): Existing {
  const e = none();
  for (const a of agencies) e.members.set(a, { id: '', etag: '', fields: { CaseId: caseId, AgencyId: a } });
  return e;
}

function shortKey(key: string): string {
  return key.length <= 200 ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

function batchError(r: StepResult | undefined, doing: string): Error {
  const error = (r?.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return new StoreError(
    `Could not ${doing}: Graph answered ${r?.status ?? 'nothing'} (${error?.code ?? 'unknown'}).`,
  );
}

function ignoreNotFound(err: unknown): void {
  if (err instanceof GraphRequestError && err.status === 404) return;
  throw err;
}
