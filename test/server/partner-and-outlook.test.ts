import { randomUUID } from 'node:crypto';
import type { Runtime } from '../../bot/server/runtime';
import { sampleApplication } from '../support/case-builder';
import { startLocalServer, type LocalServer } from '../support/local-server';

/** Partners outside Teams (email + signed-in return page) and applications recorded from Outlook. */
describe('partners outside Teams and the Outlook add-in (local mode)', () => {
  let local: LocalServer;
  let runtime: Runtime;
  let base: string;
  let now = new Date('2026-03-02T09:00:00Z');

  beforeAll(async () => {
    local = await startLocalServer({ now: () => now, env: { PORT: '4321' } });
    runtime = local.runtime;
    base = local.base;
  });

  afterAll(async () => {
    await local?.close();
  });

  const tokens = new Map<string, string>();
  async function as(personId: string, method: string, path: string, body?: unknown) {
    if (!tokens.has(personId)) {
      const res = await fetch(`${base}/api/local/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ personId }),
      });
      tokens.set(personId, ((await res.json()) as { token: string }).token);
    }
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(personId)}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  let cases = 0;
  /** A case with returns asked of housing and the police; request ids are new for each case. */
  async function caseWithReturnsRequested() {
    const n = ++cases;
    const housing = `rq-housing-${n}`;
    const opened = await as('spoc-1', 'POST', '/api/cases', {
      requestId: randomUUID(),
      receivedVia: 'web-form',
      agencies: ['ehc', 'herts-police', 'social-housing'],
      application: sampleApplication('2026-03-02', ['2026-01-05', '2026-01-20', '2026-02-10']),
    });
    await as('spoc-1', 'POST', `/api/cases/${opened.body.caseId}/events`, {
      id: randomUUID(),
      type: 'returns-requested',
      payload: {
        requestedOn: '2026-03-02',
        requests: [
          { requestId: housing, agencyId: 'social-housing' },
          { requestId: `rq-police-${n}`, agencyId: 'herts-police' },
        ],
        incidentIds: ['inc-1', 'inc-2', 'inc-3'],
      },
    });
    await local.runtime.deliveries.idle(); // the partner emails follow the answer
    return { ...(opened.body as { caseId: string; reference: string }), housing };
  }

  it('emails the return request, with a link and no victim details, to agency members outside Teams', async () => {
    const c = await caseWithReturnsRequested();
    const outbox = await as('spoc-1', 'GET', '/api/outbox');
    const mail = outbox.body.messages.find((m: { caseId?: string }) => m.caseId === c.caseId);
    expect(mail).toMatchObject({
      to: ['member1@social-housing.example'],
      subject: `Return requested: ASB case review ${c.reference}`,
    });
    const eml = await fetch(`${base}/api/outbox/${mail.id}`, {
      headers: { authorization: `Bearer ${tokens.get('spoc-1')}` },
    });
    const text = await eml.text();
    expect(text).toContain(`/return?caseId=${c.caseId}&requestId=${c.housing}`);
    // The police member works in Teams: no email for them.
    expect(outbox.body.messages.filter((m: { caseId?: string }) => m.caseId === c.caseId)).toHaveLength(1);
  });

  it('records each partner email in the timeline (issue 15): the SPOC sees it, the agency its own, no other agency', async () => {
    const c = await caseWithReturnsRequested();
    const emailed = (who: string) =>
      as(who, 'GET', `/api/cases/${c.caseId}`).then(
        (r) =>
          r.body.state.timeline.filter((t: { type: string }) => t.type === 'partner-emailed') as {
            actor: string;
          }[],
      );
    const spoc = await as('spoc-1', 'GET', `/api/cases/${c.caseId}`);
    expect(spoc.body.state.emails).toEqual([
      expect.objectContaining({ agencyId: 'social-housing', about: 'return-request', requestId: c.housing }),
    ]);
    expect(await emailed('spoc-1')).toEqual([expect.objectContaining({ actor: 'partner-emails' })]);
    expect(spoc.body.people['partner-emails']).toBe('Emails to partners (ASB Case Review)');
    expect(await emailed('social-housing-1')).toHaveLength(1);
    expect(await emailed('herts-police-1')).toEqual([]);
    expect((await as('herts-police-1', 'GET', `/api/cases/${c.caseId}`)).body.state.emails).toBeUndefined();
    // Nobody records one by hand.
    const byHand = await as('spoc-1', 'POST', `/api/cases/${c.caseId}/events`, {
      id: randomUUID(),
      type: 'partner-emailed',
      payload: {
        sentOn: '2026-03-02',
        agencyId: 'social-housing',
        about: 'return-request',
        requestId: c.housing,
      },
    });
    expect(byHand.status).toBeGreaterThanOrEqual(400);
    expect(await emailed('spoc-1')).toHaveLength(1);
  });

  it('reminds partners outside Teams by email, once, with the link to their return page', async () => {
    const c = await caseWithReturnsRequested();
    const mine = (m: { caseId?: string; subject: string }) =>
      m.caseId === c.caseId && m.subject.startsWith('Reminder');
    // Requested on Monday 2 March: due Monday 9 March. Thursday: nothing yet; Friday, the working day before:
    // "due tomorrow"; Monday: "due today", once however many sweeps (or instances) run.
    await runtime.teams.reminders.sweep('2026-03-05');
    expect((await as('spoc-1', 'GET', '/api/outbox')).body.messages.filter(mine)).toEqual([]);
    await runtime.teams.reminders.sweep('2026-03-06');
    await runtime.teams.reminders.sweep('2026-03-09');
    await runtime.teams.reminders.sweep('2026-03-09');
    const reminders = (await as('spoc-1', 'GET', '/api/outbox')).body.messages.filter(mine);
    expect(reminders).toHaveLength(2);
    expect(reminders[0]).toMatchObject({
      to: ['member1@social-housing.example'],
      subject: `Reminder: return for ASB case review ${c.reference}`,
    });
    const texts = await Promise.all(
      reminders.map(async (r: { id: string }) =>
        (
          await fetch(`${base}/api/outbox/${r.id}`, {
            headers: { authorization: `Bearer ${tokens.get('spoc-1')}` },
          })
        ).text(),
      ),
    );
    expect(texts.join('\n')).toContain('is due tomorrow, 2026-03-09');
    expect(texts.join('\n')).toContain('is due today');
    for (const text of texts) expect(text).toContain(`/return?caseId=${c.caseId}&requestId=${c.housing}`);
  });

  it('the return page shows the agency its own request, records the return once, and marks it late', async () => {
    const c = await caseWithReturnsRequested();
    const page = await as('social-housing-1', 'GET', `/api/returns/${c.caseId}/${c.housing}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      reference: c.reference,
      agencyId: 'social-housing',
      dueOn: '2026-03-09',
    });
    expect(page.body.incidents.map((i: { id: string }) => i.id)).toEqual(['inc-1', 'inc-2', 'inc-3']);

    now = new Date('2026-03-11T10:00:00Z'); // two working days after it was due
    const submission = {
      id: randomUUID(),
      incidents: [
        {
          incidentId: 'inc-2',
          holdsRecord: true,
          reference: 'HSG/77',
          reportedOn: '2026-01-21',
          actionTaken: 'Warning letter',
        },
      ],
      otherInformation: 'Tenancy enforcement under way',
    };
    const first = await as('social-housing-1', 'POST', `/api/returns/${c.caseId}/${c.housing}`, submission);
    expect(first.status).toBe(201);
    expect(first.body.returns).toEqual([expect.objectContaining({ receivedOn: '2026-03-11', late: true })]);
    const again = await as('social-housing-1', 'POST', `/api/returns/${c.caseId}/${c.housing}`, submission);
    expect(again.body.returns).toHaveLength(1);

    const detail = await as('spoc-1', 'GET', `/api/cases/${c.caseId}`);
    const clock = detail.body.clocks.find((k: { requestId?: string }) => k.requestId === c.housing);
    expect(clock).toMatchObject({ metOn: '2026-03-11', late: true });
    now = new Date('2026-03-02T09:00:00Z');
  });

  it('refuses the same link opened as another agency, and invalid returns name the field', async () => {
    const c = await caseWithReturnsRequested();
    expect((await as('herts-police-1', 'GET', `/api/returns/${c.caseId}/${c.housing}`)).status).toBe(404);
    const post = await as('herts-police-1', 'POST', `/api/returns/${c.caseId}/${c.housing}`, {
      id: randomUUID(),
      incidents: [],
    });
    expect(post.status).toBe(404);
    const bad = await as('social-housing-1', 'POST', `/api/returns/${c.caseId}/${c.housing}`, {
      id: randomUUID(),
      incidents: [{ incidentId: 'inc-1', holdsRecord: 'yes' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems[0].path).toBe('incidents[0].holdsRecord');
    const mine = await as('social-housing-1', 'GET', '/api/returns');
    expect(mine.body.items.every((r: { agencyId: string }) => r.agencyId === 'social-housing')).toBe(true);
  });

  it('records an email as one case, keeps the .eml, and says which case an email already belongs to', async () => {
    const emailId = `AAMkAGI2-${randomUUID()}`;
    expect(
      (await as('spoc-1', 'GET', `/api/outlook/email-case?emailId=${encodeURIComponent(emailId)}`)).status,
    ).toBe(404);
    const body = {
      emailId,
      receivedVia: 'email',
      agencies: ['ehc'],
      application: sampleApplication('2026-03-02', ['2026-01-05', '2026-01-20', '2026-02-10']),
      account: 'They play loud music every night.',
      eml: Buffer.from('From: victim@example.org\r\nSubject: help\r\n\r\nPlease help').toString('base64'),
    };
    const first = await as('spoc-1', 'POST', '/api/outlook/cases', body);
    expect(first.status).toBe(201);
    const second = await as('spoc-1', 'POST', '/api/outlook/cases', body);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      caseId: first.body.caseId,
      reference: first.body.reference,
      alreadyRecorded: true,
    });
    const found = await as('spoc-1', 'GET', `/api/outlook/email-case?emailId=${encodeURIComponent(emailId)}`);
    expect(found.body.reference).toBe(first.body.reference);
    const detail = await as('spoc-1', 'GET', `/api/cases/${first.body.caseId}`);
    expect(detail.body.files).toEqual([
      expect.objectContaining({ kind: 'email', contentType: 'message/rfc822' }),
    ]);
    const file = await fetch(`${base}/api/cases/${first.body.caseId}/files/${detail.body.files[0].fileId}`, {
      headers: { authorization: `Bearer ${tokens.get('spoc-1')}` },
    });
    expect(await file.text()).toContain('Please help');
  });
});
