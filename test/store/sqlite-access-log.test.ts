import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../bot/adapters/sqlite/open-database';
import { openSqliteStores } from '../../bot/adapters/sqlite/sqlite-stores';
import { simpleProjector } from './simple-projector';

describe('the SQLite access log', () => {
  it('cannot be changed or deleted, even by someone with the database file open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asb-log-'));
    const store = openSqliteStores({ dataDir: dir, projector: simpleProjector });
    await store.accessLog.record({ personId: 'spoc-1', action: 'case-viewed', caseId: 'c-1' });
    const raw = new BetterSqlite3(join(dir, DATABASE_FILE));
    try {
      expect(() => raw.prepare("UPDATE access_log SET person_id = 'someone-else'").run()).toThrow(
        /append-only/,
      );
      expect(() => raw.prepare('DELETE FROM access_log').run()).toThrow(/append-only/);
      expect((await store.accessLog.list()).items).toMatchObject([{ personId: 'spoc-1', caseId: 'c-1' }]);
    } finally {
      raw.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
