import express from 'express';
import type { Server } from 'node:http';
import type { Config } from '../config';

/** Starts the HTTP server and prints where everything is. */
export async function startServer(config: Config): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', mode: config.APP_MODE });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.PORT, () => resolve(s));
  });
  const url = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  console.log(`ASB Case Review is running in ${config.APP_MODE} mode.`);
  if (config.APP_MODE === 'local')
    console.log(
      'LOCAL MODE: no sign-in is checked and nothing leaves this machine. Never expose it to a network.',
    );
  console.log(`  health:  ${url}/healthz`);
  return server;
}
