/** The two CaseStore adapters over fresh, empty storage, for contract suites. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphApi } from '../../bot/adapters/graph/graph-client';
import { provisionSite } from '../../bot/adapters/graph/provision';
import { SharePointCaseStore } from '../../bot/adapters/graph/sharepoint-case-store';
import { staticToken } from '../../bot/adapters/graph/token-provider';
import { SqliteCaseStore } from '../../bot/adapters/sqlite/sqlite-case-store';
import { GraphDouble } from '../support/graph-double/graph-double';
import type { HarnessFactory } from './case-store.contract';
import { simpleProjector } from './simple-projector';

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

export const sharePointHarness: HarnessFactory = async (clock) => {
  const double = await GraphDouble.start();
  const api = () =>
    new GraphApi({ baseUrl: double.baseUrl, tokens: staticToken('test-token'), sleep: noSleep });
  await provisionSite(api(), double.site.id);
  const open = () =>
    SharePointCaseStore.open({
      api: api(),
      siteId: double.site.id,
      projector: simpleProjector,
      clock: clock.now,
    });
  return { store: await open(), another: open, cleanup: () => double.stop() };
};

export const harnesses: [string, HarnessFactory][] = [
  ['SQLite', sqliteHarness],
  ['SharePoint through Graph (double)', sharePointHarness],
];
