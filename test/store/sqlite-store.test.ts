import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteCaseStore } from '../../bot/adapters/sqlite/sqlite-case-store';
import { caseStoreContract } from './case-store.contract';
import { simpleProjector } from './simple-projector';

caseStoreContract('SQLite', async (clock) => {
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
});
