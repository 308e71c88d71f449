import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Chromium for the end-to-end tests, through playwright-core (no browser download: `npx playwright
 * install` fails here). The browser is found through CHROME_PATH or the usual install paths; on Debian,
 * `apt-get install chromium` gives /usr/bin/chromium.
 */

export const CHROME_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

export const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The browser to drive: CHROME_PATH when set (it must exist), else the first usual path that does. */
export function findChrome(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.CHROME_PATH?.trim();
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new Error(
      `CHROME_PATH is set to "${configured}", but there is no file there. Point CHROME_PATH at a Chromium or Chrome executable.`,
    );
  }
  const found = CHROME_CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new Error(
    'No Chromium or Chrome was found. Install one (on Debian: apt-get install chromium) or set CHROME_PATH ' +
      `to its executable. Looked in: ${CHROME_CANDIDATES.join(', ')}.`,
  );
}

/**
 * Launches headless Chromium. Each launch gets a fresh, empty user-data dir: playwright-core creates a
 * temporary profile for `launch()` and deletes it when the browser closes (it refuses a `--user-data-dir`
 * flag here). Close it with `browser.close()`.
 */
export async function launchBrowser(
  options: { executablePath?: string; slowMo?: number } = {},
): Promise<Browser> {
  const executablePath = options.executablePath ?? findChrome();
  return chromium.launch({
    executablePath,
    headless: true,
    args: CHROME_FLAGS,
    ...(options.slowMo ? { slowMo: options.slowMo } : {}),
  });
}

/**
 * A page in a fresh context: reduced motion (Fluent's animations off, so screenshots are stable), a UK
 * locale and time zone, and a desktop-sized viewport unless told otherwise.
 */
export async function newPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; baseURL?: string } = {},
): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    reducedMotion: 'reduce',
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    viewport: options.viewport ?? { width: 1280, height: 900 },
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
  });
  return context.newPage();
}

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * Runs axe on the page and returns the serious and critical violations (all of them with `all: true`).
 * Tabster's focus sentinels (`<i tabindex="0" aria-hidden data-tabster-dummy>`, which Fluent UI adds at the
 * page's edges once a Dialog exists, and which pass focus on at once) are excluded: axe reports them as
 * aria-hidden-focus, a false positive Fluent UI's own tests exclude the same way.
 */
export async function axeScan(page: Page, options: { all?: boolean } = {}): Promise<AxeFinding[]> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const result = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
  return result.violations
    .filter((v) => options.all || v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}

export interface FakeTeamsOptions {
  /** The tab's origin, e.g. http://localhost:3978; the host page is served on it, so teams-js trusts it. */
  baseUrl: string;
  /** The path framed as the tab: `/`, `/channel`, `/config`... */
  tabPath?: string;
  /** What `authentication.getAuthToken()` returns (in local mode, a token from POST /api/local/sign-in). */
  token: string;
  theme?: 'default' | 'dark' | 'contrast';
  frameContext?: 'content' | 'settings';
  channelName?: string;
}

/**
 * A stand-in Teams client for the tab's in-Teams path: a page on the tab's own origin (teams-js accepts
 * messages from its own origin) that frames the tab and answers `initialize`, `getContext` and
 * `authentication.getAuthToken`, and records every call in `window.seen`. `window.sendToTab(func, args)`
 * sends an event such as `themeChange` (['dark']) or `settings.save` ([{}]). Returns the frame's locator
 * root; the host page is routed by Playwright, so the server needs nothing.
 */
export async function openInFakeTeams(page: Page, options: FakeTeamsOptions) {
  const runtime = {
    apiVersion: 4,
    isLegacyTeams: false,
    supports: {
      app: {},
      pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} },
      teamsCore: {},
    },
  };
  const context = {
    theme: options.theme ?? 'default',
    hostName: 'Teams',
    locale: 'en-gb',
    frameContext: options.frameContext ?? 'content',
    userObjectId: '00000000-0000-0000-0000-000000000001',
    ...(options.channelName
      ? { channelName: options.channelName, channelId: '19:channel', teamId: 'team-1' }
      : {}),
  };
  const html = `<!doctype html><html lang="en"><head><title>Teams (test host)</title></head><body style="margin:0">
<iframe id="tab" title="ASB Case Review" src="${options.tabPath ?? '/'}" style="width:100vw;height:100vh;border:0"></iframe>
<script>
window.seen = [];
const frame = document.getElementById('tab');
const reply = (e, args) => e.source.postMessage({ id: e.data.id, uuidAsString: e.data.uuidAsString, args }, e.origin);
window.sendToTab = (func, args) => frame.contentWindow.postMessage({ func, args }, location.origin);
window.addEventListener('message', (e) => {
  const m = e.data;
  if (!m || typeof m.func !== 'string') return;
  window.seen.push({ func: m.func, args: m.args });
  if (m.func === 'initialize') reply(e, [${JSON.stringify(context.frameContext)}, 'web', ${JSON.stringify(JSON.stringify(runtime))}, '2.58.0']);
  else if (m.func === 'getContext') reply(e, [${JSON.stringify(context)}]);
  else if (m.func === 'authentication.getAuthToken') reply(e, [true, ${JSON.stringify(options.token)}]);
  else if (m.func === 'settings.setSettings' || m.func === 'appInitialization.success') reply(e, [true]);
});
</script></body></html>`;
  await page.route(/\/__teams-host$/, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${options.baseUrl.replace(/\/$/, '')}/__teams-host`);
  return page.frameLocator('#tab');
}
