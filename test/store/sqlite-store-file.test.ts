import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { migrate, migrations } from '../../bot/adapters/sqlite/migrations';
import { DATABASE_FILE } from '../../bot/adapters/sqlite/open-database';
import { SqliteCaseStore } from '../../bot/adapters/sqlite/sqlite-case-store';
import type { Projector } from '../../bot/store/case-store';
import { ev, simpleProjector } from './simple-projector';

const run = promisify(execFile);

describe('the SQLite file', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'asb-sqlite-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is created on first start under the data directory, in WAL mode, with its migrations recorded once', async () => {
    const dataDir = join(root, 'nested', 'data');
    const store = new SqliteCaseStore({ dataDir, projector: simpleProjector });
    await store.close();
    const file = join(dataDir, DATABASE_FILE);
    expect(existsSync(file)).toBe(true);
    const db = new BetterSqlite3(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(migrate(db)).toEqual([]); // re-running is a no-op
    const applied = db.prepare('SELECT version, name FROM schema_migrations').all();
    expect(applied).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'cases',
        'case_events',
        'agency_requests',
        'panel_bookings',
        'case_files',
        'purge_log',
      ]),
    );
    db.close();
  });

  it('applies only the migrations a database lacks, in order, and refuses a newer schema', () => {
    const db = new BetterSqlite3(join(root, 'm.sqlite'));
    const order: number[] = [];
    const list = [1, 3, 2].map((version) => ({
      version,
      name: `m${version}`,
      up: () => void order.push(version),
    }));
    expect(migrate(db, list.slice(0, 1))).toEqual([1]);
    expect(migrate(db, list)).toEqual([2, 3]);
    expect(order).toEqual([1, 2, 3]);
    expect(() => migrate(db, list.slice(0, 2))).toThrow(/newer than this release/);
    db.close();
  });

  it('leaves no half-written case when an append fails part-way (one transaction)', async () => {
    let explode = false;
    const projector: Projector = (ref, events) => {
      if (explode) throw new Error('projector failed');
      return simpleProjector(ref, events);
    };
    const store = new SqliteCaseStore({ dataDir: root, projector });
    const { caseId } = await store.createCase({ openedOn: '2026-03-02', events: [ev('opened')] });
    explode = true;
    await expect(
      store.append(caseId, 1, {
        events: [ev('a'), ev('b')],
        agencyRequests: [
          {
            requestId: 'r',
            agencyId: 'police',
            requestedAt: '2026-03-02T10:00:00Z',
            dueOn: '2026-03-09',
            status: 'requested',
            returnedAt: null,
            late: false,
          },
        ],
      }),
    ).rejects.toThrow('projector failed');
    explode = false;
    const got = await store.getCase(caseId);
    expect(got?.events.map((e) => e.type)).toEqual(['opened']);
    expect(got?.projection.version).toBe(1);
    expect(await store.caseRequests(caseId)).toEqual([]);
    await store.close();
  });

  it('lets two processes on one file claim reminders and open cases without a clash', async () => {
    const script = join(root, 'worker.ts');
    writeFileSync(
      script,
      `import { SqliteCaseStore } from ${JSON.stringify(resolve('bot/adapters/sqlite/sqlite-case-store'))};
       import { simpleProjector, ev } from ${JSON.stringify(resolve('test/store/simple-projector'))};
       const store = new SqliteCaseStore({ dataDir: process.argv[2]!, projector: simpleProjector });
       (async () => {
         const won: string[] = [];
         const refs: string[] = [];
         for (let i = 0; i < 40; i++) {
           if (await store.claimReminder('k' + i)) won.push('k' + i);
           if (i % 4 === 0) refs.push((await store.createCase({ openedOn: '2026-03-02', events: [ev('opened')] })).reference);
         }
         console.log(JSON.stringify({ won, refs }));
         await store.close();
       })();`,
    );
    const dataDir = join(root, 'shared');
    await new SqliteCaseStore({ dataDir, projector: simpleProjector }).close();
    const tsx = resolve('node_modules/.bin/tsx');
    const outputs = await Promise.all([1, 2].map(() => run(tsx, [script, dataDir], { cwd: root })));
    const results = outputs.map((o) => JSON.parse(o.stdout) as { won: string[]; refs: string[] });
    const won = results.flatMap((r) => r.won).sort();
    expect(won).toEqual(Array.from({ length: 40 }, (_, i) => `k${i}`).sort());
    const refs = results.flatMap((r) => r.refs);
    expect(new Set(refs).size).toBe(20);
  }, 30_000);
});
