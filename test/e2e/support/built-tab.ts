import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const index = join(root, 'tab/dist/index.html');
// Issue 16: the meeting's own page, built with the workspace.
const meeting = join(root, 'tab/dist/meeting.html');

/** The tab's builds, in order: the workspace's (it empties tab/dist), then the meeting page's. */
export const TAB_BUILD_CONFIGS = ['tab/vite.config.mts', 'tab/vite.meeting.config.mts'];

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Makes sure tab/dist holds a build of the current sources (the browser tests run against the built tab,
 * as users do). Builds at most once per change, so several test files can call it.
 */
export function ensureBuiltTab(): void {
  const sources = Math.max(
    newest(join(root, 'tab/src')),
    newest(join(root, 'shared')),
    // The tab's contract with the server (its route table and error codes are in the bundle).
    newest(join(root, 'bot/api')),
    statSync(join(root, 'tab/index.html')).mtimeMs,
    statSync(join(root, 'tab/meeting.html')).mtimeMs,
    ...[...TAB_BUILD_CONFIGS, 'tab/vite-page-config.mts'].map((file) => statSync(join(root, file)).mtimeMs),
  );
  const built = [index, meeting].every((page) => existsSync(page) && statSync(page).mtimeMs >= sources);
  if (built) return;
  // Built as `npm run build:tab` builds it (each page a build of its own, tab/vite-page-config.mts), warnings shown.
  for (const config of TAB_BUILD_CONFIGS)
    execFileSync('npx', ['vite', 'build', '--config', config, '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
}
