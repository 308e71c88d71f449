/**
 * The Outbox in SQLite: one `outbox` row per append that has side effects, inserted by the case store in
 * the append's own transaction (`add`); claims are a conditional UPDATE, so two workers never both win.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { CaseChange } from '../../store/case-log';
import type { ClaimedEntry, Outbox, OutboxEntry, OutboxSettlement } from '../../store/outbox';
import { toEvent, type EventRow } from './sqlite-rows';

interface Row {
  entry_id: string;
  case_id: string;
  event_ids: string;
  by: string;
  effects: string;
  done: string;
  status: OutboxEntry['status'];
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
}

const toEntry = (r: Row): OutboxEntry => ({
  entryId: r.entry_id,
  caseId: r.case_id,
  eventIds: JSON.parse(r.event_ids) as string[],
  by: r.by,
  effects: JSON.parse(r.effects) as string[],
  done: JSON.parse(r.done) as string[],
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
});

export class SqliteOutbox implements Outbox {
  private readonly sql: Record<
    'insert' | 'due' | 'claim' | 'row' | 'reference' | 'events' | 'settle' | 'forCase',
    Statement
  >;

  constructor(private readonly db: Database) {
    const s = (sql: string) => db.prepare(sql);
    this.sql = {
      insert: s(
        `INSERT OR IGNORE INTO outbox (entry_id, case_id, event_ids, by, effects, done, status, attempts,
           next_attempt_at, last_error, created_at)
         VALUES (?, ?, ?, ?, ?, '[]', 'pending', 0, ?, NULL, ?)`,
      ),
      due: s(
        `SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
         ORDER BY next_attempt_at, rowid LIMIT ?`,
      ),
      claim: s(
        `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?
         WHERE entry_id = ? AND status = 'pending' AND next_attempt_at <= ?`,
      ),
      row: s('SELECT * FROM outbox WHERE entry_id = ?'),
      reference: s('SELECT reference FROM cases WHERE case_id = ?').pluck(),
      events: s(
        `SELECT * FROM case_events WHERE case_id = ? AND event_id IN (SELECT value FROM json_each(?))
         ORDER BY seq`,
      ),
      settle: s(
        `UPDATE outbox SET done = ?, status = ?, next_attempt_at = ?, last_error = ? WHERE entry_id = ?`,
      ),
      forCase: s('SELECT * FROM outbox WHERE case_id = ? ORDER BY rowid'),
    };
  }

  /** Called by the case store inside the append's transaction. */
  add(caseId: string, change: CaseChange, recordedAt: string): void {
    if (!change.effects?.length) return;
    const first = change.events[0]!;
    this.sql.insert.run(
      first.id,
      caseId,
      JSON.stringify(change.events.map((e) => e.id)),
      first.actor,
      JSON.stringify(change.effects),
      recordedAt,
      recordedAt,
    );
  }

  async due(now: string, limit: number): Promise<OutboxEntry[]> {
    return (this.sql.due.all(now, limit) as Row[]).map(toEntry);
  }

  async claim(entryId: string, now: string, leaseUntil: string): Promise<ClaimedEntry | null> {
    const claimed = this.db.transaction((): ClaimedEntry | null => {
      if (this.sql.claim.run(leaseUntil, entryId, now).changes !== 1) return null;
      const row = this.sql.row.get(entryId) as Row;
      const reference = this.sql.reference.get(row.case_id) as string | undefined;
      if (reference === undefined) return null;
      const events = (this.sql.events.all(row.case_id, row.event_ids) as EventRow[]).map(toEvent);
      return { ...toEntry(row), reference, events };
    });
    return claimed.immediate();
  }

  async settle(entryId: string, s: OutboxSettlement): Promise<void> {
    this.sql.settle.run(JSON.stringify(s.done), s.status, s.nextAttemptAt, s.lastError, entryId);
  }

  async forCase(caseId: string): Promise<OutboxEntry[]> {
    return (this.sql.forCase.all(caseId) as Row[]).map(toEntry);
  }
}
