/**
 * Issue 16: the meeting's streams (the side panel's and the stage's) listen for the case's changes and
 * poll for changes made elsewhere for as long as the viewer stays, and not a moment longer: a viewer who
 * leaves while the first view is still being read leaves no listener, poll or heartbeat behind, and no
 * stream outlives the token it was opened with (the tab opens it again with a fresh one).
 */
import express from 'express';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MeetingService } from '../../bot/app/meeting-service';
import { CLOCK_TOLERANCE_S, tokenDeadline } from '../../bot/auth/token-expiry';
import { registerMeetingRoutes } from '../../bot/server/meeting-routes';

/** A meeting service whose reads the test lets go, counting reads and listeners. */
function fakeMeeting() {
  const held: (() => void)[] = [];
  const counts = { reads: 0, listening: 0, subscribed: 0 };
  const read = () =>
    new Promise<object>((resolve) => {
      counts.reads++;
      held.push(() => resolve({ showing: 'agenda', agenda: [] }));
    });
  const meeting = {
    stage: read,
    view: read,
    subscribe: () => {
      counts.subscribed++;
      counts.listening++;
      return () => void counts.listening--;
    },
  } as unknown as MeetingService;
  return { meeting, counts, release: () => held.splice(0).forEach((go) => go()) };
}

const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (ok: () => boolean, ms = 1000) => {
  for (let i = 0; i < ms / 10 && !ok(); i++) await tick(10);
  expect(ok()).toBe(true);
};

describe.each([
  ["the stage's stream", '/api/cases/c-1/meeting/stage/stream'],
  ["the side panel's stream", '/api/cases/c-1/meeting/stream'],
])('%s', (_what, path) => {
  let server: Server;
  let fake: ReturnType<typeof fakeMeeting>;
  beforeEach(async () => {
    fake = fakeMeeting();
    const app = express();
    registerMeetingRoutes(
      app,
      (req, _res, next) => {
        req.person = { id: 'herts-police-1' } as typeof req.person;
        next();
      },
      { meeting: fake.meeting, service: { today: () => '2026-04-13' }, pollMs: 20, heartbeatMs: 20 },
    );
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
  });
  afterEach(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  );

  const open = (headers: Record<string, string> = {}) => {
    const { port } = server.address() as AddressInfo;
    const chunks: string[] = [];
    let ended = false;
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.on('data', (c) => chunks.push(String(c)));
      res.on('end', () => (ended = true));
    });
    req.on('error', () => undefined);
    req.end();
    return { req, chunks, ended: () => ended };
  };

  it('leaves nothing behind when the viewer leaves during the first read', async () => {
    const viewer = open();
    await until(() => fake.counts.reads === 1);
    viewer.req.destroy();
    await tick();
    fake.release();
    await tick(100);
    // No listener, and no poll reading the case again for nobody.
    expect(fake.counts).toEqual({ reads: 1, listening: 0, subscribed: 0 });
  });

  it('listens and polls while the viewer stays, and stops when they leave', async () => {
    const viewer = open();
    await until(() => fake.counts.reads === 1);
    fake.release();
    await until(() => viewer.chunks.join('').includes('event: view'));
    expect(fake.counts.listening).toBe(1);
    // The poll reads again (each read let go as it comes).
    await until(() => (fake.release(), fake.counts.reads >= 3));
    viewer.req.destroy();
    await tick(60);
    fake.release();
    const reads = fake.counts.reads;
    await tick(100);
    expect(fake.counts.listening).toBe(0);
    expect(fake.counts.reads).toBeLessThanOrEqual(reads + 1);
  });

  it('ends when the token it was opened with expires (the tab opens it again with a fresh one)', async () => {
    // A token past its expiry by all but 1-2 s of the server's clock tolerance (authentication is the
    // stub above; the stream reads only the verified token's expiry).
    const exp = Math.ceil((Date.now() - CLOCK_TOLERANCE_S * 1000 + 1000) / 1000);
    const token = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.x`;
    const viewer = open({ authorization: `Bearer ${token}` });
    await until(() => fake.counts.reads === 1);
    fake.release();
    await until(() => viewer.chunks.join('').includes('event: view'));
    expect(viewer.ended()).toBe(false);
    await until(() => viewer.ended(), 3000);
    expect(fake.counts.listening).toBe(0);
  });
});

describe("a stream's deadline from its token", () => {
  const jwt = (claims: object) =>
    `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

  it('is the token expiry plus the clock tolerance the server allows', () => {
    expect(tokenDeadline(`Bearer ${jwt({ exp: 1_800_000_000 })}`)).toBe(
      (1_800_000_000 + CLOCK_TOLERANCE_S) * 1000,
    );
  });

  it('is none for no token, another scheme, a malformed token or one without an expiry', () => {
    for (const header of [undefined, 'Basic abc', 'Bearer not-a-jwt', `Bearer ${jwt({ sub: 'x' })}`])
      expect(tokenDeadline(header)).toBeUndefined();
  });
});
