import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphApi } from '../../bot/adapters/graph/graph-client';
import { GraphTeamsChannels } from '../../bot/adapters/graph/teams-channels';
import { staticToken } from '../../bot/adapters/graph/token-provider';

/** A loopback double of the Graph channels API: enough of POST/GET /teams/{id}/channels. */
function graphDouble() {
  const channels: { id: string; displayName: string; description?: string; membershipType?: string }[] = [];
  const requests: { method: string; url: string; auth?: string; body?: unknown }[] = [];
  let throttleNext = 0;
  const app = express();
  app.use(express.json());
  app.use((req, _res, next) => {
    requests.push({ method: req.method, url: req.url, auth: req.headers.authorization, body: req.body });
    next();
  });
  app.use((_req, res, next) => {
    if (throttleNext > 0) {
      throttleNext--;
      res
        .status(429)
        .setHeader('Retry-After', '0')
        .json({ error: { code: 'TooManyRequests', message: 'slow down' } });
      return;
    }
    next();
  });
  app.get('/v1.0/teams/:team/channels', (req, res) => {
    const filter = String(req.query.$filter ?? '');
    const m = /^displayName eq '((?:[^']|'')*)'$/.exec(filter);
    const name = m ? m[1]!.replace(/''/g, "'") : undefined;
    res.json({ value: channels.filter((c) => !name || c.displayName.toLowerCase() === name.toLowerCase()) });
  });
  app.post('/v1.0/teams/:team/channels', (req, res) => {
    const body = req.body as { displayName: string; description?: string; membershipType?: string };
    if (body.displayName.length > 50)
      return void res.status(400).json({ error: { code: 'BadRequest', message: 'too long' } });
    if (channels.some((c) => c.displayName.toLowerCase() === body.displayName.toLowerCase()))
      return void res
        .status(409)
        .json({ error: { code: 'NameAlreadyExists', message: 'Channel name already existed' } });
    const channel = { id: `19:${channels.length + 1}@thread.tacv2`, ...body };
    channels.push(channel);
    res.status(201).json(channel);
  });
  return { app, channels, requests, throttle: (n: number) => (throttleNext = n) };
}

describe('Graph channels (the m365 Workspace)', () => {
  let server: Server;
  let double: ReturnType<typeof graphDouble>;
  let workspace: GraphTeamsChannels;

  beforeEach(async () => {
    double = graphDouble();
    server = await new Promise<Server>((resolve) => {
      const s = double.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const graph = new GraphApi({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`,
      tokens: staticToken('app-only-token'),
      sleep: async () => {},
    });
    workspace = new GraphTeamsChannels(graph, '00000000-0000-4000-8000-0000000c5a1e');
  });
  afterEach(() => new Promise((resolve) => server.close(resolve)));

  it('creates a standard channel with an app-only token', async () => {
    const channel = await workspace.createChannel('CT-2026-0001 Noise', 'ASB case review CT-2026-0001');
    expect(channel).toEqual({ channelId: '19:1@thread.tacv2', name: 'CT-2026-0001 Noise' });
    const post = double.requests.find((r) => r.method === 'POST')!;
    expect(post.url).toBe('/v1.0/teams/00000000-0000-4000-8000-0000000c5a1e/channels');
    expect(post.auth).toBe('Bearer app-only-token');
    expect(post.body).toEqual({
      displayName: 'CT-2026-0001 Noise',
      description: 'ASB case review CT-2026-0001',
      membershipType: 'standard',
    });
  });

  it('finds a channel by its exact name (quotes escaped), or nothing', async () => {
    await workspace.createChannel("CT-2026-0002 O'Brien Court", 'x');
    expect(await workspace.findChannel("CT-2026-0002 O'Brien Court")).toEqual({
      channelId: '19:1@thread.tacv2',
      name: "CT-2026-0002 O'Brien Court",
    });
    expect(await workspace.findChannel('CT-2026-0003')).toBeNull();
  });

  it('uses the existing channel when the name is taken (another instance made it)', async () => {
    await workspace.createChannel('CT-2026-0004', 'x');
    expect(await workspace.createChannel('CT-2026-0004', 'x')).toEqual({
      channelId: '19:1@thread.tacv2',
      name: 'CT-2026-0004',
    });
    expect(double.channels).toHaveLength(1);
  });

  it('retries when Graph throttles', async () => {
    double.throttle(2);
    expect((await workspace.createChannel('CT-2026-0005', 'x')).channelId).toBe('19:1@thread.tacv2');
  });
});
