import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the tab's build is made from and what it makes, for `npm start` and the browser tests, which build
 * the tab when it is older than its sources (users get the built tab; so do the tests).
 */

/** The tab's builds, in order: the workspace's (it empties tab/dist), then the meeting page's (issue 16). */
export const TAB_BUILD_CONFIGS = ['tab/vite.config.mts', 'tab/vite.meeting.config.mts'];

/** What goes into the build: the tab, the rules module and the API contract it bundles, and the configs. */
const SOURCES = [
  'tab/src',
  'tab/index.html',
  'tab/meeting.html',
  'shared',
  'bot/api',
  ...TAB_BUILD_CONFIGS,
  'tab/vite-page-config.mts',
];

/** The pages the build makes. */
const PAGES = ['tab/dist/index.html', 'tab/dist/meeting.html'];

/** The newest modification time under a path (a file, or a folder walked recursively); 0 if absent. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

/** Whether tab/dist holds both pages, each built after the last change to any source. */
export function tabBuildIsFresh(root: string): boolean {
  const sources = Math.max(...SOURCES.map((p) => newest(join(root, p))));
  return PAGES.every((page) => existsSync(join(root, page)) && statSync(join(root, page)).mtimeMs >= sources);
}
