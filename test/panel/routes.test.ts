import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IcsCalendar } from '../../bot/adapters/local/ics-calendar';
import { LetterService } from '../../bot/app/letter-service';
import { PanelService } from '../../bot/app/panel-service';
import { loadConfig } from '../../bot/config';
import { registerLetterRoutes } from '../../bot/server/letter-routes';
import { registerPanelRoutes } from '../../bot/server/panel-routes';
import { createRuntime, type Runtime } from '../../bot/server/runtime';
import { apiClient } from '../support/api-client';
import { sampleApplication } from '../support/case-builder';

/**
 * The letter and panel routes as the tab calls them: the real runtime (local mode, SQLite in a temp folder)
 * with the routes mounted through the http app's `extensions` hook, the way runtime.ts will mount them.
 */
describe('letter and panel routes (local mode)', () => {
  let dir: string;
  let runtime: Runtime;
  let server: Server;
  let base: string;
  let now = new Date('2026-03-02T10:00:00Z');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'asb-routes-'));
    const services: { letters?: LetterService; panel?: PanelService } = {};
    runtime = createRuntime(loadConfig({ APP_MODE: 'local', DATA_DIR: dir, POLICY: 'east-herts' }), {
      now: () => now,
      log: () => {},
      http: {
        extensions: [
          (app, authenticate) => {
            // The services are made once the runtime exists; the routes read them per request.
            registerLetterRoutes(app, authenticate, {
              get letters() {
                return services.letters!;
              },
            });
            registerPanelRoutes(app, authenticate, {
              get panel() {
                return services.panel!;
              },
              get service() {
                return runtime.service;
              },
            });
          },
        ],
      },
    });
    const common = {
      service: runtime.service,
      cases: runtime.stores.cases,
      files: runtime.stores.files,
      policy: runtime.policy,
      directory: runtime.directory,
      now: () => now,
    };
    services.letters = new LetterService(common);
    services.panel = new PanelService({
      ...common,
      calendar: new IcsCalendar({
        organiser: { email: 'sam.patel@council.example', name: 'Sam Patel' },
        now: () => now,
      }),
    });
    server = await new Promise<Server>((resolve) => {
      const s = runtime.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const signIn = (personId: string) => apiClient(base).signIn(personId);
  const call = (token: string | undefined, method: string, path: string, body?: unknown) =>
    apiClient(base).call(token, method, path, body);

  async function openCase(spoc: string) {
    const res = await call(spoc, 'POST', '/api/cases', {
      requestId: randomUUID(),
      receivedVia: 'email',
      agencies: ['ehc', 'herts-police', 'social-housing'],
      parties: { victim: { name: 'A. Victim', email: 'victim@example.org' } },
      application: sampleApplication('2026-03-02', ['2026-01-05', '2026-01-20', '2026-02-10']),
    });
    return res.body as { caseId: string; reference: string };
  }

  it('needs a sign-in, and a SPOC or manager', async () => {
    const spoc = await signIn('spoc-1');
    const { caseId } = await openCase(spoc);
    expect((await call(undefined, 'GET', `/api/cases/${caseId}/letters`)).status).toBe(401);
    const agency = await signIn('herts-police-1');
    const refused = await call(agency, 'POST', `/api/cases/${caseId}/letters/ct1`, {
      requestId: randomUUID(),
    });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect(
      (await call(agency, 'POST', `/api/cases/${caseId}/panel/papers`, { requestId: randomUUID() })).status,
    ).toBe(403);
  });

  it('lists, previews and issues letters; a retried issue is answered 200 and records nothing twice', async () => {
    const spoc = await signIn('spoc-1');
    const { caseId, reference } = await openCase(spoc);
    const list = await call(spoc, 'GET', `/api/cases/${caseId}/letters`);
    expect(list.status).toBe(200);
    expect(list.body.letters.find((l: { kind: string }) => l.kind === 'ct1')).toMatchObject({
      applies: true,
      issued: [],
      meets: 'acknowledgement',
    });

    const preview = await call(spoc, 'GET', `/api/cases/${caseId}/letters/ct1/preview`);
    expect(preview.body).toMatchObject({ kind: 'ct1', title: expect.any(String), problems: [] });
    expect(preview.body.html).toContain('Dear A. Victim,');
    const flagged = await call(spoc, 'POST', `/api/cases/${caseId}/letters/ct1/preview`, {
      redact: ['A. Victim'],
    });
    expect(flagged.body.problems).toEqual([expect.objectContaining({ path: 'redact[0]' })]);

    const requestId = randomUUID();
    const issued = await call(spoc, 'POST', `/api/cases/${caseId}/letters/ct1`, { requestId });
    expect(issued).toMatchObject({
      status: 201,
      body: {
        kind: 'ct1',
        name: `${reference} CT1 acknowledgement.docx`,
        recorded: ['letter-issued', 'acknowledged'],
      },
    });
    const retried = await call(spoc, 'POST', `/api/cases/${caseId}/letters/ct1`, { requestId });
    expect(retried).toMatchObject({ status: 200, body: { letterId: issued.body.letterId, recorded: [] } });

    const file = await fetch(`${base}/api/cases/${caseId}/files/${issued.body.fileId}`, {
      headers: { authorization: `Bearer ${spoc}` },
    });
    expect(file.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );

    const refused = await call(spoc, 'POST', `/api/cases/${caseId}/letters/ct4`, { requestId: randomUUID() });
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'not-allowed' } } });
    expect(
      (await call(spoc, 'POST', `/api/cases/${caseId}/letters/ct9`, { requestId: randomUUID() })).status,
    ).toBe(404);
    const invalid = await call(spoc, 'POST', `/api/cases/${caseId}/letters/ct1`, {
      requestId: 'not-a-uuid',
      extra: 1,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.problems.map((p: { path: string }) => p.path)).toEqual(
      expect.arrayContaining(['requestId']),
    );
  });

  it('answers the quorum, proposes slots, books (idempotently), serves the .ics and makes the papers', async () => {
    const spoc = await signIn('spoc-1');
    const { caseId, reference } = await openCase(spoc);
    now = new Date('2026-03-10T10:00:00Z');
    const decided = await call(spoc, 'POST', `/api/cases/${caseId}/events`, {
      id: randomUUID(),
      type: 'threshold-decided',
      payload: {
        decidedOn: '2026-03-10',
        notifiedOn: '2026-03-10',
        outcome: 'met',
        route: 'count',
        advisedOutcome: 'met',
        reasons: [],
        decidedBy: 'spoc-1',
      },
    });
    expect(decided.status).toBe(201);

    const quorum = await call(spoc, 'GET', `/api/cases/${caseId}/panel/quorum?agencies=ehc,herts-police`);
    expect(quorum.body).toMatchObject({
      quorum: { met: false, required: 3 },
      message: expect.stringMatching(/^Not quorate/),
    });

    // Issue 15: the SPOC picks members from the directory; no email address leaves the server.
    const people = await call(spoc, 'GET', `/api/cases/${caseId}/panel/people`);
    expect(people.status).toBe(200);
    expect(people.body.people).toEqual(
      expect.arrayContaining([
        { id: 'ehc-1', name: expect.any(String), agencyId: 'ehc', invited: true },
        expect.objectContaining({ id: 'chair-1', invited: expect.any(Boolean) }),
      ]),
    );
    expect(people.body.people.find((p: { id: string }) => p.id === 'chair-1').agencyId).toBeUndefined();
    expect(JSON.stringify(people.body)).not.toMatch(/@/);

    const slots = await call(spoc, 'POST', `/api/cases/${caseId}/panel/slots`, {
      from: '2026-04-13',
      to: '2026-04-14',
      durationMinutes: 90,
      attendees: [{ personId: 'ehc-1' }, { name: 'Partner', email: 'p@partner.example' }],
    });
    expect(slots.status).toBe(200);
    expect(slots.body).toMatchObject({ method: 'working-hours', toAsk: expect.arrayContaining(['Partner']) });
    expect(slots.body.slots[0]).toEqual({
      start: '2026-04-13T08:00:00.000Z',
      end: '2026-04-13T09:30:00.000Z',
    });

    const book = {
      requestId: randomUUID(),
      start: slots.body.slots[0].start,
      end: slots.body.slots[0].end,
      members: [
        { personId: 'ehc-1', name: 'Alex Morgan', agencyId: 'ehc', role: 'member' },
        { personId: 'herts-police-1', name: 'Tom Evans', agencyId: 'herts-police', role: 'member' },
        {
          name: 'Housing officer',
          agencyId: 'social-housing',
          role: 'member',
          email: 'housing@partner.example',
        },
      ],
      chair: {
        personId: 'chair-1',
        name: 'Jordan Lee',
        organisation: 'North Herts Council',
        independent: true,
      },
      victimParticipation: 'impact-statement',
      location: 'Wallfields, Hertford',
    };
    const booked = await call(spoc, 'POST', `/api/cases/${caseId}/panel/book`, book);
    expect(booked).toMatchObject({
      status: 201,
      body: { status: 'booked', provider: 'ics', quorum: { quorum: { met: true } } },
    });
    expect((await call(spoc, 'POST', `/api/cases/${caseId}/panel/book`, book)).status).toBe(200);

    const ics = await call(spoc, 'GET', `/api/cases/${caseId}/panel/calendar.ics`);
    expect(ics.type).toMatch(/^text\/calendar/);
    expect(ics.body).toContain(`SUMMARY:Case review panel: ${reference}`);
    expect(ics.body).toContain('\r\n');

    const moved = await call(spoc, 'POST', `/api/cases/${caseId}/panel/reschedule`, {
      requestId: randomUUID(),
      start: '2026-04-14T09:00:00+01:00',
      end: '2026-04-14T10:30:00+01:00',
    });
    expect(moved.body).toMatchObject({ start: '2026-04-14T08:00:00.000Z', status: 'booked' });
    expect((await call(spoc, 'GET', `/api/cases/${caseId}/panel/calendar.ics`)).body).toContain('SEQUENCE:1');

    const papers = await call(spoc, 'POST', `/api/cases/${caseId}/panel/papers`, { requestId: randomUUID() });
    expect(papers).toMatchObject({ status: 201, body: { name: `${reference} panel papers.docx` } });

    const invitation = await call(spoc, 'GET', `/api/cases/${caseId}/letters/invitation/preview`);
    expect(invitation.body.html).toContain('Tuesday 14 April 2026');
    expect(invitation.body.html).toContain('09:00 to 10:30 (UK time)');
    expect(invitation.body.html).toContain('written statement');

    const cancelled = await call(spoc, 'POST', `/api/cases/${caseId}/panel/cancel`, {
      requestId: randomUUID(),
      reason: 'Chair unavailable',
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    expect((await call(spoc, 'GET', `/api/cases/${caseId}/panel/calendar.ics`)).body).toContain(
      'METHOD:CANCEL',
    );
    const badBook = await call(spoc, 'POST', `/api/cases/${caseId}/panel/book`, {
      ...book,
      requestId: randomUUID(),
      members: [],
    });
    expect(badBook.status).toBe(400);
  });
});
