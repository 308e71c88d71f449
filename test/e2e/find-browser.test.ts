/**
 * A fresh machine: the browser tests find a Chromium-family browser wherever one usually is, fetch one
 * with Playwright's installer where there is none, and otherwise say exactly what to run.
 */
import { join } from 'node:path';
import {
  CHROME_CANDIDATES,
  ensureBrowser,
  findChrome,
  INSTALL_COMMAND,
  type BrowserPlaces,
} from './support/browser';

const cache = '/home/newcomer/.cache/ms-playwright';
const pinned = join(cache, 'chromium-1255', 'chrome-linux64', 'chrome');

/** A machine with these files (and the folders above them). */
function machine(files: string[], env: NodeJS.ProcessEnv = {}): BrowserPlaces & { files: Set<string> } {
  const set = new Set(files);
  return {
    files: set,
    env,
    exists: (p) => set.has(p),
    list: (dir) => [
      ...new Set(
        [...set].filter((f) => f.startsWith(`${dir}/`)).map((f) => f.slice(dir.length + 1).split('/')[0]!),
      ),
    ],
    playwrightCache: cache,
    playwrightChromium: pinned,
  };
}

describe('finding a browser for the browser tests', () => {
  it('uses CHROME_PATH first, and says plainly when it points at nothing', () => {
    expect(
      findChrome(machine(['/opt/my/chrome', '/usr/bin/chromium'], { CHROME_PATH: '/opt/my/chrome' })),
    ).toBe('/opt/my/chrome');
    expect(() => findChrome(machine(['/usr/bin/chromium'], { CHROME_PATH: '/nowhere/chrome' }))).toThrow(
      /CHROME_PATH is set to "\/nowhere\/chrome", but there is no file there/,
    );
  });

  it('finds Debian\u2019s chromium and the other usual paths', () => {
    expect(findChrome(machine(['/usr/bin/chromium']))).toBe('/usr/bin/chromium');
    expect(findChrome(machine(['/usr/bin/google-chrome-stable']))).toBe('/usr/bin/google-chrome-stable');
  });

  it('finds Playwright\u2019s own Chromium in its cache, whichever Playwright version put it there', () => {
    expect(findChrome(machine([pinned]))).toBe(pinned);
    const older = join(cache, 'chromium-1140', 'chrome-linux', 'chrome');
    const newer = join(cache, 'chromium-1161', 'chrome-linux', 'chrome');
    expect(findChrome(machine([older, newer]))).toBe(newer);
    const shell = join(cache, 'chromium_headless_shell-1161', 'chrome-linux', 'headless_shell');
    expect(findChrome(machine([shell]))).toBe(shell);
    expect(findChrome(machine([shell, older]))).toBe(older);
  });

  it('with none anywhere, says exactly what to run', () => {
    expect(() => findChrome(machine([]))).toThrow(INSTALL_COMMAND);
    expect(() => findChrome(machine([]))).toThrow(/apt-get install chromium/);
    expect(() => findChrome(machine([]))).toThrow(/CHROME_PATH/);
  });
});

describe('before the tests run (global setup)', () => {
  const quiet = () => {
    const lines: string[] = [];
    return { lines, say: (l: string) => void lines.push(l) };
  };

  it('runs no installer when a browser is there', () => {
    const install = jest.fn(() => ({ ok: true, output: '' }));
    expect(ensureBrowser(machine([CHROME_CANDIDATES[0]!]), install, quiet().say)).toEqual({
      path: CHROME_CANDIDATES[0],
      installed: false,
    });
    expect(install).not.toHaveBeenCalled();
  });

  it('fetches Playwright\u2019s Chromium on a fresh machine, and the tests then find it', () => {
    const m = machine([]);
    const install = jest.fn(() => {
      m.files.add(pinned);
      return { ok: true, output: 'Chromium downloaded' };
    });
    const out = quiet();
    expect(ensureBrowser(m, install, out.say)).toEqual({ path: pinned, installed: true });
    expect(install).toHaveBeenCalledTimes(1);
    expect(findChrome(m)).toBe(pinned);
  });

  it('where the installer cannot fetch one (no network), says why and what to run, without throwing', () => {
    const out = quiet();
    const result = ensureBrowser(
      machine([]),
      () => ({ ok: false, output: 'Error: getaddrinfo ENOTFOUND cdn.playwright.dev' }),
      out.say,
    );
    expect(result).toEqual({ installed: false });
    const said = out.lines.join('\n');
    expect(said).toContain('ENOTFOUND cdn.playwright.dev');
    expect(said).toContain(INSTALL_COMMAND);
    expect(said).toContain('sudo apt-get install chromium');
  });

  it('respects PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD', () => {
    const install = jest.fn(() => ({ ok: true, output: '' }));
    const out = quiet();
    ensureBrowser(machine([], { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' }), install, out.say);
    expect(install).not.toHaveBeenCalled();
    expect(out.lines.join('\n')).toMatch(
      /PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD is set[\s\S]*npx playwright-core install chromium/,
    );
  });
});
