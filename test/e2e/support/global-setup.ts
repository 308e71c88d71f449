import { ensureBrowser } from './browser';
import { ensureBuiltTab } from './built-tab';

/**
 * Once per `npm test`, before any test: the browser tests need the built tab (built here, so test files
 * do not build it in parallel) and a Chromium-family browser (found, or fetched by Playwright's installer;
 * where neither works the message says what to run, and the other tests still run).
 */
export default function globalSetup(): void {
  ensureBuiltTab();
  ensureBrowser();
}
