/**
 * The case log: SQLite append throughput with the product's own projection (10,000 events over 1,000
 * cases, each case's real events in order, one transaction each; the median of three runs), read and
 * list speed, and how many Graph requests the SharePoint store makes to open a case (the Graph double).
 * Run alone: npm run bench -- store
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphApi } from '../bot/adapters/graph/graph-client';
import { provisionSite } from '../bot/adapters/graph/provision';
import { openSharePointStores } from '../bot/adapters/graph/sharepoint-stores';
import { DATABASE_FILE, openDatabase } from '../bot/adapters/sqlite/open-database';
import { openSqliteStores } from '../bot/adapters/sqlite/sqlite-stores';
import { addDays, getPolicy } from '../shared';
import { caseProjector } from '../bot/app/case-projector';
import type { CaseChange, CaseLog, NewCaseEvent } from '../bot/store/case-log';
import { CaseBuilder } from '../test/support/case-builder';
import { GraphDouble } from '../test/support/graph-double/graph-double';
import { requestRecord, simpleProjector } from '../test/store/simple-projector';

const CASES = 1_000;
const EVENTS_PER_CASE = 10;
const RUNS = 3;
const AGENCIES = ['police', 'council', 'housing', 'health'];

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

function event(type: string, payload: NewCaseEvent['payload'] = {}): NewCaseEvent {
  return { id: randomUUID(), type, actor: 'officer-1', at: '2026-03-02T10:00:00.000Z', payload };
}

/** A case's ten events as the product records them, with the agency request records written beside them. */
function caseLog(i: number): CaseChange[] {
  const on = addDays('2026-01-05', i % 300);
  const b = new CaseBuilder(`c${i}-${randomUUID()}`).received(on, AGENCIES, [
    addDays(on, -20),
    addDays(on, -10),
    addDays(on, -5),
  ]);
  b.add('acknowledged', on, { sentOn: on, to: 'victim' });
  b.decided(on);
  const requests = AGENCIES.map((agencyId) => ({ requestId: `${agencyId}-${i}-${randomUUID()}`, agencyId }));
  const record = (r: (typeof requests)[number], returnedOn?: string) => ({
    requestId: r.requestId,
    agencyId: r.agencyId,
    requestedAt: `${on}T00:00:00.000Z`,
    dueOn: addDays(on, 14),
    status: returnedOn ? ('returned' as const) : ('requested' as const),
    returnedAt: returnedOn ? `${returnedOn}T00:00:00.000Z` : null,
    late: false,
  });
  const changes: CaseChange[] = [];
  const push = (records: CaseChange['agencyRequests'] = []) =>
    changes.push({
      events: [stored(b.events[b.events.length - 1]!)],
      ...(records.length ? { agencyRequests: records } : {}),
    });
  changes.push(
    { events: [stored(b.events[0]!)] },
    { events: [stored(b.events[1]!)] },
    { events: [stored(b.events[2]!)] },
  );
  b.add('returns-requested', on, { requestedOn: on, requests, incidentIds: [] });
  push(requests.map((r) => record(r)));
  for (const r of requests) {
    const returnedOn = addDays(on, 3);
    b.add('return-received', returnedOn, {
      requestId: r.requestId,
      agencyId: r.agencyId,
      receivedOn: returnedOn,
      incidents: [{ incidentId: 'inc-1', holdsRecord: false }],
      submittedBy: 'spoc-1',
    });
    push([record(r, returnedOn)]);
  }
  b.add('victim-contacted', addDays(on, 4), {
    contactedOn: addDays(on, 4),
    method: 'phone',
    choice: 'attend-in-person',
  });
  push();
  b.add('note-added', addDays(on, 4), { text: 'Panel to be arranged.' });
  push();
  return changes;
}

/** For profiling. */
export function caseLogs(n: number): CaseChange[][] {
  return Array.from({ length: n }, (_, i) => caseLog(i));
}

const stored = (e: {
  id: string;
  type: string;
  actor: string;
  at: string;
  payload: unknown;
}): NewCaseEvent => ({
  id: e.id,
  type: e.type,
  actor: e.actor,
  at: e.at,
  payload: e.payload as NewCaseEvent['payload'],
});

/** One run: CASES cases opened, then their other events appended round-robin, one transaction each. */
export async function sqliteRun(): Promise<{
  appendPerSec: number;
  readMs: number;
  read: number;
  listMs: number;
  pages: number;
}> {
  const { dir, stores } = productStores();
  const store = stores.cases;
  try {
    const logs = Array.from({ length: CASES }, (_, i) => caseLog(i));
    let t = performance.now();
    const ids = await openAll(store, logs);
    for (let v = 1; v < EVENTS_PER_CASE; v++)
      for (const [c, id] of ids.entries()) await store.append(id, v, logs[c]![v]!);
    const appendMs = performance.now() - t;

    t = performance.now();
    let read = 0;
    for (const id of ids) read += (await store.getCase(id))?.events.length ?? 0;
    const readMs = performance.now() - t;

    t = performance.now();
    let pages = 0;
    for (const agencyId of AGENCIES) {
      let cursor: string | undefined;
      do {
        const page = await store.listCases({ agencyId, state: 'open', cursor });
        cursor = page.next ?? undefined;
        pages++;
      } while (cursor);
    }
    return {
      appendPerSec: ((CASES * EVENTS_PER_CASE) / appendMs) * 1000,
      readMs,
      read,
      listMs: performance.now() - t,
      pages,
    };
  } finally {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const NOW = new Date('2026-11-20T10:00:00Z');

/** The SQLite stores with the product's projection (East Herts' policy), in a fresh folder. */
function productStores() {
  const dir = mkdtempSync(join(tmpdir(), 'asb-bench-'));
  return { dir, stores: productStoresIn(dir) };
}

/** The product's SQLite stores (East Herts' policy) on the folder given. */
function productStoresIn(dir: string) {
  const projector = caseProjector(getPolicy('east-herts'), () => NOW);
  return openSqliteStores({ dataDir: dir, projector, clock: () => NOW });
}

/** Opens each case with its first change; their ids, in order. */
async function openAll(store: CaseLog, logs: CaseChange[][]): Promise<string[]> {
  const ids: string[] = [];
  for (const [first] of logs)
    ids.push(
      (await store.createCase({ openedOn: first!.events[0]!.payload.receivedOn as string, ...first! }))
        .caseId,
    );
  return ids;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * An append folds only its own events: the same appends (notes) cost the same on a case with 100 events
 * as on one with 10. Events/s for appends 91-100 of 100 cases, against appends 11-20 of the same cases.
 */
async function longLogs(): Promise<{ early: number; late: number }> {
  const { dir, stores } = productStores();
  try {
    const ids = await openAll(
      stores.cases,
      Array.from({ length: 100 }, (_, i) => caseLog(i)),
    );
    const note = (n: number) => ({
      events: [
        stored({
          id: randomUUID(),
          type: 'note-added',
          actor: 'spoc-1',
          at: NOW.toISOString(),
          payload: { text: `Note ${n}` },
        }),
      ],
    });
    const rate = async (from: number) => {
      const t = performance.now();
      for (let v = from; v < from + 10; v++) for (const id of ids) await stores.cases.append(id, v, note(v));
      return (1000 / (performance.now() - t)) * 1000;
    };
    for (let v = 1; v < 11; v++) for (const id of ids) await stores.cases.append(id, v, note(v));
    const early = await rate(11);
    for (let v = 21; v < 90; v++) for (const id of ids) await stores.cases.append(id, v, note(v));
    return { early, late: await rate(90) };
  } finally {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What a commit costs SQLite: the pages each append writes to the WAL (a frame each: its header and the 4 KiB page, two writes), by event type,
 * over 80 cases' real events (fewer than the 10,000 pages after which the WAL is checkpointed and reused,
 * so its size counts every frame).
 */
async function walPages(): Promise<Map<string, number>> {
  const { dir, stores } = productStores();
  const wal = join(dir, `${DATABASE_FILE}-wal`);
  const frames = () => Math.max(0, statSync(wal, { throwIfNoEntry: false })?.size ?? 0) / (4096 + 24);
  const by = new Map<string, number[]>();
  const count = async (type: string, write: () => Promise<unknown>) => {
    const before = frames();
    await write();
    by.set(type, [...(by.get(type) ?? []), frames() - before]);
  };
  try {
    const logs = Array.from({ length: 80 }, (_, i) => caseLog(i));
    const ids: string[] = [];
    for (const [first] of logs)
      await count('opening', async () => {
        const opened = await stores.cases.createCase({
          openedOn: first!.events[0]!.payload.receivedOn as string,
          ...first!,
        });
        ids.push(opened.caseId);
      });
    for (let v = 1; v < EVENTS_PER_CASE; v++)
      for (const [c, id] of ids.entries())
        await count(logs[c]![v]!.events[0]!.type, () => stores.cases.append(id, v, logs[c]![v]!));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return new Map([
      ['all', mean([...by.values()].flat())],
      ...[...by].map(([k, xs]) => [k, mean(xs)] as const),
    ]);
  } finally {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The engine's floor on this machine, now: the same file settings (openDatabase) and the shape of an
 * append, one transaction each (an event row with its key and id indexes; the case row with its status
 * and deadline indexes moved), with no projection, no validation and no records. Events/s; the machine is
 * shared, so the product's figure is read against this one, measured beside it.
 */
function engineFloor(): number {
  const dir = mkdtempSync(join(tmpdir(), 'asb-bench-floor-'));
  const db = openDatabase(dir);
  try {
    db.exec(`
      CREATE TABLE floor_cases (case_id TEXT PRIMARY KEY, status TEXT, deadline TEXT, version INTEGER) STRICT;
      CREATE INDEX floor_cases_status ON floor_cases (status, case_id);
      CREATE INDEX floor_cases_deadline ON floor_cases (deadline, case_id);
      CREATE TABLE floor_events (case_id TEXT NOT NULL, seq INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL, PRIMARY KEY (case_id, seq)) STRICT;`);
    const open = db.prepare('INSERT INTO floor_cases VALUES (?, ?, ?, 0)');
    const insert = db.prepare('INSERT INTO floor_events VALUES (?, ?, ?, ?)');
    const update = db.prepare(
      'UPDATE floor_cases SET status = ?, deadline = ?, version = ? WHERE case_id = ?',
    );
    const append = db
      .transaction((caseId: string, seq: number) => {
        insert.run(caseId, seq, randomUUID(), '{"text":"A payload of about two hundred characters."}');
        update.run(`status-${seq}`, addDays('2026-03-02', seq * 7), seq, caseId);
      })
      .immediate.bind(null);
    const ids = Array.from({ length: CASES }, () => randomUUID());
    for (const id of ids) open.run(id, 'status-0', '2026-03-02');
    const t = performance.now();
    for (let seq = 1; seq < EVENTS_PER_CASE; seq++) for (const id of ids) append(id, seq);
    return ((CASES * (EVENTS_PER_CASE - 1)) / (performance.now() - t)) * 1000;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

type Recorded = { sql: string; method: 'run' | 'get' | 'all'; args: unknown[] };

/**
 * SQLite's own share of an append: the statements the product's appends ran (recorded with their
 * parameters while the product appends the cases' real events), run again on a copy of the database as it
 * was before them, one transaction per append and nothing between the statements. The product's append
 * cannot be faster than this; the difference is its JavaScript (rules, projection, checks, records).
 * Appends/s for the product and for the replay, measured together.
 */
async function sqlReplay(): Promise<{ product: number; replay: number; statements: number }> {
  const { dir, stores } = productStores();
  const copy = mkdtempSync(join(tmpdir(), 'asb-bench-replay-'));
  // The statements' methods, wrapped while the appends run (better-sqlite3 has no trace with parameters).
  const probe = openDatabase(copy, 'probe.sqlite');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<
    Recorded['method'],
    (...args: unknown[]) => unknown
  >;
  probe.close();
  const originals = { run: proto.run, get: proto.get, all: proto.all };
  let current: Recorded[] | undefined;
  const appends: Recorded[][] = [];
  try {
    const logs = Array.from({ length: CASES }, (_, i) => caseLog(i));
    const ids = await openAll(stores.cases, logs);
    await stores.close();
    // The database as it stands before the appends, checkpointed into its file and copied.
    const before = openDatabase(dir);
    before.pragma('wal_checkpoint(TRUNCATE)');
    before.close();
    copyFileSync(join(dir, DATABASE_FILE), join(copy, DATABASE_FILE));
    const reopened = productStoresIn(dir);
    for (const method of ['run', 'get', 'all'] as const)
      proto[method] = function (this: { source: string }, ...args: unknown[]) {
        // better-sqlite3 runs its transactions' BEGIN and COMMIT as statements: the replay makes its own.
        if (current && !/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i.test(this.source))
          current.push({ sql: this.source, method, args });
        return originals[method].apply(this, args);
      };
    const t = performance.now();
    for (let v = 1; v < EVENTS_PER_CASE; v++)
      for (const [c, id] of ids.entries()) {
        current = [];
        appends.push(current);
        await reopened.cases.append(id, v, logs[c]![v]!);
      }
    const productMs = performance.now() - t;
    current = undefined;
    Object.assign(proto, originals);
    await reopened.close();

    const db = openDatabase(copy);
    const prepared = new Map<string, ReturnType<typeof db.prepare>>();
    const statement = (sql: string) => {
      let s = prepared.get(sql);
      if (!s) prepared.set(sql, (s = db.prepare(sql)));
      return s;
    };
    const replay = db.transaction((calls: Recorded[]) => {
      for (const c of calls) (statement(c.sql)[c.method] as (...a: unknown[]) => unknown)(...c.args);
    }).immediate;
    const r = performance.now();
    for (const calls of appends) replay(calls);
    const replayMs = performance.now() - r;
    db.close();
    return {
      product: (appends.length / productMs) * 1000,
      replay: (appends.length / replayMs) * 1000,
      statements: appends.reduce((n, a) => n + a.length, 0) / appends.length,
    };
  } finally {
    Object.assign(proto, originals);
    rmSync(dir, { recursive: true, force: true });
    rmSync(copy, { recursive: true, force: true });
  }
}

async function sqlite(): Promise<void> {
  const runs = [];
  for (let r = 0; r < RUNS; r++) runs.push(await sqliteRun());
  // After the product's runs, so that those are measured as before this line was added.
  const floors = Array.from({ length: RUNS }, engineFloor);
  const rates = runs.map((r) => r.appendPerSec);
  console.log(
    `sqlite append: ${fmt(CASES * EVENTS_PER_CASE)} events over ${fmt(CASES)} cases, one transaction each, ` +
      `the product's projection included: median ${fmt(median(rates))} events/s ` +
      `(runs ${rates.map(fmt).join(', ')}) (target >= 10,000 events/s)`,
  );
  console.log(
    `sqlite engine floor beside it: the shape of an append (an event, its case row and two of its indexes), ` +
      `one transaction each, no projection or validation: median ${fmt(median(floors))} events/s ` +
      `(runs ${floors.map(fmt).join(', ')}); the product's append runs at ${Math.round((median(rates) / median(floors)) * 100)}% of it`,
  );
  const replays = [];
  for (let r = 0; r < RUNS; r++) replays.push(await sqlReplay());
  const byProduct = [...replays].sort((a, b) => a.product - b.product);
  const mid = byProduct[Math.floor(RUNS / 2)]!;
  console.log(
    `sqlite's own share: the ${mid.statements.toFixed(1)} statements an append of the product ran, replayed with nothing between them, ` +
      `one transaction each: ${fmt(mid.replay)} appends/s beside the product's ${fmt(mid.product)} in the same run ` +
      `(the median of ${RUNS}; all: ${replays.map((x) => `${fmt(x.replay)} / ${fmt(x.product)}`).join(', ')}); ` +
      `the product cannot append faster than SQLite runs its statements`,
  );
  const pages = await walPages();
  const p = (type: string) => (pages.get(type) ?? 0).toFixed(1);
  console.log(
    `sqlite pages written to the WAL per transaction (a frame each: its header and the 4 KiB page, two writes): mean ${p('all')}; an opening ${p('opening')}, ` +
      `returns requested ${p('returns-requested')}, a return ${p('return-received')}, a note ${p('note-added')}`,
  );
  const long = await longLogs();
  console.log(
    `sqlite append on long logs: appends 91-100 of 100 cases at ${fmt(long.late)} events/s, ` +
      `appends 11-20 at ${fmt(long.early)} events/s (an append folds only its own events: no slower on the longer log)`,
  );
  const last = runs[runs.length - 1]!;
  console.log(
    `sqlite read: ${fmt(CASES)} cases with their logs (${fmt(last.read)} events) in ${fmt(last.readMs)} ms = ` +
      `${fmt((CASES / last.readMs) * 1000)} cases/s, ${fmt((last.read / last.readMs) * 1000)} events/s`,
  );
  console.log(
    `sqlite list: ${last.pages} pages of 25 (by agency) in ${fmt(last.listMs)} ms = ${(last.listMs / last.pages).toFixed(2)} ms/page`,
  );
}

async function graphOpening(): Promise<void> {
  const double = await GraphDouble.start();
  try {
    // The strict double, with the permissions the package declares (Sites.Selected: manage, then write).
    const api = new GraphApi({ baseUrl: double.baseUrl, tokens: double.tokens });
    double.grantSite('manage');
    await provisionSite(api, double.site.id);
    double.grantSite('write');
    const store = (await openSharePointStores({ api, siteId: double.site.id, projector: simpleProjector }))
      .cases;
    const open = async (incidents: number, agencies: number) => {
      const names = AGENCIES.slice(0, agencies);
      double.resetStats();
      await store.createCase({
        openedOn: '2026-03-02',
        events: [
          event('application-received', {
            agencies: names,
            incidents: Array.from({ length: incidents }, (_, i) => ({
              on: `2026-02-0${i + 1}`,
              what: 'noise',
            })),
          }),
          event('returns-requested', { agencies: names }),
        ],
        agencyRequests: names.map((agencyId) => requestRecord(randomUUID(), agencyId)),
      });
      const refused = double.log.filter((e) => e.status >= 400);
      if (refused.length > 0)
        throw new Error(`the strict Graph double refused ${refused.length} requests opening a case`);
      return double.stats();
    };
    const runs = [
      [5, 4],
      [1, 1],
      [5, 1],
      [1, 4],
    ] as const;
    const counts: { i: number; a: number; http: number; subRequests: number }[] = [];
    for (const [i, a] of runs) counts.push({ i, a, ...(await open(i, a)) });
    const show = (c: (typeof counts)[number]) => `${c.i} x ${c.a} = ${c.http}`;
    console.log(
      `graph requests to open a case: ${counts.map(show).join('; ')} (target: constant)` +
        ` [HTTP requests; a $batch counts once]`,
    );
    console.log(
      `graph sub-requests inside those batches: ${counts.map((c) => `${c.i} x ${c.a} = ${c.subRequests}`).join('; ')}` +
        ' (independent of incidents; +2 per agency: its request item and its case-agency item)',
    );
  } finally {
    await double.stop();
  }
}

export default async function bench(): Promise<void> {
  await sqlite();
  await graphOpening();
}
