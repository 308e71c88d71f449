/** The two CaseStore adapters over fresh, empty storage, for contract suites. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphApi } from '../../bot/adapters/graph/graph-client';
import { provisionSite } from '../../bot/adapters/graph/provision';
import { SharePointCaseStore } from '../../bot/adapters/graph/sharepoint-case-store';
import { SqliteCaseStore } from '../../bot/adapters/sqlite/sqlite-case-store';
import { GraphDouble, type GraphDoubleOptions } from '../support/graph-double/graph-double';
import type { HarnessFactory } from './case-store.contract';
import { simpleProjector, type TestClock } from './simple-projector';

const noSleep = () => Promise.resolve();

export const sqliteHarness: HarnessFactory = async (clock) => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'asb-store-')), 'data');
  const open = () => new SqliteCaseStore({ dataDir, projector: simpleProjector, clock: clock.now });
  const store = open();
  return {
    store,
    another: async () => open(),
    cleanup: async () => {
      await store.close();
      rmSync(join(dataDir, '..'), { recursive: true, force: true });
    },
  };
};

/**
 * The SharePoint store on the strict Graph double, granted what docs/permissions.md says: Sites.Selected
 * "manage" to provision, then "write" to run. The double is stopped if opening fails.
 */
export async function sharePointStore(clock: TestClock, options: GraphDoubleOptions = {}) {
  const double = await GraphDouble.start(options);
  try {
    const api = () => new GraphApi({ baseUrl: double.baseUrl, tokens: double.tokens, sleep: noSleep });
    double.grantSite('manage');
    await provisionSite(api(), double.site.id);
    double.grantSite('write');
    const open = () =>
      SharePointCaseStore.open({
        api: api(),
        siteId: double.site.id,
        projector: simpleProjector,
        clock: clock.now,
      });
    return { double, api, open, store: await open() };
  } catch (err) {
    await double.stop();
    throw err;
  }
}

export const sharePointHarness: HarnessFactory = async (clock) => {
  const h = await sharePointStore(clock);
  return { store: h.store, another: h.open, cleanup: () => h.double.stop() };
};

export const harnesses: [string, HarnessFactory][] = [
  ['SQLite', sqliteHarness],
  ['SharePoint through Graph (double)', sharePointHarness],
];
