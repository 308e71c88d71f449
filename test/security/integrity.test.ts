import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import { sampleApplication } from '../support/case-builder';
import { apiClient, type ApiClient } from '../support/api-client';
import { startLocalServer, type LocalServer } from '../support/local-server';

/**
 * Issue 11, as an attacker and a careless partner would try it, through the HTTP API of the real local
 * server: ids that belong to one case, returns stamped by the server, and every boundary checked the way
 * a person would (a clear 4xx naming the field, never a 500), text that a letter cannot hold cleaned.
 */
describe('integrity and boundaries (local mode, HTTP)', () => {
  let local: LocalServer;
  let api: ApiClient;
  let now = new Date('2026-03-02T09:00:00Z');
  let spoc: string;

  beforeAll(async () => {
    local = await startLocalServer({ now: () => now });
    api = apiClient(local.base);
    spoc = await api.signIn('spoc-1');
  });
  afterAll(async () => {
    await local?.close();
  });

  const open = async (extra: Record<string, unknown> = {}) => {
    const res = await api.call(spoc, 'POST', '/api/cases', {
      requestId: randomUUID(),
      receivedVia: 'email',
      agencies: ['ehc', 'herts-police', 'social-housing'],
      application: sampleApplication('2026-03-02', ['2026-01-05', '2026-01-20', '2026-02-10']),
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body as { caseId: string; reference: string };
  };

  const askPolice = (caseId: string, requestId: string, requestedOn = '2026-03-02') =>
    api.event(spoc, caseId, 'returns-requested', {
      requestedOn,
      requests: [{ requestId, agencyId: 'herts-police' }],
      incidentIds: ['inc-1'],
    });

  it("refuses a return request id another case already uses, and both cases stay whole in the agency's list", async () => {
    const a = await open();
    const b = await open();
    const requestId = randomUUID();
    expect((await askPolice(a.caseId, requestId)).status).toBe(201);
    const reused = await askPolice(b.caseId, requestId);
    expect(reused).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    expect(reused.body.error.message).toMatch(/already used on another case/);
    const police = await api.signIn('herts-police-1');
    const mine = await api.call(police, 'GET', '/api/cases?limit=100');
    expect(mine.body.items.map((c: { caseId: string }) => c.caseId)).toEqual(
      expect.arrayContaining([a.caseId, b.caseId]),
    );
    expect((await api.call(spoc, 'GET', `/api/cases/${b.caseId}`)).body.state.requests).toEqual([]);
  });

  it('answers 409 to an event id already used on another case (never 201 with nothing stored)', async () => {
    const a = await open();
    const b = await open();
    const id = randomUUID();
    expect((await api.event(spoc, a.caseId, 'note-added', { text: 'On case A' }, id)).status).toBe(201);
    const again = await api.event(spoc, b.caseId, 'note-added', { text: 'On case B' }, id);
    expect(again.status).toBe(409);
    const timeline = (await api.call(spoc, 'GET', `/api/cases/${b.caseId}`)).body.state.timeline;
    expect(timeline.map((t: { type: string }) => t.type)).not.toContain('note-added');
  });

  it("stamps an agency member's return with today and the caller: a backdated, borrowed return stays late and theirs", async () => {
    const c = await open();
    const requestId = randomUUID();
    await askPolice(c.caseId, requestId);
    now = new Date('2026-04-30T10:00:00Z'); // 41 working days after the request
    const police = await api.signIn('herts-police-1');
    const res = await api.event(police, c.caseId, 'return-received', {
      requestId,
      agencyId: 'herts-police',
      receivedOn: '2026-03-03',
      incidents: [],
      submittedBy: 'social-housing-1',
    });
    expect(res.status).toBe(201);
    const detail = (await api.call(spoc, 'GET', `/api/cases/${c.caseId}`)).body;
    const [returned] = detail.state.requests[0].returns;
    expect(returned).toMatchObject({ receivedOn: '2026-04-30', submittedBy: 'herts-police-1' });
    const clock = detail.clocks.find((k: { requestId?: string }) => k.requestId === requestId);
    expect(clock).toMatchObject({ late: true, metOn: '2026-04-30' });
    now = new Date('2026-03-02T09:00:00Z');
  });

  it('refuses an unknown SPOC, a bad list cursor and a period that ends before it starts, naming the field', async () => {
    const noSpoc = await api.call(spoc, 'POST', '/api/cases', {
      requestId: randomUUID(),
      receivedVia: 'email',
      agencies: ['ehc'],
      spoc: 'nobody-at-all',
      application: sampleApplication('2026-03-02', ['2026-02-10']),
    });
    expect(noSpoc).toMatchObject({ status: 400, body: { error: { problems: [{ path: 'spoc' }] } } });
    const notSpoc = await api.call(spoc, 'POST', '/api/cases', {
      requestId: randomUUID(),
      receivedVia: 'email',
      agencies: ['ehc'],
      spoc: 'herts-police-1',
      application: sampleApplication('2026-03-02', ['2026-02-10']),
    });
    expect(notSpoc.status).toBe(400);

    const cursor = await api.call(spoc, 'GET', '/api/cases?cursor=not-a-cursor');
    expect(cursor).toMatchObject({ status: 400, body: { error: { problems: [{ path: 'cursor' }] } } });
    const period = await api.call(spoc, 'GET', '/api/statistics?from=2026-04-01&to=2026-03-31');
    expect(period).toMatchObject({ status: 400, body: { error: { problems: [{ path: 'to' }] } } });
    const csv = await api.call(spoc, 'GET', '/api/statistics.csv?from=2026-04-01&to=2025-03-31');
    expect(csv.status).toBe(400);
  });

  it('refuses a return signed by someone not in the directory, even from an officer', async () => {
    const c = await open();
    const requestId = randomUUID();
    await askPolice(c.caseId, requestId);
    const res = await api.event(spoc, c.caseId, 'return-received', {
      requestId,
      agencyId: 'herts-police',
      receivedOn: '2026-03-02',
      incidents: [],
      submittedBy: 'made-up-person',
    });
    expect(res).toMatchObject({ status: 400, body: { error: { problems: [{ path: 'submittedBy' }] } } });
  });

  it('cleans characters a letter cannot hold before recording, so the letter opens in Word', async () => {
    const c = await open({
      parties: {
        victim: {
          name: 'Alice\uFFFE Victim\u0007',
          address: '1 Road\u000BTown\uD800',
          email: 'a@example.org',
        },
      },
    });
    const letter = await api.call(spoc, 'POST', `/api/cases/${c.caseId}/letters/ct1`, {
      requestId: randomUUID(),
    });
    expect(letter.status).toBe(201);
    const file = await fetch(`${local.base}/api/cases/${c.caseId}/files/${letter.body.fileId}`, {
      headers: { authorization: `Bearer ${spoc}` },
    });
    const zip = await JSZip.loadAsync(Buffer.from(await file.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/);
    expect(xml).toContain('Alice Victim');
    const stored = (await local.runtime.stores.cases.getCase(c.caseId))!.events[0]!.payload as {
      parties: { victim: { name: string; address: string } };
    };
    expect(stored.parties.victim).toMatchObject({ name: 'Alice Victim', address: '1 Road\nTown' });
  });

  it('shows a markdown link typed into a return as typed on the card, not as a disguised link', async () => {
    const c = await open();
    const requestId = randomUUID();
    await askPolice(c.caseId, requestId);
    const police = local.runtime.directory.get('herts-police-1')!;
    const card = await local.runtime.teams.cardAction(
      'submitReturn',
      {
        caseId: c.caseId,
        requestId,
        submissionId: 'sub-link',
        holds_1: 'yes',
        actionTaken_1: 'See [the council portal](https://evil.example/login)',
        otherInformation: 'Also [here](https://evil.example)',
      },
      police,
    );
    const text = JSON.stringify(card);
    expect(text).toContain('See [the council portal] (https://evil.example/login)');
    expect(text).not.toContain('](https://evil.example');
  });
});
