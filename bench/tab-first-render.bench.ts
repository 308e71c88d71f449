import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../shared';
import { loadConfig } from '../bot/config';
import { createRuntime } from '../bot/server/runtime';
import { sampleApplication } from '../test/support/case-builder';
import { launchBrowser, newPage } from '../test/e2e/support/browser';
import { ensureBuiltTab } from '../test/e2e/support/built-tab';
import { firstCaseListMs } from './tab.bench';

const CASES = 5_000;
const TARGET_MS = 1_500;

/**
 * Time to the first rendered case list in headless Chromium, with 5,000 cases in the local store: from
 * navigation to the `asb:first-case-list` mark the tab sets once the first page of cases is on screen.
 */
export default async function bench(): Promise<void> {
  ensureBuiltTab();
  const dir = mkdtempSync(join(tmpdir(), 'asb-bench-tab-'));
  const now = new Date('2026-11-20T10:00:00Z');
  const runtime = createRuntime(loadConfig({ APP_MODE: 'local', DATA_DIR: dir, POLICY: 'east-herts' }), {
    now: () => now,
    log: () => {},
  });
  const spoc = runtime.directory.get('spoc-1')!;
  const t0 = performance.now();
  for (let i = 0; i < CASES; i++) {
    const on = addDays('2026-05-01', i % 200);
    await runtime.service.openCase(
      {
        requestId: randomUUID(),
        receivedVia: 'email',
        agencies: ['ehc', 'herts-police'],
        title: `Case ${i}`,
        application: sampleApplication(on, [addDays(on, -30), addDays(on, -20), addDays(on, -10)]),
      },
      spoc,
    );
  }
  const seeded = performance.now() - t0;
  const server = await new Promise<Server>((resolve) => {
    const s = runtime.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { token } = (await (
    await fetch(`${base}/api/local/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ personId: 'spoc-1' }),
    })
  ).json()) as { token: string };
  const browser = await launchBrowser();
  try {
    const page = await newPage(browser);
    await page.goto(`${base}/healthz`);
    await page.evaluate((t) => sessionStorage.setItem('asb-case-review.token', t), token);
    await firstCaseListMs(page, base); // once, so the server's first-request costs are not counted
    const runs: number[] = [];
    for (let r = 0; r < 5; r++) {
      const fresh = await newPage(browser);
      await fresh.goto(`${base}/healthz`);
      await fresh.evaluate((t) => sessionStorage.setItem('asb-case-review.token', t), token);
      runs.push(await firstCaseListMs(fresh, base));
      await fresh.context().close();
    }
    runs.sort((a, b) => a - b);
    console.log(
      `tab: first rendered case list with ${CASES.toLocaleString('en-GB')} cases: median ${runs[2]!.toFixed(0)} ms, worst ${runs[4]!.toFixed(0)} ms, cold cache (target < ${TARGET_MS} ms); seeding took ${(seeded / 1000).toFixed(1)} s`,
    );
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
