/**
 * The tab the browser tests and `npm start` serve is the build users get. Jest runs with NODE_ENV=test,
 * and Vite building under it bundled React's development build and JSX with source locations (a fifth
 * more script, much slower to run); `npm start` then served that build. tab/vite.config.ts makes every
 * build a production one; this builds it here, under jest's NODE_ENV, and looks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
