/**
 * The CaseLog in SQLite. Every write runs in one IMMEDIATE transaction (events, projection, records and
 * outbox entry together), so a crash leaves either all of it or none; other processes on the same file
 * wait for the lock (busy_timeout). An append folds only its own events into the case's kept state
 * (store/projection.ts), so it costs the same on the tenth event as on the hundredth.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type {
  AgencyRequest,
  Appended,
  CaseChange,
  CaseEvent,
  CaseLog,
  CaseOpened,
  CaseProjection,
  CaseQuery,
  CaseRecord,
  CaseRecords,
  NewCase,
  Page,
  PanelBooking,
} from '../../store/case-log';
import {
  decodeCursor,
  decodeDeadlineCursor,
  decodeRequestCursor,
  encodeCursor,
  NO_DEADLINE,
  pageLimit,
} from '../../store/paging';
import type { Folded, Folds } from '../../store/projection';
import { caseNumber, formatReference, normalizeReference, yearOf } from '../../store/references';
import {
  CaseNotFoundError,
  ConcurrencyError,
  IdConflictError,
  InvalidChangeError,
} from '../../store/store-errors';
import { checkChange, checkNewCase } from '../../store/store-schemas';
import type { SqliteOutbox } from './sqlite-outbox';
import {
  caseParams,
  eventParams,
  toBooking,
  toEvent,
  toProjection,
  toRequest,
  type BookingRow,
  type CaseRow,
  type EventRow,
  type RequestRow,
} from './sqlite-rows';

/** The columns an append may change (the reference, number and opening date never do). */
const UPDATABLE = [
  'title',
  'status',
  'spoc',
  'next_deadline',
  'agencies',
  'closed_on',
  'legal_hold',
  'version',
  'updated_at',
] as const;

export class SqliteCaseLog implements CaseLog {
  private readonly sql: ReturnType<typeof prepare>;
  private readonly tx: {
    create: (c: NewCase) => CaseOpened & { folded?: Folded };
    append: (
      caseId: string,
      expectedVersion: number,
      c: CaseChange,
    ) => Appended & { row?: CaseRow; folded?: Folded };
    read: (caseId: string) => { row: CaseRow; events: CaseEvent[] } | null;
    reproject: (caseId: string) => { record: CaseRecord; folded: Folded } | null;
  };
  /** UPDATE statements by the columns they set. */
  private readonly caseUpdates = new Map<string, Statement>();

  constructor(
    private readonly db: Database,
    private readonly folds: Folds,
    private readonly outbox: SqliteOutbox,
    private readonly clock: () => Date,
  ) {
    this.sql = prepare(db);
    // The transactions made once (better-sqlite3 builds four wrappers each time one is made): writes
    // BEGIN IMMEDIATE, so a second process waits for the write lock before reading what it will change.
    this.tx = {
      create: db.transaction((c: NewCase) => this.create(c)).immediate,
      append: db.transaction((caseId: string, expectedVersion: number, c: CaseChange) =>
        this.appendChange(caseId, expectedVersion, c),
      ).immediate,
      read: db.transaction((caseId: string) => {
        const row = this.sql.caseRow.get(caseId) as CaseRow | undefined;
        return row ? { row, events: this.events(caseId) } : null;
      }),
      reproject: db.transaction((caseId: string) => this.reprojectIn(caseId)).immediate,
    };
    this.repairProjections();
  }

  async createCase(input: NewCase): Promise<CaseOpened> {
    const { folded, ...opened } = this.tx.create(checkNewCase(input));
    if (folded) this.folds.put(opened.caseId, opened.reference, folded);
    return opened;
  }

  async append(caseId: string, expectedVersion: number, change: CaseChange): Promise<Appended> {
    const c = checkChange(change);
    try {
      const { row, folded, ...appended } = this.tx.append(caseId, expectedVersion, c);
      if (row && folded) this.folds.put(caseId, row.reference, folded);
      return appended;
    } catch (err) {
      // The transaction's own check makes this unreachable; the key is the structural backstop.
      if (isConstraint(err, 'SQLITE_CONSTRAINT_PRIMARYKEY'))
        throw new ConcurrencyError(caseId, expectedVersion, null);
      throw err;
    }
  }

  /** Inside createCase's transaction: the checked new case written, or the case a retry opened. */
  private create(c: NewCase): CaseOpened & { folded?: Folded } {
    const retried = this.caseOfStoredEvents(c.events.map((e) => e.id));
    // A retry opens the same case with the same first event; an event id of some other case must not
    // answer with that case.
    const sameOpening =
      retried &&
      (c.caseId === undefined
        ? this.sql.seqOfEvent.get(c.events[0]!.id) === 1
        : retried.case_id === c.caseId);
    if (retried && !sameOpening) throw new IdConflictError('event', this.clashingEvent(c, retried));
    if (retried)
      return {
        caseId: retried.case_id,
        reference: retried.reference,
        version: retried.version,
        alreadyRecorded: true,
      };
    const caseId = c.caseId ?? randomUUID();
    if (this.sql.caseRow.get(caseId))
      throw new InvalidChangeError(`Case id ${caseId} is taken by another case.`);
    const year = yearOf(c.openedOn);
    const seq = this.sql.nextSeq.get(year) as number;
    const reference = formatReference(year, seq);
    const number = caseNumber(year, seq);
    const events = this.stamp(caseId, 0, c);
    const folded = this.folds.fold(events);
    const projection = this.folds.project({ caseId, reference, openedOn: c.openedOn }, folded);
    this.sql.insertCase.run(caseParams(projection, number));
    for (const e of events) this.sql.insertEvent.run(eventParams(e));
    this.writeRecords(caseId, c);
    this.outbox.add(caseId, c, events[0]!.recordedAt);
    this.syncAgencies(caseId, number, projection.agencies);
    return { caseId, reference, version: projection.version, folded };
  }

  /** Inside append's transaction: the checked change appended at `expectedVersion`, or found a retry. */
  private appendChange(
    caseId: string,
    expectedVersion: number,
    c: CaseChange,
  ): Appended & { row?: CaseRow; folded?: Folded } {
    const row = this.sql.caseRow.get(caseId) as CaseRow | undefined;
    if (!row) throw new CaseNotFoundError(caseId);
    // An id already stored on this case means a retry of an append that went through; on another case,
    // a clash the caller must hear about (answering "done" would lose this write).
    const owner = this.caseOfStoredEvents(c.events.map((e) => e.id));
    if (owner && owner.case_id !== caseId) throw new IdConflictError('event', this.clashingEvent(c, owner));
    if (owner) return { version: row.version, appended: false };
    if (row.version !== expectedVersion) throw new ConcurrencyError(caseId, expectedVersion, row.version);
    const before =
      this.folds.take(caseId, row.reference, row.version) ?? this.folds.fold(this.events(caseId));
    const added = this.stamp(caseId, row.version, c);
    for (const e of added) this.sql.insertEvent.run(eventParams(e));
    const folded = this.folds.fold(added, before);
    const projection = this.folds.project(metaOf(row), folded);
    this.updateCase(row, caseParams(projection, row.case_number));
    this.writeRecords(caseId, c);
    this.outbox.add(caseId, c, added[0]!.recordedAt);
    if (row.agencies !== JSON.stringify(projection.agencies))
      this.syncAgencies(caseId, row.case_number, projection.agencies);
    return { version: projection.version, appended: true, row, folded };
  }

  async getCase(caseId: string): Promise<CaseRecord | null> {
    const found = this.tx.read(caseId);
    if (!found) return null;
    const { row, events } = found;
    if (events[events.length - 1]?.seq !== row.version) return this.reproject(caseId);
    return { projection: toProjection(row), events };
  }

  async findByReference(reference: string): Promise<CaseProjection | null> {
    const canonical = normalizeReference(reference);
    if (!canonical) return null;
    const row = this.sql.caseByReference.get(canonical) as CaseRow | undefined;
    return row ? toProjection(row) : null;
  }

  async listCases(query: CaseQuery = {}): Promise<Page<CaseProjection>> {
    const limit = pageLimit(query.limit);
    const where: string[] = [];
    const params: (string | number)[] = [];
    const add = (clause: string, ...values: (string | number)[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (query.reference !== undefined) {
      const canonical = normalizeReference(query.reference);
      if (!canonical) return { items: [], next: null };
      add('c.reference = ?', canonical);
    }
    if (query.status !== undefined) add('c.status = ?', query.status);
    if (query.spoc !== undefined) add('c.spoc = ?', query.spoc);
    if (query.state === 'open') add('c.closed_on IS NULL');
    if (query.state === 'closed') add('c.closed_on IS NOT NULL');
    if (query.agencyId !== undefined)
      add('c.case_id IN (SELECT a.case_id FROM case_agencies a WHERE a.agency_id = ?)', query.agencyId);
    const byDeadline = query.orderBy === 'deadline';
    const deadlineKey = `COALESCE(c.next_deadline, '${NO_DEADLINE}')`;
    if (byDeadline) {
      const after = decodeDeadlineCursor(query.cursor);
      if (after !== null)
        add(
          `(${deadlineKey} > ? OR (${deadlineKey} = ? AND c.case_number < ?))`,
          after[0],
          after[0],
          after[1],
        );
    } else {
      const after = decodeCursor(query.cursor);
      if (after !== null) add('c.case_number < ?', after);
    }
    const rows = this.db
      .prepare(
        `SELECT c.* FROM cases c ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY ${byDeadline ? `${deadlineKey}, ` : ''}c.case_number DESC LIMIT ?`,
      )
      .all(...params, limit + 1) as CaseRow[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const cursor = (row: CaseRow) =>
      byDeadline
        ? encodeCursor([row.next_deadline ?? NO_DEADLINE, row.case_number])
        : encodeCursor(row.case_number);
    return {
      items: page.map(toProjection),
      next: rows.length > limit && last ? cursor(last) : null,
    };
  }

  async agencyRequests(
    agencyId: string,
    options: { outstandingOnly?: boolean; limit?: number; cursor?: string } = {},
  ): Promise<Page<AgencyRequest>> {
    const limit = pageLimit(options.limit);
    const after = decodeRequestCursor(options.cursor);
    const where = ['agency_id = ?'];
    const params: string[] = [agencyId];
    if (options.outstandingOnly) where.push("status = 'requested'");
    if (after) {
      where.push('(due_on, request_id) > (?, ?)');
      params.push(after[0], after[1]);
    }
    const rows = this.db
      .prepare(
        `SELECT * FROM agency_requests WHERE ${where.join(' AND ')} ORDER BY due_on, request_id LIMIT ?`,
      )
      .all(...params, limit + 1) as RequestRow[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toRequest),
      next: rows.length > limit && last ? encodeCursor([last.due_on, last.request_id]) : null,
    };
  }

  async caseRequests(caseId: string): Promise<AgencyRequest[]> {
    return (this.sql.caseRequests.all(caseId) as RequestRow[]).map(toRequest);
  }

  async caseBookings(caseId: string): Promise<PanelBooking[]> {
    return (this.sql.caseBookings.all(caseId) as BookingRow[]).map(toBooking);
  }

  /** Recomputes projections whose version does not match their log (e.g. after a crash). */
  repairProjections(): number {
    const stale = this.sql.staleCases.all() as string[];
    for (const caseId of stale) this.reproject(caseId);
    return stale.length;
  }

  private reproject(caseId: string): CaseRecord | null {
    const done = this.tx.reproject(caseId);
    if (!done) return null;
    this.folds.put(caseId, done.record.projection.reference, done.folded);
    return done.record;
  }

  /** Inside reproject's transaction: the case's projection recomputed from its log. */
  private reprojectIn(caseId: string): { record: CaseRecord; folded: Folded } | null {
    const row = this.sql.caseRow.get(caseId) as CaseRow | undefined;
    if (!row) return null;
    const events = this.events(caseId);
    const folded = this.folds.fold(events);
    const projection = this.folds.project(metaOf(row), folded);
    this.sql.updateCase.run(caseParams(projection, row.case_number));
    this.syncAgencies(caseId, row.case_number, projection.agencies);
    return { record: { projection, events }, folded };
  }

  private events(caseId: string): CaseEvent[] {
    return (this.sql.caseEvents.all(caseId) as EventRow[]).map(toEvent);
  }

  private stamp(caseId: string, version: number, change: CaseChange): CaseEvent[] {
    const recordedAt = this.clock().toISOString();
    return change.events.map((e, i) => ({ ...e, caseId, seq: version + i + 1, recordedAt }));
  }

  /** The case holding the first of these event ids that is stored (an index lookup each; usually none). */
  private caseOfStoredEvents(ids: string[]): CaseRow | undefined {
    for (const id of ids) {
      const caseId = this.sql.caseIdOfEvent.get(id) as string | undefined;
      if (caseId !== undefined) return this.sql.caseRow.get(caseId) as CaseRow;
    }
    return undefined;
  }

  /** The first of the change's event ids that the other case holds. */
  private clashingEvent(change: CaseChange, owner: CaseRow): string {
    return change.events.find(
      (e) => (this.sql.caseIdOfEvent.get(e.id) as string | undefined) === owner.case_id,
    )!.id;
  }

  /**
   * Writes only the columns the append changed: SQLite maintains an index when its columns are in the SET
   * list, and most appends change the status, the version and the time, not the reference or the SPOC.
   */
  private updateCase(row: CaseRow, next: ReturnType<typeof caseParams>): void {
    const changed = UPDATABLE.filter((c) => next[c] !== row[c]);
    const key = changed.join(',');
    let statement = this.caseUpdates.get(key);
    if (!statement) {
      statement = this.db.prepare(
        `UPDATE cases SET ${changed.map((c) => `${c} = @${c}`).join(', ')} WHERE case_id = @case_id`,
      );
      this.caseUpdates.set(key, statement);
    }
    statement.run(next);
  }

  private writeRecords(caseId: string, records: CaseRecords): void {
    for (const r of records.agencyRequests ?? []) {
      // A request id belongs to one case: one this case holds is held by no other (every insert checks).
      const stored = this.sql.requestRow.get(caseId, r.requestId) as RequestRow | undefined;
      if (!stored && this.sql.requestElsewhere.get(r.requestId, caseId))
        throw new IdConflictError('request', r.requestId);
      const params = {
        request_id: r.requestId,
        case_id: caseId,
        agency_id: r.agencyId,
        requested_at: r.requestedAt,
        due_on: r.dueOn,
        status: r.status,
        returned_at: r.returnedAt,
        late: r.late ? 1 : 0,
      };
      // A return changes a request's status, not whom it asks or when it is due: only those columns (and
      // the one index that holds the status) are written then.
      if (
        stored &&
        stored.agency_id === params.agency_id &&
        stored.requested_at === params.requested_at &&
        stored.due_on === params.due_on
      )
        this.sql.updateRequestStatus.run(params);
      else this.sql.upsertRequest.run(params);
    }
    for (const b of records.bookings ?? [])
      this.sql.upsertBooking.run({
        booking_id: b.bookingId,
        case_id: caseId,
        provider_event_id: b.providerEventId,
        transaction_id: b.transactionId,
        start_at: b.start,
        end_at: b.end,
        status: b.status,
      });
  }

  private syncAgencies(caseId: string, number: number, agencies: string[]): void {
    this.sql.clearAgencies.run(caseId);
    for (const agencyId of agencies) this.sql.addAgency.run(caseId, agencyId, number);
  }
}

const metaOf = (row: CaseRow) => ({ caseId: row.case_id, reference: row.reference, openedOn: row.opened_on });

function isConstraint(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

function prepare(db: Database) {
  const s = (sql: string): Statement => db.prepare(sql);
  const caseColumns =
    'case_id, reference, case_number, title, status, spoc, next_deadline, agencies, opened_on, closed_on, legal_hold, version, updated_at';
  return {
    caseRow: s('SELECT * FROM cases WHERE case_id = ?'),
    caseByReference: s('SELECT * FROM cases WHERE reference = ?'),
    caseIdOfEvent: s('SELECT case_id FROM case_events WHERE event_id = ?').pluck(),
    caseEvents: s('SELECT * FROM case_events WHERE case_id = ? ORDER BY seq'),
    seqOfEvent: s('SELECT seq FROM case_events WHERE event_id = ?').pluck(),
    nextSeq: s(
      `INSERT INTO reference_counters (year, last_seq) VALUES (?, 1)
       ON CONFLICT (year) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
    ).pluck(),
    insertCase: s(
      `INSERT INTO cases (${caseColumns}) VALUES (${caseColumns
        .split(', ')
        .map((c) => `@${c}`)
        .join(', ')})`,
    ),
    updateCase: s(
      `UPDATE cases SET ${caseColumns
        .split(', ')
        .filter((c) => c !== 'case_id')
        .map((c) => `${c} = @${c}`)
        .join(', ')} WHERE case_id = @case_id`,
    ),
    insertEvent: s(
      `INSERT INTO case_events (case_id, seq, event_id, type, actor, at, payload, recorded_at)
       VALUES (@case_id, @seq, @event_id, @type, @actor, @at, @payload, @recorded_at)`,
    ),
    upsertRequest: s(
      `INSERT INTO agency_requests (request_id, case_id, agency_id, requested_at, due_on, status, returned_at, late)
       VALUES (@request_id, @case_id, @agency_id, @requested_at, @due_on, @status, @returned_at, @late)
       ON CONFLICT (case_id, request_id) DO UPDATE SET agency_id = excluded.agency_id,
         requested_at = excluded.requested_at, due_on = excluded.due_on, status = excluded.status,
         returned_at = excluded.returned_at, late = excluded.late`,
    ),
    requestElsewhere: s('SELECT 1 FROM agency_requests WHERE request_id = ? AND case_id <> ?').pluck(),
    requestRow: s('SELECT * FROM agency_requests WHERE case_id = ? AND request_id = ?'),
    updateRequestStatus: s(
      `UPDATE agency_requests SET status = @status, returned_at = @returned_at, late = @late
       WHERE case_id = @case_id AND request_id = @request_id`,
    ),
    upsertBooking: s(
      `INSERT INTO panel_bookings (booking_id, case_id, provider_event_id, transaction_id, start_at, end_at, status)
       VALUES (@booking_id, @case_id, @provider_event_id, @transaction_id, @start_at, @end_at, @status)
       ON CONFLICT (booking_id) DO UPDATE SET provider_event_id = excluded.provider_event_id,
         transaction_id = excluded.transaction_id, start_at = excluded.start_at, end_at = excluded.end_at,
         status = excluded.status
       WHERE case_id = excluded.case_id`,
    ),
    caseRequests: s('SELECT * FROM agency_requests WHERE case_id = ? ORDER BY due_on, request_id'),
    caseBookings: s('SELECT * FROM panel_bookings WHERE case_id = ? ORDER BY start_at, booking_id'),
    clearAgencies: s('DELETE FROM case_agencies WHERE case_id = ?'),
    addAgency: s('INSERT INTO case_agencies (case_id, agency_id, case_number) VALUES (?, ?, ?)'),
    staleCases: s(
      `SELECT c.case_id FROM cases c
       WHERE c.version <> (SELECT COALESCE(MAX(e.seq), 0) FROM case_events e WHERE e.case_id = c.case_id)`,
    ).pluck(),
  };
}
