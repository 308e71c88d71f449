/**
 * `npm start`: the whole product on one machine, with no tenant and no network. In local mode (the
 * default) it builds the tab when its sources are newer than tab/dist, starts the server (port 3978) and
 * the Microsoft 365 Agents Playground as the Teams client (port 56150), then "installs" the app in the
 * Playground's team. The Playground's mock tenant is made from the policy in force and written to
 * DATA_DIR/playground/.m365agentsplayground.yml: its users are the sample people, each of the agency their
 * name says; PLAYGROUND_USER (an agency id or person id) chooses who you are, a police member by default.
 * The banner says who you are and how to be someone else. Ctrl-C stops both. With APP_MODE=m365 (App
 * Service runs `npm start`) it starts the server only.
 *
 * `npm start -- --write-playground-config` rewrites the project's own .m365agentsplayground.yml (for
 * tools that start the Playground from the project folder) for POLICY, and exits.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  installInPlaygroundTeam,
  PLAYGROUND_DEFAULT_PORT,
  waitForHttp,
} from '../bot/adapters/local/playground';
import { playgroundBanner, writePlaygroundConfig } from '../bot/adapters/local/playground-config';
import { loadPolicy } from '../bot/app/load-policy';
import { ConfigError, loadConfig } from '../bot/config';
import { startServer } from '../bot/server/start-server';
import { tabBuildIsFresh } from './tab-build';

const root = join(__dirname, '..');

function buildTabIfStale(): void {
  if (tabBuildIsFresh(root)) return;
  const scripts = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }
  ).scripts;
  if (!scripts?.['build:tab']) {
    console.warn(
      'start: the tab is not built and there is no "build:tab" script yet; the workspace page will be missing.',
    );
    return;
  }
  console.log('start: building the tab (its sources changed since the last build)...');
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build:tab'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0)
    console.warn(
      'start: the tab build failed (its output is above); the server starts anyway, without the pages the build did not make.',
    );
}

function startPlayground(botPort: number, port: number, cwd: string): ChildProcess {
  const cli = join(dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
  const child = spawn(
    process.execPath,
    [
      cli,
      '-e',
      `http://127.0.0.1:${botPort}/api/messages`,
      '-c',
      'msteams',
      '--disable-telemetry',
      '-p',
      String(port),
    ],
    // The Playground reads .m365agentsplayground.yml from its working folder; no browser is opened.
    { cwd, env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter((line) => line.trim())
      .forEach((line) => console.log(`[playground] ${line}`));
  child.stdout?.on('data', prefix);
  child.stderr?.on('data', prefix);
  return child;
}

async function main(): Promise<void> {
  process.env.APP_MODE ||= 'local';
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  if (config.APP_MODE !== 'local') {
    // Production (App Service runs `npm start`): the server only, as bot/main.ts; never the Playground.
    await startServer(config);
    return;
  }
  const policy = loadPolicy(config.POLICY);
  if (process.argv.includes('--write-playground-config')) {
    writePlaygroundConfig(root, policy, process.env.PLAYGROUND_USER);
    console.log(`start: wrote .m365agentsplayground.yml for the "${policy.id}" policy.`);
    return;
  }
  // Who you are in the Playground, and its mock tenant, from the policy in force.
  const playgroundDir = resolve(config.DATA_DIR, 'playground');
  let cast;
  try {
    cast = writePlaygroundConfig(playgroundDir, policy, process.env.PLAYGROUND_USER);
  } catch (err) {
    console.error(`start: ${(err as Error).message}`);
    process.exit(2);
  }
  buildTabIfStale();

  const port = Number(process.env.PLAYGROUND_PORT ?? PLAYGROUND_DEFAULT_PORT);
  const playgroundUrl = `http://localhost:${port}`;
  process.env.PLAYGROUND_URL = playgroundUrl; // for the banner
  await startServer(config); // its SIGINT/SIGTERM handlers close the server, then exit
  const playground = startPlayground(config.PORT, port, playgroundDir);
  let stopping = false;
  // On exit (Ctrl-C included) the Playground goes too.
  process.once('exit', () => {
    stopping = true;
    if (playground.exitCode === null) playground.kill();
  });
  playground.once('exit', (code) => {
    if (!stopping)
      console.error(
        `start: the Agents Playground stopped (exit ${code}); see ${join(playgroundDir, 'devTools/m365agentsplayground.log')}. The server keeps running.`,
      );
  });
  try {
    await waitForHttp(`${playgroundUrl}/`, 60_000);
    await installInPlaygroundTeam(playgroundUrl);
    console.log('');
    for (const line of playgroundBanner(policy, cast, playgroundUrl)) console.log(line);
    console.log(
      `Workspace (tab):   http://localhost:${config.PORT}/  (sign in as Sam Patel, the SPOC, to open a case)`,
    );
    console.log('Keep the Playground page open: it shows messages only while it is open. Ctrl-C stops both.');
  } catch (err) {
    console.error(`start: the Agents Playground did not come up: ${(err as Error).message}`);
  }
}

void main();
