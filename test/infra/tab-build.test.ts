/**
 * `npm start` and the browser tests build the tab when it is older than what it is made from, so nobody is
 * served yesterday's tab: the tab's sources, the rules module and the API contract it bundles, the pages
 * and the Vite configs; and both pages (the workspace's and the meeting's) must be there.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TAB_BUILD_CONFIGS, tabBuildIsFresh } from '../../scripts/tab-build';

describe('whether the tab needs building', () => {
  let root: string;
  const write = (path: string, when: number) => {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'x');
    utimesSync(file, when / 1000, when / 1000);
    // A folder's own time counts too (a file removed from it): keep the folders old.
    for (let dir = dirname(file); dir.startsWith(root) && dir !== root; dir = dirname(dir))
      utimesSync(dir, 1, 1);
  };
  const sources = [
    'tab/src/main.tsx',
    'tab/index.html',
    'tab/meeting.html',
    'shared/words.ts',
    'bot/api/routes.ts',
    ...TAB_BUILD_CONFIGS,
    'tab/vite-page-config.mts',
  ];

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tab-build-'));
    for (const source of sources) write(source, 1_000_000);
    write('tab/dist/index.html', 2_000_000);
    write('tab/dist/meeting.html', 2_000_000);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is fresh when both pages were built after every source', () => {
    expect(tabBuildIsFresh(root)).toBe(true);
  });

  it.each(sources)('needs building after a change to %s', (source) => {
    write(source, 3_000_000);
    expect(tabBuildIsFresh(root)).toBe(false);
  });

  it("needs building when the meeting's page is missing (a build from before it, or a failed one)", () => {
    rmSync(join(root, 'tab/dist/meeting.html'));
    expect(tabBuildIsFresh(root)).toBe(false);
  });
});
