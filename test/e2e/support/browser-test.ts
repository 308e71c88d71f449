import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { startLocalServer, type LocalServer } from '../../support/local-server';
import { launchBrowser } from './browser';
import { ensureBuiltTab } from './built-tab';

export interface BrowserTest {
  local: LocalServer;
  browser: Browser;
  /** Closes the browser, then the server. */
  close(): Promise<void>;
}

/**
 * What every browser test starts with: the built tab, a folder for its screenshots, the real server in
 * local mode on the test's clock, and headless Chromium.
 */
export async function startBrowserTest(shots: string, now: () => Date): Promise<BrowserTest> {
  ensureBuiltTab();
  mkdirSync(shots, { recursive: true });
  const local = await startLocalServer({ now });
  const browser = await launchBrowser().catch(async (err: unknown) => {
    await local.close();
    throw err;
  });
  return {
    local,
    browser,
    close: async () => {
      await browser.close();
      await local.close();
    },
  };
}
