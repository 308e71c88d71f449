/**
 * The CaseLog on SharePoint lists through Graph (list schema: list-schema.ts).
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
 *
 * The reads a write starts from are in sharepoint-case-reads.ts, the batch it writes in
 * sharepoint-case-commits.ts, and the lists of cases in sharepoint-case-queries.ts.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Appended, CaseChange, CaseLog, CaseOpened, CaseRecord, NewCase } from '../../store/case-log';
import type { Folds } from '../../store/projection';
import { caseNumber, formatReference, yearOf } from '../../store/references';
import {
  CaseNotFoundError,
  ConcurrencyError,
  IdConflictError,
  InvalidChangeError,
  StoreError,
} from '../../store/store-errors';
import { checkChange, checkNewCase } from '../../store/store-schemas';
import { chain, runBatch, succeeded, type BatchStep } from './graph-batch';
import type { GraphApi } from './graph-client';
import { commitFields, commitFromFields, EVENT_FIELDS } from './list-fields';
import { eq, or, where } from './odata';
import { batchError, caseSteps, commitBody, mergeRecords, stamp } from './sharepoint-case-commits';
import { SharePointCaseQueries } from './sharepoint-case-queries';
import {
  knownMembers,
  metaOf,
  noExisting,
  openingOf,
  readExisting,
  readLog,
  ReadsForAppend,
  requestItems,
  type LogState,
} from './sharepoint-case-reads';
import type { SharePointLists } from './sharepoint-list';
import { outboxFields } from './sharepoint-outbox';

export class SharePointCaseLog extends SharePointCaseQueries implements CaseLog {
  private readonly reads: ReadsForAppend;

  constructor(
    private readonly api: GraphApi,
    l: SharePointLists,
    private readonly folds: Folds,
    private readonly clock: () => Date,
  ) {
    super(l);
    this.reads = new ReadsForAppend(clock);
  }

  private now(): string {
    return this.clock().toISOString();
  }

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
      const folded = this.folds.fold(events);
      const projection = this.folds.project({ caseId, reference, openedOn: c.openedOn }, folded);
      const body = commitBody(c, reference, { reference, openedOn: c.openedOn, caseNumber: number });
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
        ...caseSteps(this.l, {
          caseId,
          caseNumber: number,
          item: null,
          projection,
          records: c,
          existing: noExisting(),
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
      else this.folds.put(caseId, reference, folded);
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
  private async refuseForeignRequests(caseId: string, ids: readonly string[]): Promise<void> {
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
    const read = this.reads.take(caseId, expectedVersion);
    const requestIds = [...new Set((c.agencyRequests ?? []).map((r) => r.requestId))];
    // A request already this case's (in the read) needs no check that another case holds it.
    const unknown = requestIds.filter((id) => !read?.requests.has(id));
    const [state, records] = await Promise.all([
      read?.log ?? this.readLog(caseId),
      c.bookings?.length || (c.agencyRequests?.length && !read)
        ? readExisting(this.l, caseId)
        : Promise.resolve(null),
      this.refuseForeignRequests(caseId, unknown),
    ]);
    if (state.commits.length === 0 || state.item?.state === 'purging') throw new CaseNotFoundError(caseId);
    const stored = new Set(state.events.map((e) => e.id));
    if (c.events.some((e) => stored.has(e.id))) return { version: state.head, appended: false };
    if (state.head !== expectedVersion) throw new ConcurrencyError(caseId, expectedVersion, state.head);

    const recordedAt = this.now();
    const added = stamp(caseId, state.head, c.events, recordedAt);
    const meta = metaOf(state);
    const before = this.folds.take(caseId, meta.reference, state.head) ?? this.folds.fold(state.events);
    const folded = this.folds.fold(added, before);
    const projection = this.folds.project(meta, folded);
    const pending = state.commits.filter((k) => k.seq > (state.item?.projection.version ?? 0));
    const toApply = mergeRecords([...pending.map((k) => k.body.records ?? {}), c]);
    const oldAgencies = state.item?.projection.agencies ?? [];
    // Every item as it is, when a commit before this one is still to apply or an agency leaves the case;
    // otherwise the request items read with the case, and the agencies its projection names.
    const needExisting =
      (!records && !read && (toApply.agencyRequests?.length || toApply.bookings?.length)) ||
      oldAgencies.some((a) => !projection.agencies.includes(a)) ||
      pending.length > 0;
    const existing =
      records ??
      (needExisting
        ? await readExisting(this.l, caseId)
        : read
          ? { ...knownMembers(caseId, oldAgencies), requests: read.requests }
          : null);

    const first = state.head + 1;
    const steps: BatchStep[] = chain([
      this.l.events.createStep('commit', {
        ...commitFields(caseId, first, c.events, recordedAt, commitBody(c, meta.reference)),
        ...outboxFields(c, recordedAt),
      }),
      ...caseSteps(this.l, {
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
    } else this.folds.put(caseId, meta.reference, folded);
    return { version: projection.version, appended: true };
  }

  /** A case's Cases item and its commits, read side by side, with the events in order. */
  readLog(caseId: string): Promise<LogState> {
    return readLog(this.l, caseId);
  }

  /**
   * Brings a case's records and projection up to its log (after a crash, or a sub-request that failed
   * for good). Safe to run by several readers at once: each write carries If-Match or a unique key.
   */
  async rollForward(caseId: string): Promise<CaseRecord | null> {
    for (let attempt = 1; attempt <= 4; attempt++) {
      const [state, existing] = await Promise.all([this.readLog(caseId), readExisting(this.l, caseId)]);
      if (state.item?.state === 'purging' || state.commits.length === 0) return null;
      if (state.item && state.item.projection.version === state.head)
        return { projection: state.item.projection, events: state.events };
      const pending = state.commits.filter((k) => k.seq > (state.item?.projection.version ?? 0));
      const meta = metaOf(state);
      const folded = this.folds.fold(state.events);
      const projection = this.folds.project(meta, folded);
      const steps = chain(
        caseSteps(this.l, {
          caseId,
          caseNumber: state.item?.caseNumber ?? openingOf(state).caseNumber,
          item: state.item,
          projection,
          records: mergeRecords(pending.map((k) => k.body.records ?? {})),
          existing,
        }),
      );
      const results = await runBatch(this.api, steps);
      if (succeeded(results.get('case'))) {
        this.folds.put(caseId, meta.reference, folded);
        return { projection, events: state.events };
      }
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

  async getCase(caseId: string, options: { forAppend?: boolean } = {}): Promise<CaseRecord | null> {
    // To append, the case's request items are read beside its log (the same round trip).
    const [state, requests] = await Promise.all([
      this.readLog(caseId),
      options.forAppend ? requestItems(this.l, caseId) : undefined,
    ]);
    if (state.commits.length === 0 || state.item?.state === 'purging') return null;
    if (!state.item || state.item.projection.version !== state.head) return this.rollForward(caseId);
    if (requests) this.reads.keep(caseId, state, requests);
    return { projection: state.item.projection, events: state.events };
  }
}
