/**
 * The embedded CaseStore: one SQLite file (better-sqlite3). Every operation that writes several rows
 * runs in one IMMEDIATE transaction (events, projection, records together), so a crash leaves either
 * all of it or none; other processes on the same file wait for the lock (busy_timeout).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
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
import { buildProjection, LEGAL_HOLD_RELEASED, LEGAL_HOLD_SET } from '../../store/projection';
import { caseNumber, formatReference, normalizeReference, yearOf } from '../../store/references';
import { purgeCandidatesUpTo, retentionPassed } from '../../store/retention';
import {
  CaseNotFoundError,
  ConcurrencyError,
  IdConflictError,
  InvalidChangeError,
} from '../../store/store-errors';
import { checkChange, checkNewCase, checkNewFile } from '../../store/store-schemas';
import { withRetry } from '../../store/with-retry';
import {
  decodeCursor,
  decodeDeadlineCursor,
  decodeRequestCursor,
  encodeCursor,
  NO_DEADLINE,
  pageLimit,
} from '../../store/paging';
import { openDatabase } from './open-database';
import { SqliteAccessLog } from './sqlite-access-log';
import { SqliteOutbox } from './sqlite-outbox';

export interface SqliteStoreOptions {
  /** Created on first start; the file is `<dataDir>/asb-case-review.sqlite`. */
  dataDir: string;
  fileName?: string;
  projector: Projector;
  clock?: () => Date;
}

interface CaseRow {
  case_id: string;
  reference: string;
  case_number: number;
  title: string;
  status: string;
  spoc: string | null;
  next_deadline: string | null;
  agencies: string;
  opened_on: string;
  closed_on: string | null;
  legal_hold: number;
  version: number;
  updated_at: string;
}

interface EventRow {
  case_id: string;
  seq: number;
  event_id: string;
  type: string;
  actor: string;
  at: string;
  payload: string;
  recorded_at: string;
}

interface RequestRow {
  request_id: string;
  case_id: string;
  agency_id: string;
  requested_at: string;
  due_on: string;
  status: AgencyRequest['status'];
  returned_at: string | null;
  late: number;
}

interface BookingRow {
  booking_id: string;
  case_id: string;
  provider_event_id: string | null;
  transaction_id: string;
  start_at: string;
  end_at: string;
  status: PanelBooking['status'];
}

interface FileRow {
  file_id: string;
  case_id: string;
  kind: CaseFile['kind'];
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  stored_at: string;
  stored_by: string;
}

const toProjection = (r: CaseRow): CaseProjection => ({
  caseId: r.case_id,
  reference: r.reference,
  title: r.title,
  status: r.status,
  spoc: r.spoc,
  nextDeadline: r.next_deadline,
  agencies: JSON.parse(r.agencies) as string[],
  openedOn: r.opened_on,
  closedOn: r.closed_on,
  legalHold: r.legal_hold === 1,
  version: r.version,
  updatedAt: r.updated_at,
});

const toEvent = (r: EventRow): CaseEvent => ({
  caseId: r.case_id,
  seq: r.seq,
  id: r.event_id,
  type: r.type,
  actor: r.actor,
  at: r.at,
  payload: JSON.parse(r.payload) as JsonObject,
  recordedAt: r.recorded_at,
});

const toRequest = (r: RequestRow): AgencyRequest => ({
  requestId: r.request_id,
  caseId: r.case_id,
  agencyId: r.agency_id,
  requestedAt: r.requested_at,
  dueOn: r.due_on,
  status: r.status,
  returnedAt: r.returned_at,
  late: r.late === 1,
});

const toBooking = (r: BookingRow): PanelBooking => ({
  bookingId: r.booking_id,
  caseId: r.case_id,
  providerEventId: r.provider_event_id,
  transactionId: r.transaction_id,
  start: r.start_at,
  end: r.end_at,
  status: r.status,
});

const toFile = (r: FileRow): CaseFile => ({
  fileId: r.file_id,
  caseId: r.case_id,
  kind: r.kind,
  name: r.name,
  contentType: r.content_type,
  size: r.size,
  sha256: r.sha256,
  storedAt: r.stored_at,
  storedBy: r.stored_by,
});

const FILE_COLUMNS = 'file_id, case_id, kind, name, content_type, size, sha256, stored_at, stored_by';

export class SqliteCaseStore implements CaseStore {
  private readonly db: Database;
  private readonly projector: Projector;
  private readonly clock: () => Date;
  private readonly sql: ReturnType<typeof prepare>;
  readonly accessLog: SqliteAccessLog;
  readonly outbox: SqliteOutbox;

  constructor(options: SqliteStoreOptions) {
    this.db = openDatabase(options.dataDir, options.fileName);
    this.projector = options.projector;
    this.clock = options.clock ?? (() => new Date());
    this.sql = prepare(this.db);
    this.accessLog = new SqliteAccessLog(this.db, this.clock);
    this.outbox = new SqliteOutbox(this.db);
    this.repairProjections();
  }

  private now(): string {
    return this.clock().toISOString();
  }

  async createCase(input: NewCase): Promise<CaseOpened> {
    const c = checkNewCase(input);
    const tx = this.db.transaction((): CaseOpened => {
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
      const projection = buildProjection(this.projector, { caseId, reference, openedOn: c.openedOn }, events);
      this.sql.insertCase.run(caseParams(projection, number));
      for (const e of events) this.sql.insertEvent.run(eventParams(e));
      this.writeRecords(caseId, c);
      this.outbox.add(caseId, c, events[0]!.recordedAt);
      this.syncAgencies(caseId, number, projection.agencies);
      return { caseId, reference, version: projection.version };
    });
    return tx.immediate();
  }

  async append(caseId: string, expectedVersion: number, change: CaseChange): Promise<Appended> {
    const c = checkChange(change);
    const tx = this.db.transaction((): Appended => {
      const row = this.sql.caseRow.get(caseId) as CaseRow | undefined;
      if (!row) throw new CaseNotFoundError(caseId);
      // An id already stored on this case means a retry of an append that went through; on another case,
      // a clash the caller must hear about (answering "done" would lose this write).
      const owner = this.caseOfStoredEvents(c.events.map((e) => e.id));
      if (owner && owner.case_id !== caseId) throw new IdConflictError('event', this.clashingEvent(c, owner));
      if (owner) return { version: row.version, appended: false };
      if (row.version !== expectedVersion) throw new ConcurrencyError(caseId, expectedVersion, row.version);
      const added = this.stamp(caseId, row.version, c);
      for (const e of added) this.sql.insertEvent.run(eventParams(e));
      const events = (this.sql.caseEvents.all(caseId) as EventRow[]).map(toEvent);
      const projection = buildProjection(this.projector, metaOf(row), events);
      this.sql.updateCase.run(caseParams(projection, row.case_number));
      this.writeRecords(caseId, c);
      this.outbox.add(caseId, c, added[0]!.recordedAt);
      if (row.agencies !== JSON.stringify(projection.agencies))
        this.syncAgencies(caseId, row.case_number, projection.agencies);
      return { version: projection.version, appended: true };
    });
    try {
      return tx.immediate();
    } catch (err) {
      // The transaction's own check makes this unreachable; the key is the structural backstop.
      if (isConstraint(err, 'SQLITE_CONSTRAINT_PRIMARYKEY'))
        throw new ConcurrencyError(caseId, expectedVersion, null);
      throw err;
    }
  }

  async getCase(caseId: string): Promise<CaseRecord | null> {
    const read = this.db.transaction(() => {
      const row = this.sql.caseRow.get(caseId) as CaseRow | undefined;
      if (!row) return null;
      const events = (this.sql.caseEvents.all(caseId) as EventRow[]).map(toEvent);
      return { row, events };
    });
    const found = read();
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

  async putFile(caseId: string, file: NewCaseFile, bytes: Uint8Array): Promise<CaseFile> {
    const f = checkNewFile(file);
    const tx = this.db.transaction((): CaseFile => {
      if (!this.sql.caseRow.get(caseId)) throw new CaseNotFoundError(caseId);
      const fileId = f.fileId ?? randomUUID();
      const existing = this.sql.fileRow.get(fileId) as FileRow | undefined;
      if (existing) return toFile(existing);
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
      this.sql.insertFile.run({ ...fileParams(stored), bytes: Buffer.from(bytes) });
      return stored;
    });
    return tx.immediate();
  }

  async getFile(fileId: string): Promise<{ file: CaseFile; bytes: Buffer } | null> {
    const row = this.sql.fileWithBytes.get(fileId) as (FileRow & { bytes: Buffer }) | undefined;
    return row ? { file: toFile(row), bytes: row.bytes } : null;
  }

  async caseFiles(caseId: string): Promise<CaseFile[]> {
    return (this.sql.caseFiles.all(caseId) as FileRow[]).map(toFile);
  }

  async putConversationRef(key: string, ref: Json): Promise<void> {
    this.sql.upsertRef.run(key, JSON.stringify(ref), this.now());
  }

  async getConversationRef(key: string): Promise<ConversationRefRecord | null> {
    const row = this.sql.refRow.get(key) as { key: string; ref: string; updated_at: string } | undefined;
    return row ? { key: row.key, ref: JSON.parse(row.ref) as Json, updatedAt: row.updated_at } : null;
  }

  async deleteConversationRef(key: string): Promise<void> {
    this.sql.deleteRef.run(key);
  }

  async claimReminder(key: string): Promise<boolean> {
    return this.sql.claim.run(key, this.now()).changes === 1;
  }

  async setLegalHold(caseId: string, on: boolean, actor: string, reason: string): Promise<Appended> {
    return withRetry(this, caseId, () => ({
      events: [
        {
          id: randomUUID(),
          type: on ? LEGAL_HOLD_SET : LEGAL_HOLD_RELEASED,
          actor,
          at: this.now(),
          payload: { reason },
        },
      ],
    }));
  }

  async purgeExpired(request: PurgeRequest): Promise<PurgeRecord[]> {
    const upTo = purgeCandidatesUpTo(request.today, request.retentionYears);
    const candidates = this.sql.purgeCandidates.all(upTo) as CaseRow[];
    const purged: PurgeRecord[] = [];
    for (const candidate of candidates) {
      if (
        !candidate.closed_on ||
        !retentionPassed(candidate.closed_on, request.today, request.retentionYears)
      )
        continue;
      const tx = this.db.transaction((): PurgeRecord | null => {
        // Re-read inside the lock: a legal hold or a reopening since the query wins.
        const row = this.sql.caseRow.get(candidate.case_id) as CaseRow | undefined;
        if (!row || row.legal_hold === 1 || row.closed_on !== candidate.closed_on) return null;
        const facts = request.summarize?.((this.sql.caseEvents.all(row.case_id) as EventRow[]).map(toEvent));
        for (const del of this.sql.purgeCase) del.run(row.case_id);
        const record: PurgeRecord = {
          reference: row.reference,
          closedOn: candidate.closed_on as string,
          purgedAt: this.now(),
          by: request.by,
          ...(facts ? { facts } : {}),
        };
        this.sql.insertPurge.run(
          row.case_id,
          record.reference,
          record.closedOn,
          record.purgedAt,
          record.by,
          facts ? JSON.stringify(facts) : null,
        );
        return record;
      });
      const record = tx.immediate();
      if (record) purged.push(record);
    }
    return purged;
  }

  async purgeLog(): Promise<PurgeRecord[]> {
    return (
      this.sql.purgeLog.all() as {
        reference: string;
        closed_on: string;
        purged_at: string;
        purged_by: string;
        facts: string | null;
      }[]
    ).map((r) => ({
      reference: r.reference,
      closedOn: r.closed_on,
      purgedAt: r.purged_at,
      by: r.purged_by,
      ...(r.facts ? { facts: JSON.parse(r.facts) as JsonObject } : {}),
    }));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Recomputes projections whose version does not match their log (e.g. after a projector change). */
  repairProjections(): number {
    const stale = this.sql.staleCases.all() as string[];
    for (const caseId of stale) this.reproject(caseId);
    return stale.length;
  }

  private reproject(caseId: string): CaseRecord | null {
    const tx = this.db.transaction((): CaseRecord | null => {
      const row = this.sql.caseRow.get(caseId) as CaseRow | undefined;
      if (!row) return null;
      const events = (this.sql.caseEvents.all(caseId) as EventRow[]).map(toEvent);
      const projection = buildProjection(this.projector, metaOf(row), events);
      this.sql.updateCase.run(caseParams(projection, row.case_number));
      this.syncAgencies(caseId, row.case_number, projection.agencies);
      return { projection, events };
    });
    return tx.immediate();
  }

  private stamp(caseId: string, version: number, change: CaseChange): CaseEvent[] {
    const recordedAt = this.now();
    return change.events.map((e, i) => ({ ...e, caseId, seq: version + i + 1, recordedAt }));
  }

  private caseOfStoredEvents(ids: string[]): CaseRow | undefined {
    for (const id of ids) {
      const row = this.sql.caseOfEvent.get(id) as CaseRow | undefined;
      if (row) return row;
    }
    return undefined;
  }

  /** The first of the change's event ids that the other case holds. */
  private clashingEvent(change: CaseChange, owner: CaseRow): string {
    return change.events.find(
      (e) => (this.sql.caseOfEvent.get(e.id) as CaseRow | undefined)?.case_id === owner.case_id,
    )!.id;
  }

  private writeRecords(caseId: string, records: CaseRecords): void {
    for (const r of records.agencyRequests ?? []) {
      const elsewhere = this.sql.requestElsewhere.get(r.requestId, caseId);
      if (elsewhere) throw new IdConflictError('request', r.requestId);
      this.sql.upsertRequest.run({
        request_id: r.requestId,
        case_id: caseId,
        agency_id: r.agencyId,
        requested_at: r.requestedAt,
        due_on: r.dueOn,
        status: r.status,
        returned_at: r.returnedAt,
        late: r.late ? 1 : 0,
      });
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

function caseParams(p: CaseProjection, number: number) {
  return {
    case_id: p.caseId,
    reference: p.reference,
    case_number: number,
    title: p.title,
    status: p.status,
    spoc: p.spoc,
    next_deadline: p.nextDeadline,
    agencies: JSON.stringify(p.agencies),
    opened_on: p.openedOn,
    closed_on: p.closedOn,
    legal_hold: p.legalHold ? 1 : 0,
    version: p.version,
    updated_at: p.updatedAt,
  };
}

function eventParams(e: CaseEvent) {
  return {
    case_id: e.caseId,
    seq: e.seq,
    event_id: e.id,
    type: e.type,
    actor: e.actor,
    at: e.at,
    payload: JSON.stringify(e.payload),
    recorded_at: e.recordedAt,
  };
}

function fileParams(f: CaseFile) {
  return {
    file_id: f.fileId,
    case_id: f.caseId,
    kind: f.kind,
    name: f.name,
    content_type: f.contentType,
    size: f.size,
    sha256: f.sha256,
    stored_at: f.storedAt,
    stored_by: f.storedBy,
  };
}

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
    caseOfEvent: s(
      'SELECT c.* FROM case_events e JOIN cases c ON c.case_id = e.case_id WHERE e.event_id = ?',
    ),
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
    fileRow: s(`SELECT ${FILE_COLUMNS} FROM case_files WHERE file_id = ?`),
    fileWithBytes: s(`SELECT ${FILE_COLUMNS}, bytes FROM case_files WHERE file_id = ?`),
    caseFiles: s(`SELECT ${FILE_COLUMNS} FROM case_files WHERE case_id = ? ORDER BY stored_at, file_id`),
    insertFile: s(
      `INSERT INTO case_files (${FILE_COLUMNS}, bytes) VALUES (@file_id, @case_id, @kind, @name, @content_type,
       @size, @sha256, @stored_at, @stored_by, @bytes)`,
    ),
    upsertRef: s(
      `INSERT INTO conversation_refs (key, ref, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET ref = excluded.ref, updated_at = excluded.updated_at`,
    ),
    refRow: s('SELECT * FROM conversation_refs WHERE key = ?'),
    deleteRef: s('DELETE FROM conversation_refs WHERE key = ?'),
    claim: s('INSERT OR IGNORE INTO reminder_claims (key, claimed_at) VALUES (?, ?)'),
    purgeCandidates: s(
      'SELECT * FROM cases WHERE closed_on IS NOT NULL AND closed_on <= ? AND legal_hold = 0 ORDER BY closed_on',
    ),
    // Children first: the foreign keys point at cases.
    purgeCase: [
      s('DELETE FROM case_events WHERE case_id = ?'),
      s('DELETE FROM agency_requests WHERE case_id = ?'),
      s('DELETE FROM panel_bookings WHERE case_id = ?'),
      s('DELETE FROM case_files WHERE case_id = ?'),
      s('DELETE FROM case_agencies WHERE case_id = ?'),
      s('DELETE FROM outbox WHERE case_id = ?'),
      s('DELETE FROM cases WHERE case_id = ?'),
    ],
    insertPurge: s(
      'INSERT INTO purge_log (case_id, reference, closed_on, purged_at, purged_by, facts) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    purgeLog: s('SELECT reference, closed_on, purged_at, purged_by, facts FROM purge_log ORDER BY id'),
    staleCases: s(
      `SELECT c.case_id FROM cases c
       WHERE c.version <> (SELECT COALESCE(MAX(e.seq), 0) FROM case_events e WHERE e.case_id = c.case_id)`,
    ).pluck(),
  };
}
