import { randomUUID } from 'node:crypto';
import { apiClient } from '../support/api-client';
import { sampleApplication } from '../support/case-builder';
import { startLocalServer, type LocalServer } from '../support/local-server';

/** The HTTP API as the tab uses it: a real server on loopback, a real SQLite store in a temp folder. */
describe('the tab API (local mode)', () => {
  let local: LocalServer;
  let base: string;
  let now = new Date('2026-03-02T09:00:00Z');

  beforeAll(async () => {
    local = await startLocalServer({ now: () => now });
    base = local.base;
  });

  afterAll(async () => {
    await local?.close();
  });

  const signIn = (personId: string) => apiClient(base).signIn(personId);
  const call = (token: string | undefined, method: string, path: string, body?: unknown) =>
    apiClient(base).call(token, method, path, body);

  const application = (requestId: string, agencies = ['ehc', 'herts-police', 'social-housing']) => ({
    requestId,
    receivedVia: 'email',
    agencies,
    title: 'Noise, Example Road',
    parties: { victim: { name: 'A. Victim', email: 'victim@example.org' } },
    application: sampleApplication('2026-03-02', ['2026-01-05', '2026-01-20', '2026-02-10']),
  });

  it('refuses every case route without a sign-in', async () => {
    expect((await call(undefined, 'GET', '/api/cases')).status).toBe(401);
    expect((await call('not-a-token', 'GET', '/api/me')).body.error.code).toBe('unauthenticated');
  });

  it('records an application once, however often the request is retried', async () => {
    const spoc = await signIn('spoc-1');
    const requestId = randomUUID();
    const first = await call(spoc, 'POST', '/api/cases', application(requestId));
    expect(first.status).toBe(201);
    expect(first.body.reference).toMatch(/^CT-2026-\d{4}$/);
    const again = await call(spoc, 'POST', '/api/cases', application(requestId));
    // The retry is told it was recorded already, with the same case.
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, alreadyRecorded: true });
    const list = await call(spoc, 'GET', `/api/cases?q=${first.body.reference}`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      status: 'received',
      spocName: 'Sam Patel',
      title: 'Noise, Example Road',
    });
    expect(list.body.items[0].nextDeadline).toMatchObject({
      dueOn: '2026-03-05',
      workingDaysLeft: 3,
      overdue: false,
    });
  });

  it('names each invalid field of an application by its path', async () => {
    const spoc = await signIn('spoc-1');
    const bad = application(randomUUID());
    (bad.application.incidents[1]!.reports[0] as { reportedOn: string }).reportedOn = '2026-02-30';
    const res = await call(spoc, 'POST', '/api/cases', bad);
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual([
      expect.objectContaining({ path: 'application.incidents[1].reports[0].reportedOn' }),
    ]);
  });

  it('records events with the rules: a refused step says why, and a retried event is recorded once', async () => {
    const spoc = await signIn('spoc-1');
    const { body: opened } = await call(spoc, 'POST', '/api/cases', application(randomUUID()));
    const booking = {
      id: randomUUID(),
      type: 'panel-booked',
      payload: {
        bookingId: 'bk-1',
        start: '2026-04-14T09:30:00Z',
        end: '2026-04-14T11:00:00Z',
        members: [{ name: 'M', agencyId: 'ehc', role: 'member' }],
        chair: { name: 'C', organisation: 'NHC', independent: true },
        victimParticipation: 'undecided',
      },
    };
    const refused = await call(spoc, 'POST', `/api/cases/${opened.caseId}/events`, booking);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/threshold to be met first/);

    const ack = { id: randomUUID(), type: 'acknowledged', payload: { sentOn: '2026-03-02', to: 'victim' } };
    expect((await call(spoc, 'POST', `/api/cases/${opened.caseId}/events`, ack)).status).toBe(201);
    const retry = await call(spoc, 'POST', `/api/cases/${opened.caseId}/events`, ack);
    expect(retry).toMatchObject({ status: 200, body: { alreadyRecorded: true } });
    const detail = await call(spoc, 'GET', `/api/cases/${opened.caseId}`);
    const types = detail.body.state.timeline.map((t: { type: string }) => t.type);
    // The bot's own steps (the case channel) sit beside the SPOC's; the retried acknowledgement is there once.
    expect(types.filter((t: string) => t !== 'channel-created' && t !== 'case-card-posted')).toEqual([
      'application-received',
      'acknowledged',
    ]);
    expect(detail.body.clocks.find((c: { clock: string }) => c.clock === 'acknowledgement')).toMatchObject({
      metOn: '2026-03-02',
      late: false,
    });
    expect(detail.body.assessment.outcome).toBe('met');
    expect(detail.body.people['spoc-1']).toBe('Sam Patel');

    const badPayload = {
      id: randomUUID(),
      type: 'acknowledged',
      payload: { sentOn: 'yesterday', to: 'victim' },
    };
    const invalid = await call(spoc, 'POST', `/api/cases/${opened.caseId}/events`, badPayload);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.problems[0].path).toBe('sentOn');
  });

  it('shows an agency member only the cases their agency is on, and only their own requests', async () => {
    const spoc = await signIn('spoc-1');
    const withPolice = (
      await call(spoc, 'POST', '/api/cases', application(randomUUID(), ['ehc', 'herts-police']))
    ).body;
    const withoutPolice = (
      await call(spoc, 'POST', '/api/cases', application(randomUUID(), ['ehc', 'social-housing']))
    ).body;
    await call(spoc, 'POST', `/api/cases/${withPolice.caseId}/events`, {
      id: randomUUID(),
      type: 'returns-requested',
      payload: {
        requestedOn: '2026-03-02',
        requests: [
          { requestId: 'rq-police', agencyId: 'herts-police' },
          { requestId: 'rq-housing', agencyId: 'social-housing' },
        ],
        incidentIds: ['inc-1'],
      },
    });
    const police = await signIn('herts-police-1');
    const list = await call(police, 'GET', '/api/cases?limit=200');
    const refs = list.body.items.map((i: { reference: string }) => i.reference);
    expect(refs).toContain(withPolice.reference);
    expect(refs).not.toContain(withoutPolice.reference);
    expect((await call(police, 'GET', `/api/cases/${withoutPolice.caseId}`)).status).toBe(404);
    const detail = await call(police, 'GET', `/api/cases/${withPolice.caseId}`);
    expect(detail.body.state.requests.map((r: { requestId: string }) => r.requestId)).toEqual(['rq-police']);
    expect(detail.body.can.record).toEqual(expect.arrayContaining(['return-received']));
    expect(detail.body.can.record).not.toContain('threshold-decided');

    const othersReturn = {
      id: randomUUID(),
      type: 'return-received',
      payload: {
        requestId: 'rq-housing',
        agencyId: 'social-housing',
        receivedOn: '2026-03-02',
        incidents: [],
        submittedBy: 'herts-police-1',
      },
    };
    expect((await call(police, 'POST', `/api/cases/${withPolice.caseId}/events`, othersReturn)).status).toBe(
      403,
    );
    const ownReturn = {
      id: randomUUID(),
      type: 'return-received',
      payload: {
        requestId: 'rq-police',
        agencyId: 'herts-police',
        receivedOn: '2026-03-02',
        incidents: [{ incidentId: 'inc-1', holdsRecord: true, reference: 'HC/1' }],
        submittedBy: 'herts-police-1',
      },
    };
    expect((await call(police, 'POST', `/api/cases/${withPolice.caseId}/events`, ownReturn)).status).toBe(
      201,
    );
    expect((await call(police, 'GET', '/api/statistics')).status).toBe(403);
  });

  it('publishes the statistics for the financial year, as JSON and CSV', async () => {
    const spoc = await signIn('spoc-1');
    const stats = await call(spoc, 'GET', '/api/statistics');
    expect(stats.body.from).toBe('2025-04-01');
    expect(stats.body.applications.count).toBeGreaterThan(0);
    const csv = await fetch(`${base}/api/statistics.csv`, { headers: { authorization: `Bearer ${spoc}` } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(await csv.text()).toMatch(
      /^figure,count,cases,from,to\r\nApplications for case reviews,\d+,CT-2026-/,
    );
    // One table a file (issue 15): the figures alone, and the months in a file of their own.
    expect(
      await (
        await fetch(`${base}/api/statistics.csv`, { headers: { authorization: `Bearer ${spoc}` } })
      ).text(),
    ).not.toMatch(/^month,/m);
    const months = await fetch(`${base}/api/statistics.csv?table=months`, {
      headers: { authorization: `Bearer ${spoc}` },
    });
    expect(months.headers.get('content-disposition')).toMatch(/by-month/);
    const lines = (await months.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'month,applications,threshold not met,reviews,reviews with recommendations,appeals',
    );
    expect(lines.slice(1).every((l) => /^\d{4}-\d{2},/.test(l))).toBe(true);
  });

  it('publishes its OpenAPI document from the same schemas', async () => {
    const doc = await call(undefined, 'GET', '/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.components.schemas.NewApplication.properties.requestId).toBeDefined();
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/cases', '/api/cases/{caseId}/events']),
    );
  });

  it('answers the clock the server keeps, not the browser', async () => {
    now = new Date('2026-03-10T09:00:00Z');
    const spoc = await signIn('spoc-1');
    expect((await call(spoc, 'GET', '/api/me')).body.today).toBe('2026-03-10');
  });
});
