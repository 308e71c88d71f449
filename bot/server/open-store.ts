import { resolve } from 'node:path';
import type { Policy } from '../../shared';
import { resolveSite } from '../adapters/graph/provision';
import { SharePointCaseStore } from '../adapters/graph/sharepoint-case-store';
import { SqliteCaseStore } from '../adapters/sqlite/sqlite-case-store';
import { caseProjector } from '../app/case-projector';
import type { Config } from '../config';
import type { CaseStore } from '../store/case-store';
import { graphApi } from './runtime';

/**
 * The case store for the mode: SQLite under DATA_DIR locally; the SharePoint lists of SHAREPOINT_SITE_ID
 * in m365 mode (provisioned beforehand with `npm run provision`; a missing list stops start-up, naming it).
 */
export async function openStore(config: Config, policy: Policy, now: () => Date): Promise<CaseStore> {
  const projector = caseProjector(policy, now);
  if (config.APP_MODE === 'local')
    return new SqliteCaseStore({ dataDir: resolve(config.DATA_DIR), projector, clock: now });
  const api = graphApi(config);
  const siteId = await resolveSite(api, config.SHAREPOINT_SITE_ID);
  // A case that cannot be repaired on start-up is named (by id) and left for its next read.
  return SharePointCaseStore.open({ api, siteId, projector, clock: now, log: (m) => console.warn(m) });
}
