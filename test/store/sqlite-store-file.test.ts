import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { migrate, migrations } from '../../bot/adapters/sqlite/migrations';
import { DATABASE_FILE } from '../../bot/adapters/sqlite/open-database';
import { openSqliteStores } from '../../bot/adapters/sqlite/sqlite-stores';
import type { Projector } from '../../bot/store/case-log';
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
    await openSqliteStores({ dataDir, projector: simpleProjector }).close();
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

  it('moves a booking kept in a JSON file by an earlier release into the case log, and drops the file', () => {
    const db = new BetterSqlite3(join(root, 'old.sqlite'));
    migrate(db, migrations.slice(0, 4));
    db.exec(`
      INSERT INTO cases (case_id, reference, case_number, title, status, agencies, opened_on, version, updated_at)
        VALUES ('c1', 'CT-2026-0001', 2026000001, 't', 'panel-booked', '[]', '2026-03-02', 3, '2026-03-05');
      INSERT INTO case_events (case_id, seq, event_id, type, actor, at, payload, recorded_at) VALUES
        ('c1', 1, 'e1', 'application-received', 's', '2026-03-02', '{}', '2026-03-02'),
        ('c1', 2, 'e2', 'panel-booked', 's', '2026-03-03',
          '{"bookingId":"b1","start":"2026-04-14T09:00:00.000Z","end":"2026-04-14T11:00:00.000Z"}', '2026-03-03'),
        ('c1', 3, 'e3', 'panel-booked', 's', '2026-03-04',
          '{"bookingId":"b1","start":"2026-04-15T09:00:00.000Z","end":"2026-04-15T11:00:00.000Z"}', '2026-03-04');
    `);
    const record = {
      bookingId: 'b1',
      provider: 'ics',
      providerEventId: 'uid-1',
      transactionId: 'asb-panel-b1',
    };
    db.prepare(
      `INSERT INTO case_files (file_id, case_id, kind, name, content_type, size, sha256, stored_at, stored_by, bytes)
       VALUES ('f1', 'c1', 'calendar', 'r.json', 'application/json', 1, 'x', '2026-03-03', 's', ?)`,
    ).run(Buffer.from(JSON.stringify(record)));
    expect(migrate(db, migrations.slice(0, 5))).toEqual([5]);
    expect(db.prepare('SELECT * FROM panel_bookings').all()).toEqual([
      {
        booking_id: 'b1',
        case_id: 'c1',
        provider_event_id: 'uid-1',
        transaction_id: 'asb-panel-b1',
        start_at: '2026-04-15T09:00:00.000Z',
        end_at: '2026-04-15T11:00:00.000Z',
        status: 'booked',
      },
    ]);
    expect(db.prepare('SELECT COUNT(*) FROM case_files').pluck().get()).toBe(0);
    db.close();
  });

  it('keeps the agency requests and case agencies of an earlier release when it rewrites their tables', async () => {
    const db = new BetterSqlite3(join(root, DATABASE_FILE));
    migrate(db, migrations.slice(0, 5));
    db.exec(`
      INSERT INTO cases (case_id, reference, case_number, title, status, agencies, opened_on, version, updated_at)
        VALUES ('c1', 'CT-2026-0001', 2026000001, 't', 'returns-requested', '["council","police"]', '2026-03-02', 1, '2026-03-05');
      INSERT INTO case_events (case_id, seq, event_id, type, actor, at, payload, recorded_at)
        VALUES ('c1', 1, 'e1', 'opened', 's', '2026-03-02', '{}', '2026-03-02');
      INSERT INTO case_agencies (case_id, agency_id, case_number)
        VALUES ('c1', 'police', 2026000001), ('c1', 'council', 2026000001);
      INSERT INTO agency_requests (case_id, request_id, agency_id, requested_at, due_on, status, returned_at, late)
        VALUES ('c1', 'r1', 'police', '2026-03-02T10:00:00Z', '2026-03-16', 'requested', NULL, 0),
               ('c1', 'r2', 'police', '2026-03-02T10:00:00Z', '2026-03-09', 'returned', '2026-03-04T10:00:00Z', 0),
               ('c1', 'r3', 'council', '2026-03-02T10:00:00Z', '2026-03-12', 'requested', NULL, 1);
    `);
    db.close();
    const stores = openSqliteStores({ dataDir: root, projector: simpleProjector });
    const requests = await stores.cases.caseRequests('c1');
    expect(requests.map((r) => [r.requestId, r.agencyId, r.status, r.late])).toEqual([
      ['r2', 'police', 'returned', false],
      ['r3', 'council', 'requested', true],
      ['r1', 'police', 'requested', false],
    ]);
    const owed = await stores.cases.agencyRequests('police', { outstandingOnly: true });
    expect(owed.items.map((r) => r.requestId)).toEqual(['r1']);
    const all = await stores.cases.agencyRequests('police');
    expect(all.items.map((r) => r.requestId)).toEqual(['r2', 'r1']);
    expect((await stores.cases.listCases({ agencyId: 'council' })).items.map((c) => c.reference)).toEqual([
      'CT-2026-0001',
    ]);
    expect((await stores.cases.getCase('c1'))?.events.map((e) => e.id)).toEqual(['e1']);
    await stores.close();
  });

  it('leaves no half-written case when an append fails part-way (one transaction)', async () => {
    let explode = false;
    const projector: Projector = {
      ...simpleProjector,
      project: (reference, state) => {
        if (explode) throw new Error('projector failed');
        return simpleProjector.project(reference, state as Parameters<typeof simpleProjector.project>[1]);
      },
    } as Projector;
    const stores = openSqliteStores({ dataDir: root, projector });
    const store = stores.cases;
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
    // The fold the failed append began is not kept: the next append folds from what is stored.
    await store.append(caseId, 1, { events: [ev('c')] });
    expect((await store.getCase(caseId))?.projection).toMatchObject({ version: 2, status: 'c' });
    await stores.close();
  });

  it('lets two processes on one file claim reminders and open cases without a clash', async () => {
    const script = join(root, 'worker.ts');
    writeFileSync(
      script,
      `import { openSqliteStores } from ${JSON.stringify(resolve('bot/adapters/sqlite/sqlite-stores'))};
       import { simpleProjector, ev } from ${JSON.stringify(resolve('test/store/simple-projector'))};
       const store = openSqliteStores({ dataDir: process.argv[2]!, projector: simpleProjector });
       (async () => {
         const won: string[] = [];
         const refs: string[] = [];
         for (let i = 0; i < 40; i++) {
           if (await store.claims.claimReminder('k' + i)) won.push('k' + i);
           if (i % 4 === 0) refs.push((await store.cases.createCase({ openedOn: '2026-03-02', events: [ev('opened')] })).reference);
         }
         console.log(JSON.stringify({ won, refs }));
         await store.close();
       })();`,
    );
    const dataDir = join(root, 'shared');
    await openSqliteStores({ dataDir, projector: simpleProjector }).close();
    const tsx = resolve('node_modules/.bin/tsx');
    const outputs = await Promise.all([1, 2].map(() => run(tsx, [script, dataDir], { cwd: root })));
    const results = outputs.map((o) => JSON.parse(o.stdout) as { won: string[]; refs: string[] });
    const won = results.flatMap((r) => r.won).sort();
    expect(won).toEqual(Array.from({ length: 40 }, (_, i) => `k${i}`).sort());
    const refs = results.flatMap((r) => r.refs);
    expect(new Set(refs).size).toBe(20);
  }, 30_000);
});
