/**
 * The case store: SQLite append and read throughput (10,000 events over 1,000 cases in a temp dir), and
 * how many Graph requests the SharePoint store makes to open a case (against the Graph double).
 * Run alone: npx tsx -e "import('./bench/store.bench.ts').then(m=>m.default())"
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphApi } from '../bot/adapters/graph/graph-client';
import { provisionSite } from '../bot/adapters/graph/provision';
import { openSharePointStores } from '../bot/adapters/graph/sharepoint-stores';
import { openSqliteStores } from '../bot/adapters/sqlite/sqlite-stores';
import type { NewCaseEvent } from '../bot/store/case-log';
import { GraphDouble } from '../test/support/graph-double/graph-double';
import { simpleProjector } from '../test/store/simple-projector';

const CASES = 1_000;
const EVENTS_PER_CASE = 10;
const AGENCIES = ['police', 'council', 'housing', 'health'];

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

function event(type: string, payload: NewCaseEvent['payload'] = {}): NewCaseEvent {
  return { id: randomUUID(), type, actor: 'officer-1', at: '2026-03-02T10:00:00.000Z', payload };
}

async function sqlite(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'asb-bench-'));
  const stores = openSqliteStores({ dataDir: dir, projector: simpleProjector });
  const store = stores.cases;
  try {
    const ids: string[] = [];
    let t = performance.now();
    for (let c = 0; c < CASES; c++) {
      const opened = await store.createCase({
        openedOn: '2026-03-02',
        events: [
          event('application-received', { spoc: `spoc-${c % 7}`, agencies: AGENCIES.slice(0, 1 + (c % 4)) }),
        ],
      });
      ids.push(opened.caseId);
    }
    for (let v = 1; v < EVENTS_PER_CASE; v++)
      for (const id of ids) await store.append(id, v, { events: [event(`step-${v}`)] });
    const appendMs = performance.now() - t;
    const events = CASES * EVENTS_PER_CASE;
    console.log(
      `sqlite append: ${fmt(events)} events over ${fmt(CASES)} cases in ${fmt(appendMs)} ms = ` +
        `${fmt((events / appendMs) * 1000)} events/s (one transaction each, projection included)`,
    );

    t = performance.now();
    let read = 0;
    for (const id of ids) read += (await store.getCase(id))?.events.length ?? 0;
    const readMs = performance.now() - t;
    console.log(
      `sqlite read: ${fmt(CASES)} cases with their logs (${fmt(read)} events) in ${fmt(readMs)} ms = ` +
        `${fmt((CASES / readMs) * 1000)} cases/s, ${fmt((read / readMs) * 1000)} events/s`,
    );

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
    const listMs = performance.now() - t;
    console.log(
      `sqlite list: ${pages} pages of 25 (by agency) in ${fmt(listMs)} ms = ${(listMs / pages).toFixed(2)} ms/page`,
    );
  } finally {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  }
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
        agencyRequests: names.map((agencyId) => ({
          requestId: randomUUID(),
          agencyId,
          requestedAt: '2026-03-02T10:00:00.000Z',
          dueOn: '2026-03-09',
          status: 'requested' as const,
          returnedAt: null,
          late: false,
        })),
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
