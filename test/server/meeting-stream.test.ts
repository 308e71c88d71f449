/**
 * Issue 16: the meeting's streams (the side panel's and the stage's) listen for the case's changes and
 * poll for changes made elsewhere for as long as the viewer stays, and not a moment longer: a viewer who
 * leaves while the first view is still being read leaves no listener, poll or heartbeat behind.
 */
import express from 'express';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MeetingService } from '../../bot/app/meeting-service';
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
const until = async (ok: () => boolean) => {
  for (let i = 0; i < 100 && !ok(); i++) await tick(10);
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

  const open = () => {
    const { port } = server.address() as AddressInfo;
    const chunks: string[] = [];
    const req = request({ host: '127.0.0.1', port, path }, (res) =>
      res.on('data', (c) => chunks.push(String(c))),
    );
    req.on('error', () => undefined);
    req.end();
    return { req, chunks };
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
});
