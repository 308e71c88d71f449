/**
 * The server's lane for card actions (bot/server/bot-lane.ts) answers what it takes exactly as the
 * express route would, and leaves everything else to express. Each request is sent twice to the real local
 * server: with a stated length (the lane may take it) and chunked (the lane never does, so express
 * answers); the status, body and headers must be the same.
 */
import { request } from 'node:http';
import { startLocalServer, type LocalServer } from '../support/local-server';

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({ now: () => new Date('2026-03-02T10:00:00Z') });
});
afterAll(() => server.close());

interface Raw {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A POST to /api/messages with the bytes given, chunked or with its length stated. */
function post(bytes: Buffer, options: { chunked?: boolean; headers?: Record<string, string> } = {}) {
  const { port } = new URL(server.base);
  return new Promise<Raw>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/messages',
        headers: {
          'content-type': 'application/json',
          ...(options.chunked ? {} : { 'content-length': String(bytes.length) }),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), headers: res.headers }),
        );
      },
    );
    req.on('error', reject);
    if (options.chunked) {
      // Two writes without a length: node sends it chunked.
      req.write(bytes.subarray(0, 1));
      req.end(bytes.subarray(1));
    } else req.end(bytes);
  });
}

/** The headers that may differ between two answers to the same request. */
const comparable = (headers: Raw['headers']) => {
  const { date: _d, connection: _c, 'keep-alive': _k, 'transfer-encoding': _t, ...rest } = headers;
  return rest;
};

async function sameBothWays(bytes: Buffer, headers?: Record<string, string>): Promise<Raw> {
  const lane = await post(bytes, { headers });
  const viaExpress = await post(bytes, { headers, chunked: true });
  expect({ status: lane.status, body: lane.body }).toEqual({
    status: viaExpress.status,
    body: viaExpress.body,
  });
  expect(comparable(lane.headers)).toEqual(comparable(viaExpress.headers));
  return lane;
}

const invoke = (actionType: string) => ({
  type: 'invoke',
  name: 'adaptiveCard/action',
  id: 'invoke-1',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:1/',
  from: { id: '29:police' },
  conversation: { id: '19:cases@thread.tacv2' },
  value: { action: { type: actionType, verb: 'submitReturn', data: {} } },
});

describe('POST /api/messages: the lane before express answers as express does', () => {
  it('answers a card action that is not Action.Execute with botbuilder words, with the security headers', async () => {
    const answer = await sameBothWays(Buffer.from(JSON.stringify(invoke('Action.Submit'))));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ value: { code: 'NotSupported' } });
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a body that is not JSON, or JSON that is not an object, in the same words', async () => {
    for (const text of ['{"type": "invoke"', '"invoke"', '42', 'null']) {
      const answer = await sameBothWays(Buffer.from(text));
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({
        error: { code: 'invalid', message: 'The body is not valid JSON.' },
      });
    }
  });

  it('hands what is not a card action to the bot route: an empty body or one without a type', async () => {
    for (const text of ['', '{}', '{"type":""}', '[]']) {
      const answer = await sameBothWays(Buffer.from(text));
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'invalid' } });
    }
  });

  it('reads a body with a byte order mark as express does', async () => {
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(JSON.stringify(invoke('Action.Submit'))),
    ]);
    expect((await sameBothWays(bom)).status).toBe(400);
  });

  it('leaves to express a request addressed to another host (local mode refuses it), a body too large, or another type', async () => {
    const body = Buffer.from(JSON.stringify(invoke('Action.Submit')));
    const elsewhere = await post(body, { headers: { host: 'attacker.example' } });
    expect(elsewhere.status).toBe(421);
    const tooLarge = await post(Buffer.from(`{"type":"invoke","pad":"${'x'.repeat(1_100_000)}"}`));
    expect(tooLarge.status).toBe(413);
    const text = await post(body, { headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(400);
    expect(JSON.parse(text.body)).toMatchObject({ error: { message: /no type/ } });
  });
});
