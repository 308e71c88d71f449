/**
 * The tab the browser tests and `npm start` serve is the build users get. Jest runs with NODE_ENV=test,
 * and Vite building under it bundled React's development build and JSX with source locations (a fifth
 * more script, much slower to run); `npm start` then served that build. tab/vite-page-config.mts makes every
 * build a production one; this builds it here, under jest's NODE_ENV, and looks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TAB_BUILD_CONFIGS } from '../../scripts/tab-build';
import { ensureBuiltTab } from '../e2e/support/built-tab';

jest.setTimeout(120_000);

it('builds the tab for production even when NODE_ENV says test', () => {
  expect(process.env.NODE_ENV).toBe('test');
  ensureBuiltTab();
  const assets = join(__dirname, '../../tab/dist/assets');
  const code = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(assets, f), 'utf8'))
    .join('\n');
  // React's production build is in (its createRoot), its development build's warnings are not; nor is
  // JSX compiled for development (jsxDEV with each element's source file). Booleans, not the bundle, on failure.
  const found = (text: string | RegExp) => (typeof text === 'string' ? code.includes(text) : text.test(code));
  expect({
    createRoot: found('createRoot'),
    reactDevelopmentWarnings: found('is deprecated in plain JavaScript React classes'),
    jsxDev: found('jsxDEV'),
    sourceLocations: found(/fileName:\s*["'`][^"'`]*tab\/src/),
  }).toEqual({ createRoot: true, reactDevelopmentWarnings: false, jsxDev: false, sourceLocations: false });
});

// Issue 16: the meeting's page is a build of its own (tab/vite-page-config.mts), so its bootstrap comes in
// one file with one style sheet, not in chunks cut to suit the workspace too: with three members' panels
// opening at once, their requests queued behind each other's and the first view took over a second.
it("builds the meeting's page on its own: one script and one style sheet before its first view", () => {
  ensureBuiltTab();
  const page = readFileSync(join(__dirname, '../../tab/dist/meeting.html'), 'utf8');
  const scripts = [...page.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
  const preloads = [...page.matchAll(/<link[^>]*rel="modulepreload"[^>]*>/g)];
  const sheets = [...page.matchAll(/<link[^>]*rel="stylesheet"[^>]*>/g)];
  expect({ scripts: scripts.length, preloads: preloads.length, sheets: sheets.length }).toEqual({
    scripts: 1,
    preloads: 0,
    sheets: 1,
  });
  // The bootstrap imports nothing else up front (its later parts are dynamic imports).
  const bootstrap = readFileSync(join(__dirname, '../../tab/dist', scripts[0]!), 'utf8');
  expect(bootstrap).not.toMatch(/^import\s*[{\w*]/m);
  expect(bootstrap).not.toMatch(/\bfrom\s*"\.\/[^"]+\.js"/);
  // Nor React (it comes after the first view, with meeting-app): its production build names this symbol.
  expect(bootstrap.includes('react.transitional.element')).toBe(false);
  const app = readdirSync(join(__dirname, '../../tab/dist/assets')).find((f) =>
    /^meeting-app-.*\.js$/.test(f),
  );
  expect(readFileSync(join(__dirname, '../../tab/dist/assets', app!), 'utf8')).toContain(
    'react.transitional.element',
  );
});

it('package.json builds the tab as the browser tests build it', () => {
  const scripts = (
    JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  expect(scripts['build:tab']).toBe(TAB_BUILD_CONFIGS.map((c) => `vite build --config ${c}`).join(' && '));
});
