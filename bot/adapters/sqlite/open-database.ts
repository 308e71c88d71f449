/** Opens (creating on first start) the store's one SQLite file, ready for several processes at once. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrations';

export const DATABASE_FILE = 'asb-case-review.sqlite';

export function openDatabase(dataDir: string, fileName = DATABASE_FILE): Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new BetterSqlite3(join(dataDir, fileName));
  // Wait (up to 5 s) for another process's write lock instead of failing with SQLITE_BUSY.
  db.pragma('busy_timeout = 5000');
  // WAL: readers never block the writer; a crash mid-transaction leaves the last commit intact.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
