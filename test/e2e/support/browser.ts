import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Chromium for the end-to-end tests, through playwright-core. The browser is found through CHROME_PATH,
 * the usual install paths, or Playwright's own browser cache; where there is none, `npm test` asks
 * Playwright's installer for one first (global-setup.ts), and where that cannot work it says what to run.
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

/** The command that fetches Playwright's Chromium into its cache (it needs the internet). */
export const INSTALL_COMMAND = 'npx playwright-core install chromium';

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

/** Where this machine looks for a browser; injectable so a test can stand in for a fresh machine. */
export interface BrowserPlaces {
  env: NodeJS.ProcessEnv;
  exists: (path: string) => boolean;
  /** Entries of a folder, or none when it is not there. */
  list: (dir: string) => string[];
  /** Playwright's browser cache (PLAYWRIGHT_BROWSERS_PATH, else the platform's). */
  playwrightCache: string;
  /** Where this playwright-core version puts its own Chromium. */
  playwrightChromium: string;
}

/** Playwright's cache folder as its installer chooses it (docs: "Managing browser binaries"). */
export function playwrightCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PLAYWRIGHT_BROWSERS_PATH && env.PLAYWRIGHT_BROWSERS_PATH !== '0')
    return env.PLAYWRIGHT_BROWSERS_PATH;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'ms-playwright');
  if (process.platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'ms-playwright');
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'ms-playwright');
}

export function thisMachine(env: NodeJS.ProcessEnv = process.env): BrowserPlaces {
  return {
    env,
    exists: existsSync,
    list: (dir) => {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    },
    playwrightCache: playwrightCacheDir(env),
    playwrightChromium: chromium.executablePath(),
  };
}

/** Chromium builds in Playwright's cache, whichever Playwright version put them there; newest first. */
function cachedChromiums(places: BrowserPlaces): string[] {
  const builds = places
    .list(places.playwrightCache)
    .filter((d) => /^chromium(_headless_shell)?-\d+$/.test(d));
  const number = (d: string) => Number(d.slice(d.lastIndexOf('-') + 1));
  // Full Chromium before the headless shell, then newest first.
  builds.sort((a, b) => Number(a.includes('shell')) - Number(b.includes('shell')) || number(b) - number(a));
  const inside = [
    ['chrome-linux', 'chrome'],
    ['chrome-linux64', 'chrome'],
    ['chrome-linux', 'headless_shell'],
    ['chrome-headless-shell-linux64', 'chrome-headless-shell'],
    ['chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'],
    ['chrome-mac-arm64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
    ['chrome-win', 'chrome.exe'],
    ['chrome-win64', 'chrome.exe'],
  ];
  return builds.flatMap((b) => inside.map((parts) => join(places.playwrightCache, b, ...parts)));
}

/** Every place looked at, in order (after CHROME_PATH). */
export function browserPaths(places: BrowserPlaces): string[] {
  return [...CHROME_CANDIDATES, places.playwrightChromium, ...cachedChromiums(places)];
}

/** The browser to drive: CHROME_PATH when set (it must exist), else the first place that has one. */
export function locateChrome(places: BrowserPlaces = thisMachine()): string | undefined {
  const configured = places.env.CHROME_PATH?.trim();
  if (configured) {
    if (places.exists(configured)) return configured;
    throw new Error(
      `CHROME_PATH is set to "${configured}", but there is no file there. Point CHROME_PATH at a Chromium or Chrome executable, or unset it.`,
    );
  }
  return browserPaths(places).find((p) => places.exists(p));
}

/** What to run when there is no browser: said the same way by the global setup and by each test. */
export function noBrowserMessage(places: BrowserPlaces, why?: string): string {
  return [
    'No Chromium-family browser was found for the browser tests.',
    ...(why ? [why] : []),
    `Looked at CHROME_PATH, ${CHROME_CANDIDATES.length} usual install paths and Playwright's cache (${places.playwrightCache}).`,
    'Do one of these, then run `npm test` again:',
    `  ${INSTALL_COMMAND}            (Playwright's Chromium, into its cache; needs the internet;`,
    '                                                add `--with-deps` on Linux for its system libraries)',
    '  sudo apt-get install chromium                  (Debian or Ubuntu: /usr/bin/chromium)',
    '  export CHROME_PATH=/path/to/chrome             (a Chrome or Chromium you already have)',
  ].join('\n');
}

/** The browser to drive, or an error that says exactly what to run. */
export function findChrome(places: BrowserPlaces = thisMachine()): string {
  const found = locateChrome(places);
  if (found) return found;
  throw new Error(noBrowserMessage(places));
}

/** Runs Playwright's installer; resolves to its exit status and the last of what it printed. */
export type Installer = () => { ok: boolean; output: string };

export const playwrightInstaller: Installer = () => {
  const cli = join(dirname(require.resolve('playwright-core/package.json')), 'cli.js');
  const run = spawnSync(process.execPath, [cli, 'install', 'chromium', '--no-shell'], {
    encoding: 'utf8',
    // A download that stalls must not hold up the whole test run.
    timeout: 10 * 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? String(run.error) : ''}`;
  // The error lines, not the stack under them.
  const lines = output.trim().split('\n');
  const errors = lines.filter((l) => /error|fail/i.test(l) && !/^\s+at /.test(l));
  return { ok: run.status === 0, output: (errors.length ? errors.slice(0, 2) : lines.slice(-3)).join('\n') };
};

/**
 * Before the browser tests: a browser that is here already is used; where there is none, Playwright's
 * installer fetches one (unless PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD says not to); where that fails, the
 * message says what to run. Never throws: the tests that need no browser still run.
 */
export function ensureBrowser(
  places: BrowserPlaces = thisMachine(),
  install: Installer = playwrightInstaller,
  say: (line: string) => void = (line) => console.warn(line),
): { path?: string; installed: boolean } {
  let found: string | undefined;
  try {
    found = locateChrome(places);
  } catch (err) {
    say((err as Error).message);
    return { installed: false };
  }
  if (found) return { path: found, installed: false };
  const skip = places.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD;
  if (skip && skip !== '0') {
    say(noBrowserMessage(places, 'PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD is set, so none was downloaded.'));
    return { installed: false };
  }
  say(`No Chromium-family browser found; fetching Playwright's Chromium (${INSTALL_COMMAND}) ...`);
  const result = install();
  const path = result.ok ? locateChrome(places) : undefined;
  if (path) {
    say(`Playwright's Chromium is installed: ${path}`);
    return { path, installed: true };
  }
  say(noBrowserMessage(places, `Playwright's installer could not fetch one:\n  ${result.output}`));
  return { installed: false };
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

/** WCAG 2.2 AA and everything below it, as axe tags them (issue 15 asks for the wcag22aa tags). */
export const WCAG22AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

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
export async function axeScan(
  page: Page,
  options: { all?: boolean; tags?: string[] } = {},
): Promise<AxeFinding[]> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const builder = new AxeBuilder({ page }).exclude('[data-tabster-dummy]');
  const result = await (options.tags ? builder.withTags(options.tags) : builder).analyze();
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
  frameContext?: 'content' | 'settings' | 'sidePanel' | 'meetingStage';
  channelName?: string;
  /** Issue 16: a meeting's id and chat, as Teams gives them to the meeting's surfaces. */
  meetingId?: string;
  chatId?: string;
  /**
   * Route the host page once only. Any route makes Playwright pause every request of the page (the tab's
   * scripts and API calls too) until this Node process, which also runs the server, lets it go on; Teams
   * does nothing of the kind, so benches that time the tab's requests set this (no reload then).
   */
  routeHostOnce?: boolean;
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
      ...(options.meetingId ? { meeting: {} } : {}),
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
    ...(options.meetingId
      ? { meetingId: options.meetingId, chatId: options.chatId ?? '19:meeting_chat@thread.v2' }
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
  else if (m.func === 'meeting.shareAppContentToStage') reply(e, [null, true]);
  else if (m.func === 'meeting.getAppContentStageSharingCapabilities') reply(e, [null, { doesAppHaveSharePermission: true }]);
});
</script></body></html>`;
  await page.route(
    /\/__teams-host$/,
    (route) => route.fulfill({ contentType: 'text/html', body: html }),
    options.routeHostOnce ? { times: 1 } : {},
  );
  await page.goto(`${options.baseUrl.replace(/\/$/, '')}/__teams-host`);
  return page.frameLocator('#tab');
}
