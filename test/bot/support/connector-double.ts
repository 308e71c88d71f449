/**
 * A loopback double of the Bot Framework connector (what Teams, or the Agents Playground, serves at the
 * activity's serviceUrl): create conversations, send and update activities, page the team's members.
 * Failures can be queued per route to test 429 retries and stale references.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

export interface ConnectorDouble {
  serviceUrl: string;
  calls: ConnectorCall[];
  members: { id: string; aadObjectId: string; name: string }[];
  /** Status codes to answer the next calls with (then normal service resumes). */
  failNext: { status: number; match?: RegExp; retryAfter?: string }[];
  close(): Promise<void>;
}

export async function startConnectorDouble(): Promise<ConnectorDouble> {
  const calls: ConnectorCall[] = [];
  const failNext: ConnectorDouble['failNext'] = [];
  const members: ConnectorDouble['members'] = [];
  let n = 0;
  const app = express();
  app.use(express.json());
  app.use((req, res, next) => {
    calls.push({
      method: req.method,
      path: decodeURIComponent(req.path),
      body: req.body as Record<string, unknown>,
    });
    const i = failNext.findIndex(
      (f) => !f.match || f.match.test(`${req.method} ${decodeURIComponent(req.path)}`),
    );
    if (i >= 0) {
      const [f] = failNext.splice(i, 1);
      if (f!.retryAfter) res.setHeader('Retry-After', f!.retryAfter);
      res.status(f!.status).json({ error: { code: 'Failure', message: `double answered ${f!.status}` } });
      return;
    }
    next();
  });
  app.post('/v3/conversations', (req, res) => {
    n++;
    const body = req.body as { isGroup?: boolean; channelData?: { channel?: { id?: string } } };
    if (body.isGroup) {
      const id = `${body.channelData?.channel?.id};messageid=${1000 + n}`;
      res.status(201).json({ id, activityId: String(1000 + n) });
    } else res.status(201).json({ id: `a:personal-${n}` });
  });
  app.post('/v3/conversations/:id/activities', (_req, res) => {
    n++;
    res.status(201).json({ id: String(2000 + n) });
  });
  app.post('/v3/conversations/:id/activities/:activityId', (_req, res) => {
    n++;
    res.status(201).json({ id: String(2000 + n) });
  });
  app.put('/v3/conversations/:id/activities/:activityId', (req, res) => {
    res.status(200).json({ id: req.params.activityId });
  });
  app.get('/v3/conversations/:id/pagedmembers', (_req, res) => {
    res.json({ members: members.map((m) => ({ ...m, userRole: 'user' })) });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls,
    members,
    failNext,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
