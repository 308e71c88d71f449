import { loadConfig, ConfigError } from './config';
import { startServer } from './server/start-server';

/** The composition root's entry: validate the configuration, then serve. */
async function main(): Promise<void> {
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
  await startServer(config);
}

void main();
