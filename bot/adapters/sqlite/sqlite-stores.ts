/**
 * The embedded adapter set: every store port over one SQLite file (better-sqlite3, WAL), opened together
 * so that the case log can write its outbox entry in the same transaction as its events.
 */
import type { Projector } from '../../store/case-log';
import { Folds } from '../../store/projection';
import type { Stores } from '../../store/stores';
import { openDatabase } from './open-database';
import { SqliteAccessLog } from './sqlite-access-log';
import { SqliteCaseFiles } from './sqlite-case-files';
import { SqliteCaseLog } from './sqlite-case-log';
import { SqliteConversationRefs } from './sqlite-conversation-refs';
import { SqliteOutbox } from './sqlite-outbox';
import { SqlitePurges } from './sqlite-purges';
import { SqliteReminderClaims } from './sqlite-reminder-claims';

export interface SqliteStoreOptions {
  /** Created on first start; the file is `<dataDir>/asb-case-review.sqlite`. */
  dataDir: string;
  fileName?: string;
  projector: Projector;
  clock?: () => Date;
}

export interface SqliteStores extends Stores {
  cases: SqliteCaseLog;
  outbox: SqliteOutbox;
}

export function openSqliteStores(options: SqliteStoreOptions): SqliteStores {
  const db = openDatabase(options.dataDir, options.fileName);
  const clock = options.clock ?? (() => new Date());
  const folds = new Folds(options.projector);
  const outbox = new SqliteOutbox(db);
  return {
    cases: new SqliteCaseLog(db, folds, outbox, clock),
    files: new SqliteCaseFiles(db, clock),
    conversations: new SqliteConversationRefs(db, clock),
    claims: new SqliteReminderClaims(db, clock),
    purges: new SqlitePurges(db, folds, clock),
    accessLog: new SqliteAccessLog(db, clock),
    outbox,
    close: async () => {
      if (db.open) db.close();
    },
  };
}
