import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../bot/config';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../bot/server/runtime';

export interface LocalServer {
  runtime: Runtime;
  /** e.g. http://127.0.0.1:41234 */
  base: string;
  close(): Promise<void>;
}

/**
 * The real server in local mode, as `npm start` builds it, on a free loopback port with its own SQLite
 * store in a temp folder and the test's clock. Close it in afterAll.
 */
export async function startLocalServer(options: {
  now: () => Date;
  policy?: string;
  env?: Record<string, string>;
  /** Fakes for Teams, tuning for the outbox (RuntimeOptions). */
  runtime?: Omit<RuntimeOptions, 'now'>;
}): Promise<LocalServer> {
  const dir = mkdtempSync(join(tmpdir(), 'asb-test-'));
  const runtime = createRuntime(
    loadConfig({ APP_MODE: 'local', DATA_DIR: dir, POLICY: options.policy ?? 'east-herts', ...options.env }),
    { log: () => {}, ...options.runtime, now: options.now },
  );
  const server = await new Promise<Server>((resolve) => {
    const s = runtime.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    runtime,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise((r) => server.close(r));
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
