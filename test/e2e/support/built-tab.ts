import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { TAB_BUILD_CONFIGS, tabBuildIsFresh } from '../../../scripts/tab-build';

const root = join(__dirname, '../../..');

/**
 * Makes sure tab/dist holds a build of the current sources (the browser tests run against the built tab,
 * as users do). Builds at most once per change, so several test files can call it.
 */
export function ensureBuiltTab(): void {
  if (tabBuildIsFresh(root)) return;
  // Built as `npm run build:tab` builds it (each page a build of its own, tab/vite-page-config.mts), with
  // Vite's warnings shown.
  for (const config of TAB_BUILD_CONFIGS)
    execFileSync('npx', ['vite', 'build', '--config', config, '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
}
