/**
 * The two adapter sets over fresh, empty storage, and `storeContract`: one port's contract suite, run
 * against each of them (SQLite; SharePoint on the strict Graph double, also with pages of two items).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphApi } from '../../bot/adapters/graph/graph-client';
import { provisionSite } from '../../bot/adapters/graph/provision';
import { openSharePointStores } from '../../bot/adapters/graph/sharepoint-stores';
import { openSqliteStores } from '../../bot/adapters/sqlite/sqlite-stores';
import type { NewCase } from '../../bot/store/case-log';
import type { Stores } from '../../bot/store/stores';
import { GraphDouble, type GraphDoubleOptions } from '../support/graph-double/graph-double';
import { ev, simpleProjector, TestClock } from './simple-projector';

export interface StoreHarness {
  stores: Stores;
  /** Another adapter set over the same storage: the same SQLite file, the same Graph double. */
  another(): Promise<Stores>;
  cleanup(): Promise<void>;
}

/** Makes fresh, empty storage for each test; the stores it opens read their time from `clock`. */
export type HarnessFactory = (clock: TestClock) => Promise<StoreHarness>;

const noSleep = () => Promise.resolve();

export function sqliteStores(dataDir: string, clock: TestClock) {
  return openSqliteStores({ dataDir, projector: simpleProjector, clock: clock.now });
}

export const sqliteHarness: HarnessFactory = async (clock) => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'asb-store-')), 'data');
  const stores = sqliteStores(dataDir, clock);
  return {
    stores,
    another: async () => sqliteStores(dataDir, clock),
    cleanup: async () => {
      await stores.close();
      rmSync(join(dataDir, '..'), { recursive: true, force: true });
    },
  };
};

/**
 * The SharePoint stores on the strict Graph double, granted what docs/permissions.md says: Sites.Selected
 * "manage" to provision, then "write" to run. The double is stopped if opening fails.
 */
export async function sharePointStore(clock: TestClock, options: GraphDoubleOptions = {}) {
  const double = await GraphDouble.start(options);
  try {
    const api = () => new GraphApi({ baseUrl: double.baseUrl, tokens: double.tokens, sleep: noSleep });
    double.grantSite('manage');
    await provisionSite(api(), double.site.id);
    double.grantSite('write');
    const open = (log?: (message: string) => void) =>
      openSharePointStores({
        api: api(),
        siteId: double.site.id,
        projector: simpleProjector,
        clock: clock.now,
        ...(log ? { log } : {}),
      });
    return { double, api, open, stores: await open() };
  } catch (err) {
    await double.stop();
    throw err;
  }
}

const sharePoint =
  (options: GraphDoubleOptions = {}): HarnessFactory =>
  async (clock) => {
    const h = await sharePointStore(clock, options);
    return { stores: h.stores, another: () => h.open(), cleanup: () => h.double.stop() };
  };

export const sharePointHarness = sharePoint();

export const harnesses: [string, HarnessFactory][] = [
  ['SQLite', sqliteHarness],
  ['SharePoint through Graph (double)', sharePointHarness],
];

/**
 * Graph may answer fewer items than $top and give the rest behind @odata.nextLink: the suites that page
 * run again with pages of two items at most.
 */
export const withShortPages: [string, HarnessFactory][] = [
  ...harnesses,
  ['SharePoint through Graph (double, server pages of 2)', sharePoint({ maxPageSize: 2 })],
];

/** What a contract test works with: fresh stores (each port by name), their clock, and more stores. */
export class StoreTest {
  stores!: Stores;
  clock!: TestClock;
  constructor(readonly another: () => Promise<Stores>) {}
  get cases() {
    return this.stores.cases;
  }
  get files() {
    return this.stores.files;
  }
  get conversations() {
    return this.stores.conversations;
  }
  get claims() {
    return this.stores.claims;
  }
  get purges() {
    return this.stores.purges;
  }
  get accessLog() {
    return this.stores.accessLog;
  }
  get outbox() {
    return this.stores.outbox;
  }
}

/** One port's contract, run against every adapter set in `list`; each test gets fresh, empty storage. */
export function storeContract(
  port: string,
  body: (t: StoreTest) => void,
  list: [string, HarnessFactory][] = harnesses,
): void {
  describe.each(list)(`${port} contract: %s`, (_name, factory) => {
    let h: StoreHarness;
    const extra: Stores[] = [];
    const t = new StoreTest(async () => {
      const s = await h.another();
      extra.push(s);
      return s;
    });
    beforeEach(async () => {
      t.clock = new TestClock();
      h = await factory(t.clock);
      t.stores = h.stores;
    });
    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await h.cleanup();
    });
    body(t);
  });
}

/** A case's opening, as the contract suites store it. */
export function opening(
  openedOn: string,
  extra: Partial<NewCase> & { payload?: Record<string, string | string[] | null> } = {},
): NewCase {
  const { payload, ...rest } = extra;
  return {
    openedOn,
    events: [ev('application-received', { title: 'Noise, Example Road area', ...(payload ?? {}) })],
    ...rest,
  };
}
