import { ConfigError, loadConfig } from './config';
import { startServer } from './server/start-server';

/** The entry point: validate the configuration, then serve. A setting or policy problem stops start-up clearly. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  await startServer(config);
}

main().catch((err: unknown) => {
  // Configuration, policy, people-file and provisioning errors carry their own full explanation.
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(err instanceof ConfigError ? 2 : 1);
});
