import type express from 'express';
import { resolve } from 'node:path';
import type { Policy } from '../../shared';
import { SqliteCaseStore } from '../adapters/sqlite/sqlite-case-store';
import { caseProjector } from '../app/case-projector';
import { CaseService, type CaseReactor } from '../app/case-service';
import { loadDirectory, sampleDirectory, type Directory } from '../app/directory';
import { loadPolicy } from '../app/load-policy';
import { EntraTokens } from '../auth/entra-tokens';
import { LocalTokens } from '../auth/local-tokens';
import type { Config } from '../config';
import type { CaseStore } from '../store/case-store';
import { createHttpApp, type HttpAppDeps } from './http-app';

export interface Runtime {
  config: Config;
  policy: Policy;
  directory: Directory;
  store: CaseStore;
  service: CaseService;
  app: express.Express;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  now?: () => Date;
  reactors?: CaseReactor[];
  store?: CaseStore;
  http?: Partial<HttpAppDeps>;
  log?: (message: string) => void;
}

/** The composition root: the same use cases and rules in both modes; only the adapters differ. */
export function createRuntime(config: Config, options: RuntimeOptions = {}): Runtime {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((m: string) => console.log(m));
  const policy = loadPolicy(config.POLICY);
  const directory = config.PEOPLE_FILE
    ? loadDirectory(config.PEOPLE_FILE, policy)
    : config.APP_MODE === 'local'
      ? sampleDirectory(policy)
      : failNoDirectory();
  const store =
    options.store ??
    new SqliteCaseStore({
      dataDir: resolve(config.DATA_DIR),
      projector: caseProjector(policy, now),
      clock: now,
    });
  const service = new CaseService({ store, policy, directory, now, reactors: options.reactors ?? [], log });
  const app = createHttpApp({
    mode: config.APP_MODE,
    service,
    directory,
    ...(config.APP_MODE === 'local' ? { localTokens: new LocalTokens() } : {}),
    ...(config.APP_MODE === 'm365'
      ? {
          entraTokens: new EntraTokens({
            tenantId: config.TENANT_ID,
            clientId: config.AAD_APP_CLIENT_ID,
            host: new URL(config.PUBLIC_URL).host,
          }),
        }
      : {}),
    tabDir: resolve(__dirname, '../../tab/dist'),
    log,
    ...options.http,
  });
  return {
    config,
    policy,
    directory,
    store,
    service,
    app,
    close: () => store.close(),
  };
}

function failNoDirectory(): never {
  throw new Error(
    'PEOPLE_FILE is required in m365 mode: it says who is a SPOC and which agency each person belongs to.',
  );
}
