/** The AccessLog in SQLite: one row per entry in `access_log`, whose triggers refuse any change. */
import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import type { AccessEntry, AccessLog, AccessLogQuery, StoredAccessEntry } from '../../store/access-log';
import type { Page } from '../../store/case-log';
import { decodeLogCursor, encodeCursor, pageLimit } from '../../store/paging';

interface Row {
  entry_id: number;
  at: string;
  person_id: string;
  action: StoredAccessEntry['action'];
  case_id: string | null;
  reference: string | null;
  file_id: string | null;
  detail: string | null;
}

const toEntry = (r: Row): StoredAccessEntry => ({
  entryId: String(r.entry_id).padStart(12, '0'),
  at: r.at,
  personId: r.person_id,
  action: r.action,
  ...(r.case_id ? { caseId: r.case_id } : {}),
  ...(r.reference ? { reference: r.reference } : {}),
  ...(r.file_id ? { fileId: r.file_id } : {}),
  ...(r.detail ? { detail: r.detail } : {}),
});

export class SqliteAccessLog implements AccessLog {
  private readonly insert: Statement;

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date,
  ) {
    this.insert = db.prepare(
      `INSERT INTO access_log (at, person_id, action, case_id, reference, file_id, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  async record(entry: AccessEntry): Promise<void> {
    this.insert.run(
      this.clock().toISOString(),
      entry.personId,
      entry.action,
      entry.caseId ?? null,
      entry.reference ?? null,
      entry.fileId ?? null,
      entry.detail ?? null,
    );
  }

  async list(query: AccessLogQuery = {}): Promise<Page<StoredAccessEntry>> {
    const limit = pageLimit(query.limit ?? 50);
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.caseId !== undefined) {
      where.push('case_id = ?');
      params.push(query.caseId);
    }
    if (query.personId !== undefined) {
      where.push('person_id = ?');
      params.push(query.personId);
    }
    const after = decodeLogCursor(query.cursor);
    if (after !== null) {
      where.push('entry_id < ?');
      params.push(z.coerce.number().int().parse(after));
    }
    const rows = this.db
      .prepare(
        `SELECT * FROM access_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY entry_id DESC LIMIT ?`,
      )
      .all(...params, limit + 1) as Row[];
    const items = rows.slice(0, limit).map(toEntry);
    const last = items[items.length - 1];
    return { items, next: rows.length > limit && last ? encodeCursor(last.entryId) : null };
  }
}
