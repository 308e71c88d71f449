/** Opens (creating on first start) the store's one SQLite file, ready for several processes at once. */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrations';

export const DATABASE_FILE = 'asb-case-review.sqlite';

/**
 * The folder of case data, readable by this user only (0700): the database, its WAL, letters and emails
 * hold victims' personal data, so no other account on the machine may read them.
 */
export function privateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

export function openDatabase(dataDir: string, fileName = DATABASE_FILE): Database {
  privateFolder(dataDir);
  const file = join(dataDir, fileName);
  // Created 0600 before SQLite opens it: SQLite gives its -wal and -shm files the database file's mode.
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
  const db = new BetterSqlite3(file);
  // Wait (up to 5 s) for another process's write lock instead of failing with SQLITE_BUSY.
  db.pragma('busy_timeout = 5000');
  // WAL: readers never block the writer; a crash mid-transaction leaves the last commit intact.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Checkpoint every 10,000 pages (about 40 MB of WAL) rather than SQLite's 1,000: each append dirties a
  // dozen pages, most of them the same index pages again, so a longer WAL copies each back once, not ten times.
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
