/**
 * Purges in SQLite: each case past retention goes in one transaction that re-reads it under the lock (a
 * legal hold or a reopening since the query wins), deletes it with everything kept beside it, and writes
 * the purge log entry.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { JsonObject } from '../../store/json';
import type { Folds } from '../../store/projection';
import {
  purgeCandidatesUpTo,
  retentionPassed,
  type PurgeRecord,
  type PurgeRequest,
  type Purges,
} from '../../store/purges';
import { toEvent, type CaseRow, type EventRow } from './sqlite-rows';

export class SqlitePurges implements Purges {
  private readonly sql: ReturnType<typeof prepare>;

  constructor(
    private readonly db: Database,
    private readonly folds: Folds,
    private readonly clock: () => Date,
  ) {
    this.sql = prepare(db);
  }

  async purgeExpired(request: PurgeRequest): Promise<PurgeRecord[]> {
    const upTo = purgeCandidatesUpTo(request.today, request.retentionYears);
    const candidates = this.sql.candidates.all(upTo) as CaseRow[];
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
        for (const del of this.sql.deleteCase) del.run(row.case_id);
        const record: PurgeRecord = {
          reference: row.reference,
          closedOn: candidate.closed_on as string,
          purgedAt: this.clock().toISOString(),
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
      if (record) {
        this.folds.forget(candidate.case_id);
        purged.push(record);
      }
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
}

function prepare(db: Database) {
  const s = (sql: string): Statement => db.prepare(sql);
  return {
    caseRow: s('SELECT * FROM cases WHERE case_id = ?'),
    caseEvents: s('SELECT * FROM case_events WHERE case_id = ? ORDER BY seq'),
    candidates: s(
      'SELECT * FROM cases WHERE closed_on IS NOT NULL AND closed_on <= ? AND legal_hold = 0 ORDER BY closed_on',
    ),
    // Children first: the foreign keys point at cases.
    deleteCase: [
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
  };
}
