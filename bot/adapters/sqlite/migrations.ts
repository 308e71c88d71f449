/**
 * The SQLite schema as ordered migrations. Each runs once, inside the same transaction that records it
 * in `schema_migrations`, so a second process starting at the same moment waits and then finds it done.
 * Never edit a migration that has shipped: add the next one.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'case store',
    up: (db) =>
      db.exec(`
        -- The projection lists and dashboards read; recomputed from case_events after every append.
        CREATE TABLE cases (
          case_id       TEXT PRIMARY KEY,
          reference     TEXT NOT NULL UNIQUE,
          case_number   INTEGER NOT NULL UNIQUE,
          title         TEXT NOT NULL,
          status        TEXT NOT NULL,
          spoc          TEXT,
          next_deadline TEXT,
          agencies      TEXT NOT NULL,
          opened_on     TEXT NOT NULL,
          closed_on     TEXT,
          legal_hold    INTEGER NOT NULL DEFAULT 0,
          version       INTEGER NOT NULL,
          updated_at    TEXT NOT NULL
        ) STRICT;
        CREATE INDEX cases_by_status ON cases (status, case_number);
        CREATE INDEX cases_by_spoc ON cases (spoc, case_number);
        CREATE INDEX cases_by_closed_on ON cases (closed_on, case_number);

        -- The log: append-only. The primary key (case_id, seq) makes two writers of one position
        -- collide; UNIQUE(event_id) makes a retried event a no-op.
        CREATE TABLE case_events (
          case_id     TEXT NOT NULL REFERENCES cases (case_id),
          seq         INTEGER NOT NULL,
          event_id    TEXT NOT NULL UNIQUE,
          type        TEXT NOT NULL,
          actor       TEXT NOT NULL,
          at          TEXT NOT NULL,
          payload     TEXT NOT NULL,
          recorded_at TEXT NOT NULL,
          PRIMARY KEY (case_id, seq)
        ) STRICT;

        -- Which agencies are on which case (from the projection), for a partner's own list.
        CREATE TABLE case_agencies (
          case_id     TEXT NOT NULL REFERENCES cases (case_id),
          agency_id   TEXT NOT NULL,
          case_number INTEGER NOT NULL,
          PRIMARY KEY (case_id, agency_id)
        ) STRICT;
        CREATE INDEX case_agencies_by_agency ON case_agencies (agency_id, case_number);

        CREATE TABLE agency_requests (
          request_id   TEXT PRIMARY KEY,
          case_id      TEXT NOT NULL REFERENCES cases (case_id),
          agency_id    TEXT NOT NULL,
          requested_at TEXT NOT NULL,
          due_on       TEXT NOT NULL,
          status       TEXT NOT NULL,
          returned_at  TEXT,
          late         INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX agency_requests_by_agency ON agency_requests (agency_id, due_on, request_id);
        CREATE INDEX agency_requests_owed ON agency_requests (agency_id, status, due_on, request_id);
        CREATE INDEX agency_requests_by_case ON agency_requests (case_id);

        CREATE TABLE panel_bookings (
          booking_id        TEXT PRIMARY KEY,
          case_id           TEXT NOT NULL REFERENCES cases (case_id),
          provider_event_id TEXT,
          transaction_id    TEXT NOT NULL,
          start_at          TEXT NOT NULL,
          end_at            TEXT NOT NULL,
          status            TEXT NOT NULL
        ) STRICT;
        CREATE INDEX panel_bookings_by_case ON panel_bookings (case_id);

        CREATE TABLE case_files (
          file_id      TEXT PRIMARY KEY,
          case_id      TEXT NOT NULL REFERENCES cases (case_id),
          kind         TEXT NOT NULL,
          name         TEXT NOT NULL,
          content_type TEXT NOT NULL,
          size         INTEGER NOT NULL,
          sha256       TEXT NOT NULL,
          stored_at    TEXT NOT NULL,
          stored_by    TEXT NOT NULL,
          bytes        BLOB NOT NULL
        ) STRICT;
        CREATE INDEX case_files_by_case ON case_files (case_id);

        CREATE TABLE conversation_refs (
          key        TEXT PRIMARY KEY,
          ref        TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;

        -- A reminder is sent by whoever inserts its key first.
        CREATE TABLE reminder_claims (
          key        TEXT PRIMARY KEY,
          claimed_at TEXT NOT NULL
        ) STRICT;

        -- Only ever incremented: a reference is never issued twice, purge or not.
        CREATE TABLE reference_counters (
          year     INTEGER PRIMARY KEY,
          last_seq INTEGER NOT NULL
        ) STRICT;

        -- Survives the purge it records; no personal data.
        CREATE TABLE purge_log (
          id        INTEGER PRIMARY KEY AUTOINCREMENT,
          case_id   TEXT NOT NULL UNIQUE,
          reference TEXT NOT NULL,
          closed_on TEXT NOT NULL,
          purged_at TEXT NOT NULL,
          purged_by TEXT NOT NULL
        ) STRICT;
      `),
  },
  {
    version: 2,
    name: 'case list by deadline',
    // The SPOC's list leads with overdue cases: an index on the sort key keeps that fast at 5,000 cases.
    up: (db) =>
      db.exec(`CREATE INDEX cases_by_deadline ON cases (COALESCE(next_deadline, '~'), case_number DESC)`),
  },
  {
    version: 3,
    name: 'access log, outbox, agency requests keyed by case',
    up: (db) =>
      db.exec(`
        -- Who looked at what: append-only (the triggers refuse every change and deletion). No personal data.
        CREATE TABLE access_log (
          entry_id  INTEGER PRIMARY KEY AUTOINCREMENT,
          at        TEXT NOT NULL,
          person_id TEXT NOT NULL,
          action    TEXT NOT NULL,
          case_id   TEXT,
          reference TEXT,
          file_id   TEXT,
          detail    TEXT
        ) STRICT;
        CREATE INDEX access_log_by_case ON access_log (case_id, entry_id);
        CREATE INDEX access_log_by_person ON access_log (person_id, entry_id);
        CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
          BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
        CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
          BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;

        -- The side effects of each append, written in the append's own transaction.
        CREATE TABLE outbox (
          entry_id        TEXT PRIMARY KEY,
          case_id         TEXT NOT NULL,
          event_ids       TEXT NOT NULL,
          by              TEXT NOT NULL,
          effects         TEXT NOT NULL,
          done            TEXT NOT NULL,
          status          TEXT NOT NULL,
          attempts        INTEGER NOT NULL,
          next_attempt_at TEXT NOT NULL,
          last_error      TEXT,
          created_at      TEXT NOT NULL
        ) STRICT;
        CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
        CREATE INDEX outbox_by_case ON outbox (case_id);

        -- A request id belongs to one case: keyed by (case, request), so one case's record can never be
        -- taken by another's; the store refuses an id already used on another case.
        CREATE TABLE agency_requests_v3 (
          case_id      TEXT NOT NULL REFERENCES cases (case_id),
          request_id   TEXT NOT NULL,
          agency_id    TEXT NOT NULL,
          requested_at TEXT NOT NULL,
          due_on       TEXT NOT NULL,
          status       TEXT NOT NULL,
          returned_at  TEXT,
          late         INTEGER NOT NULL,
          PRIMARY KEY (case_id, request_id)
        ) STRICT;
        INSERT INTO agency_requests_v3
          SELECT case_id, request_id, agency_id, requested_at, due_on, status, returned_at, late
          FROM agency_requests;
        DROP TABLE agency_requests;
        ALTER TABLE agency_requests_v3 RENAME TO agency_requests;
        CREATE INDEX agency_requests_by_id ON agency_requests (request_id);
        CREATE INDEX agency_requests_by_agency ON agency_requests (agency_id, due_on, request_id);
        CREATE INDEX agency_requests_owed ON agency_requests (agency_id, status, due_on, request_id);
      `),
  },
  {
    version: 4,
    name: 'purge log keeps the statistical facts',
    // Dates, outcomes and counts only: the published statistics of past years stay true after a purge.
    up: (db) => db.exec(`ALTER TABLE purge_log ADD COLUMN facts TEXT`),
  },
  {
    version: 5,
    name: 'panel bookings kept once, in the case log',
    // Releases before this one kept the calendar's event id of a booking in a JSON file beside the .ics;
    // it moves into panel_bookings (the times and status from the booking's last event) and the file goes.
    up: (db) => {
      const files = db
        .prepare(
          `SELECT file_id, case_id, CAST(bytes AS TEXT) AS json FROM case_files
           WHERE kind = 'calendar' AND content_type = 'application/json'`,
        )
        .all() as { file_id: string; case_id: string; json: string }[];
      const events = db.prepare(
        `SELECT type, payload FROM case_events
         WHERE case_id = ? AND type IN ('panel-booked', 'panel-cancelled') ORDER BY seq`,
      );
      const insert = db.prepare(
        `INSERT OR IGNORE INTO panel_bookings
           (booking_id, case_id, provider_event_id, transaction_id, start_at, end_at, status)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      const remove = db.prepare('DELETE FROM case_files WHERE file_id = ?');
      for (const f of files) {
        const record = JSON.parse(f.json) as {
          bookingId?: string;
          providerEventId?: string;
          transactionId?: string;
        };
        if (!record.bookingId || !record.transactionId) continue;
        const mine = (events.all(f.case_id) as { type: string; payload: string }[])
          .map((e) => ({ type: e.type, payload: JSON.parse(e.payload) as Record<string, unknown> }))
          .filter((e) => e.payload.bookingId === record.bookingId);
        const booked = mine.filter((e) => e.type === 'panel-booked').at(-1);
        if (!booked) continue;
        insert.run(
          record.bookingId,
          f.case_id,
          record.providerEventId ?? null,
          record.transactionId,
          String(booked.payload.start),
          String(booked.payload.end),
          mine.at(-1)?.type === 'panel-cancelled' ? 'cancelled' : 'booked',
        );
        remove.run(f.file_id);
      }
    },
  },
  {
    version: 6,
    name: 'fewer pages written per append',
    // Every append commits each page it changed to the WAL, one write per page: a table kept in a rowid
    // B-tree beside its primary-key index costs two pages a row where one will do. The log, the agency
    // requests and the case agencies are kept in their primary key's order (WITHOUT ROWID), so a case's
    // events also sit together for reading; "what an agency owes" indexes only the requests still owed,
    // so a return removes one index entry instead of moving it.
    up: (db) =>
      db.exec(`
        CREATE TABLE agency_requests_v6 (
          case_id      TEXT NOT NULL REFERENCES cases (case_id),
          request_id   TEXT NOT NULL,
          agency_id    TEXT NOT NULL,
          requested_at TEXT NOT NULL,
          due_on       TEXT NOT NULL,
          status       TEXT NOT NULL,
          returned_at  TEXT,
          late         INTEGER NOT NULL,
          PRIMARY KEY (case_id, request_id)
        ) STRICT, WITHOUT ROWID;
        INSERT INTO agency_requests_v6
          SELECT case_id, request_id, agency_id, requested_at, due_on, status, returned_at, late
          FROM agency_requests;
        DROP TABLE agency_requests;
        ALTER TABLE agency_requests_v6 RENAME TO agency_requests;
        CREATE INDEX agency_requests_by_id ON agency_requests (request_id);
        CREATE INDEX agency_requests_by_agency ON agency_requests (agency_id, due_on, request_id);
        CREATE INDEX agency_requests_owed ON agency_requests (agency_id, due_on, request_id)
          WHERE status = 'requested';

        CREATE TABLE case_agencies_v6 (
          case_id     TEXT NOT NULL REFERENCES cases (case_id),
          agency_id   TEXT NOT NULL,
          case_number INTEGER NOT NULL,
          PRIMARY KEY (case_id, agency_id)
        ) STRICT, WITHOUT ROWID;
        INSERT INTO case_agencies_v6 SELECT case_id, agency_id, case_number FROM case_agencies;
        DROP TABLE case_agencies;
        ALTER TABLE case_agencies_v6 RENAME TO case_agencies;
        CREATE INDEX case_agencies_by_agency ON case_agencies (agency_id, case_number);
      `),
  },
];

/** Applies the migrations this database lacks, in order; returns the versions it applied. */
export function migrate(db: Database, list: readonly Migration[] = migrations): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const run = db.transaction(() => {
    const done = new Set(
      db
        .prepare('SELECT version FROM schema_migrations')
        .pluck()
        .all()
        .map((v) => Number(v)),
    );
    const known = new Set(list.map((m) => m.version));
    const unknown = [...done].filter((v) => !known.has(v));
    if (unknown.length > 0)
      throw new Error(
        `The database has schema version ${Math.max(...unknown)}, newer than this release knows; ` +
          'run the newer release or restore a backup.',
      );
    const applied: number[] = [];
    for (const m of [...list].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
      applied.push(m.version);
    }
    return applied;
  });
  return run.immediate();
}
