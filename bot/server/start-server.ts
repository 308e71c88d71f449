import type { Server } from 'node:http';
import type { Config } from '../config';
import { loadPolicy } from '../app/load-policy';
import { listenHost, openStores } from './mode-adapters';
import { createRuntime, type Runtime } from './runtime';
import { publicDoorOpen } from '../public/wire';

export { listenHost } from './mode-adapters';

/** Starts the HTTP server and prints where everything is. */
export async function startServer(config: Config): Promise<{ server: Server; runtime: Runtime }> {
  // In m365 mode this finds the provisioned SharePoint lists first (a missing list stops start-up).
  const stores = await openStores(config, loadPolicy(config.POLICY), () => new Date());
  const runtime = createRuntime(config, { stores });
  const host = listenHost(config);
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = () => resolve(s);
    const s = runtime.listen(config.PORT, host, listening);
    s.once('error', reject);
  });
  const url = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  console.log(
    `ASB Case Review is running in ${config.APP_MODE} mode, policy "${runtime.policy.id}" (${runtime.policy.council}).`,
  );
  if (config.APP_MODE === 'local') {
    console.log(
      'LOCAL MODE: sign-in is a local pick of a configured person and bot traffic is not authenticated.',
    );
    console.log('           It is for a developer machine only; never expose this port to a network.');
    console.log(
      host === '127.0.0.1' || host === '::1' || host === 'localhost'
        ? `           Listening on ${host} only, and answering only requests addressed to localhost.`
        : `WARNING:   HOST=${host} exposes local mode's unauthenticated doors to your network. Unset HOST.`,
    );
  }
  console.log(`  workspace (tab):  ${url}/`);
  console.log(`  API (OpenAPI):    ${url}/api/openapi.json`);
  console.log(`  bot endpoint:     ${url}/api/messages`);
  console.log(`  health:           ${url}/healthz`);
  // Issue 17: the victim's own front door, when the council turns it on (on by default locally).
  if (publicDoorOpen(config))
    console.log(`  public form:      ${url}/apply  (victims and third parties apply online; no sign-in)`);
  // Teams (issue 4): the Playground (started by `npm start`) and the reminder schedule.
  if (config.APP_MODE === 'local')
    console.log(
      `  Agents Playground: ${process.env.PLAYGROUND_URL ?? 'http://localhost:56150'}/  (local Teams; \`npm start\` runs it)`,
    );
  runtime.deliveries.start(); // the outbox: side effects after each answer, retried with backoff
  const nextSweep = runtime.teams.start();
  console.log(
    `  reminders:        "${config.REMINDER_SCHEDULE}" Europe/London; next sweep ${nextSweep?.toISOString() ?? 'never'}`,
  );
  const nextRetention = runtime.schedules.retention.start();
  console.log(
    `  retention:        "${config.RETENTION_SCHEDULE}" Europe/London; closed cases purged ${runtime.policy.retention.yearsAfterClosure} years after closure unless on legal hold; next sweep ${nextRetention?.toISOString() ?? 'never'}`,
  );
  const stop = () => {
    server.close();
    void runtime.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { server, runtime };
}
