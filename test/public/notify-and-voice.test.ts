import { randomUUID } from 'node:crypto';
import { reduceCase } from '../../shared';
import { toCaseEvents } from '../../bot/app/case-projector';
import { apiClient } from '../support/api-client';
import { startLocalServer, type LocalServer } from '../support/local-server';
import type { NotifyDouble } from '../support/notify-double/notify-double';
import { CALLBACK_TOKEN, notifyWithTemplates } from './support/notify-setup';
import { applyOnline, textOf, Visitor } from './support/visitor';

/**
 * Issue 17: the victim hears through GOV.UK Notify at every step (the double holds the client to Notify's
 * documented API), and is heard through their link: attendance, an impact statement, comments on the
 * draft action plan, all for the SPOC and the panel and no one else.
 */

let server: LocalServer;
let notify: NotifyDouble;
let clock = '2026-03-02T10:00:00Z';
const setNow = (iso: string) => (clock = iso);

beforeAll(async () => {
  const { double, env } = await notifyWithTemplates();
  notify = double;
  server = await startLocalServer({ now: () => new Date(clock), env });
  notify.setCallback(`${server.base}/api/notify/callback`, CALLBACK_TOKEN);
});
afterAll(async () => {
  await server.close();
  await notify.stop();
});

const settle = () => server.runtime.deliveries.idle();
async function stateOf(caseId: string) {
  const record = (await server.runtime.stores.cases.getCase(caseId))!;
  return reduceCase(toCaseEvents(record.events), server.runtime.policy);
}
const sentFor = (reference: string) => notify.sent.filter((n) => n.personalisation.reference === reference);

describe('victim updates through GOV.UK Notify and the victim’s link (issue 17)', () => {
  it('sends every step’s message, records each, and hears the victim through the link', async () => {
    const api = apiClient(server.base);
    const spoc = await api.signIn('spoc-1');
    const v = new Visitor(server.base);
    const done = await applyOnline(v, {
      thirdParty: true,
      name: 'Kim Victim',
      method: 'email',
      email: 'kim@example.org',
    });
    const reference = /CT-\d{4}-\d{4,}/.exec(done.html)![0];
    const caseId = (await server.runtime.stores.cases.findByReference(reference))!.caseId;
    await settle();

    // Acknowledgement: to the victim (CT1) and the third party (CT2), each a JWT Notify accepts.
    const sent = sentFor(reference);
    expect(sent.map((n) => [n.to, n.personalisation.subject])).toEqual([
      ['kim@example.org', expect.stringMatching(/received your application/)],
      ['pat.helper@example.org', expect.stringMatching(/received your application/)],
    ]);
    const claims = notify.requests.at(-1)!.claims!;
    expect(claims.iss).toBe(notify.serviceId);
    expect(Math.abs(Number(claims.iat) - Date.now() / 1000)).toBeLessThanOrEqual(30);
    let state = await stateOf(caseId);
    expect(state.acknowledged).toEqual({ victim: '2026-03-02', thirdParty: '2026-03-02' });
    expect(state.messages?.map((m) => [m.kind, m.recipient, m.status])).toEqual([
      ['acknowledgement', 'victim', 'sending'],
      ['acknowledgement', 'applicant', 'sending'],
    ]);

    // Notify's delivery receipt is recorded on the case.
    expect(await notify.deliver(sent[0]!.id, 'delivered')).toBe(204);
    state = await stateOf(caseId);
    expect(state.messages?.[0]?.status).toBe('delivered');
    // A receipt without the token is refused.
    const forged = await fetch(`${server.base}/api/notify/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(forged.status).toBe(401);

    // The decision: the message tells the applicant (the clock is met) and carries the victim's link.
    setNow('2026-03-10T10:00:00Z');
    const decided = await api.event(spoc, caseId, 'threshold-decided', {
      decidedOn: '2026-03-10',
      outcome: 'met',
      route: 'count',
      advisedOutcome: 'met',
      reasons: [],
      decidedBy: 'spoc-1',
    });
    expect(decided.status).toBe(201);
    await settle();
    state = await stateOf(caseId);
    expect(state.decisions[0]?.notifiedOn).toBe('2026-03-10');
    const decision = sentFor(reference).find((n) => n.personalisation.subject?.includes('Decision'))!;
    const link = decision.personalisation.link!;
    expect(link).toMatch(/\/voice\/ey/);
    expect(decision.body).toContain('meets the conditions for a case review');

    // The victim follows the link: it becomes a session for this case, and the token leaves the address.
    const victim = new Visitor(server.base);
    const page = await victim.get(link.replace(/^https?:\/\/[^/]+/, ''));
    expect(page.url).toMatch(/\/voice$/);
    expect(textOf(page.html)).toContain(`Your ASB case review ${reference}`);
    const answered = await victim.post('/voice/attendance', {
      choice: 'attend-online',
      note: 'I can join by video',
      formId: victim.formId(),
    });
    expect(textOf(answered.html)).toMatch(/recorded your answer/);
    await victim.get('/voice');
    const form = new FormData();
    form.append('_csrf', victim.csrf());
    form.append('formId', victim.formId());
    form.append('text', 'We have not slept properly for months.');
    form.append(
      'document',
      new Blob([Buffer.from('%PDF-1.4\n% statement\n')], { type: 'application/pdf' }),
      'statement.pdf',
    );
    const statement = await victim.postMultipart('/voice/statement', form);
    expect(textOf(statement.html)).toMatch(/received your statement/);
    // A program dressed as a document is refused, by its bytes.
    await victim.get('/voice');
    const bad = new FormData();
    bad.append('_csrf', victim.csrf());
    bad.append(
      'document',
      new Blob([Buffer.from('MZ\x90\x00 not a pdf')], { type: 'application/pdf' }),
      'statement.pdf',
    );
    const refused = await victim.postMultipart('/voice/statement', bad);
    expect(refused.status).toBe(400);
    expect(textOf(refused.html)).toMatch(/must be a PDF, Word/);
    state = await stateOf(caseId);
    expect(state.victimVoice?.attendance).toMatchObject({
      choice: 'attend-online',
      note: 'I can join by video',
    });
    expect(state.victimVoice?.statements).toHaveLength(1);
    expect(state.victimVoice?.statements[0]?.file?.contentType).toBe('application/pdf');

    // The panel is booked: the invitation; the review held: the draft action plan for comment.
    setNow('2026-03-20T10:00:00Z');
    const bookingId = randomUUID();
    expect(
      (
        await api.event(spoc, caseId, 'panel-booked', {
          bookingId,
          start: '2026-04-13T09:00:00Z',
          end: '2026-04-13T10:30:00Z',
          members: [
            { personId: 'herts-police-1', name: 'Priya Shah', agencyId: 'herts-police', role: 'member' },
          ],
          chair: {
            personId: 'chair-1',
            name: 'Jordan Lee',
            organisation: 'North Herts Council',
            independent: true,
          },
          victimParticipation: 'attend-online',
        })
      ).status,
    ).toBe(201);
    await settle();
    expect(
      sentFor(reference).some(
        (n) => n.personalisation.subject?.includes('panel meeting') && n.body.includes('13 April 2026'),
      ),
    ).toBe(true);

    setNow('2026-04-14T10:00:00Z');
    const held = await api.event(spoc, caseId, 'review-held', {
      heldOn: '2026-04-13',
      attendees: [
        { personId: 'ehc-1', name: 'Alex Morgan', agencyId: 'ehc', role: 'member' },
        { personId: 'herts-police-1', name: 'Priya Shah', agencyId: 'herts-police', role: 'member' },
        { name: 'Housing officer', agencyId: 'social-housing', role: 'member' },
      ],
      victimParticipation: 'attended',
      recommendations: [],
      actions: [
        {
          id: 'act-1',
          description: 'Night patrols on Example Road',
          ownerAgency: 'herts-police',
          dueOn: '2026-06-01',
          status: 'open',
        },
      ],
    });
    expect(held.status).toBe(201);
    await settle();
    // Weeks later the session has gone; the action plan message brings a fresh link.
    const plan = sentFor(reference).find((n) => n.personalisation.subject?.includes('draft action plan'))!;
    const planPage = await victim.get(plan.personalisation.link!.replace(/^https?:\/\/[^/]+/, ''));
    expect(textOf(planPage.html)).toContain('Night patrols on Example Road');
    const commented = await victim.post('/voice/comment', {
      comment: 'Please patrol after midnight too.',
      formId: victim.formId(),
    });
    expect(textOf(commented.html)).toMatch(/received your comments/);

    // The SPOC sees it all; the panel's chair sees the voice, not the contact details; another agency nothing.
    const view = await api.call(spoc, 'GET', `/api/cases/${caseId}/victim-voice`);
    expect(view.status).toBe(200);
    expect(view.body.voice.comments[0].text).toBe('Please patrol after midnight too.');
    expect(view.body.parties.victim.email).toBe('kim@example.org');
    expect(view.body.messages.length).toBeGreaterThanOrEqual(6);
    const chair = await api.signIn('chair-1');
    const chairView = await api.call(chair, 'GET', `/api/cases/${caseId}/victim-voice`);
    expect(chairView.status).toBe(200);
    expect(chairView.body.voice.statements[0].text).toMatch(/slept/);
    expect(chairView.body.parties).toBeUndefined();
    expect(chairView.body.messages).toBeUndefined();
    const fileId = chairView.body.voice.statements[0].file.fileId as string;
    expect((await api.call(chair, 'GET', `/api/cases/${caseId}/files/${fileId}`)).status).toBe(200);
    const housing = await api.signIn('social-housing-1');
    expect((await api.call(housing, 'GET', `/api/cases/${caseId}/victim-voice`)).status).toBe(404);
    const housingCase = await api.call(housing, 'GET', `/api/cases/${caseId}`);
    if (housingCase.status === 200) {
      expect(housingCase.body.state.victimVoice).toBeUndefined();
      expect(housingCase.body.state.contact).toBeUndefined();
      expect(
        housingCase.body.state.timeline.some((t: { type: string }) =>
          /victim|impact|action-plan/.test(t.type),
        ),
      ).toBe(false);
    }

    // Outcome, appeal and closure: each a message.
    setNow('2026-04-20T10:00:00Z');
    expect(
      (
        await api.event(spoc, caseId, 'outcome-sent', {
          sentOn: '2026-04-20',
          method: 'email',
          victimConsultedOn: '2026-04-14',
        })
      ).status,
    ).toBe(201);
    const appealId = randomUUID();
    expect(
      (
        await api.event(spoc, caseId, 'appeal-lodged', {
          appealId,
          receivedOn: '2026-04-20',
          against: 'review-outcome',
          grounds: ['facts-not-considered'],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api.event(spoc, caseId, 'appeal-decided', {
          appealId,
          decidedOn: '2026-04-20',
          outcome: 'dismissed',
          reasons: ['The review considered every report.'],
          notifiedOn: '2026-04-20',
        })
      ).status,
    ).toBe(201);
    const closed = await api.event(spoc, caseId, 'case-closed', {
      closedOn: '2026-04-20',
      reason: 'appeal-dismissed',
      victimToldOn: '2026-04-20',
      keepRightsOpen: true,
    });
    expect(closed.status).toBe(201);
    await settle();
    const subjects = sentFor(reference)
      .filter((n) => n.to === 'kim@example.org')
      .map((n) => n.personalisation.subject);
    expect(subjects).toEqual([
      expect.stringMatching(/received your application/),
      expect.stringMatching(/Decision/),
      expect.stringMatching(/panel meeting/),
      expect.stringMatching(/draft action plan/),
      expect.stringMatching(/outcome/),
      expect.stringMatching(/appeal/i),
      expect.stringMatching(/appeal/i),
      expect.stringMatching(/closed/),
    ]);
    const closure = sentFor(reference).find((n) => n.personalisation.subject?.includes('closed'))!;
    expect(closure.body).toMatch(/Reason: the appeal was not upheld/);
    // Nothing is sent twice, however often the outbox runs.
    const count = notify.sent.length;
    server.runtime.deliveries.kick();
    await settle();
    expect(notify.sent.length).toBe(count);
  });

  it('records a message Notify refuses as not sent, and retries one it cannot take now', async () => {
    setNow('2026-03-02T10:00:00Z');
    notify.failNext.push({
      status: 400,
      error: 'ValidationError',
      message: 'email_address Not a valid email address',
    });
    const done = await applyOnline(new Visitor(server.base), {
      name: 'Refused Person',
      postcode: 'SG10 1AA',
    });
    const caseId = (await server.runtime.stores.cases.findByReference(/CT-\d{4}-\d{4,}/.exec(done.html)![0]))!
      .caseId;
    await settle();
    let state = await stateOf(caseId);
    expect(state.messages?.[0]).toMatchObject({
      status: 'not-sent',
      reason: expect.stringMatching(/Not a valid email address/),
    });
    expect(state.acknowledged.victim).toBeUndefined(); // the duty is still open for the SPOC

    notify.failNext.push({
      status: 429,
      error: 'RateLimitError',
      message: 'Exceeded rate limit for key type TEAM of 3000 requests per 60 seconds',
    });
    const busy = await applyOnline(new Visitor(server.base), { name: 'Busy Day', postcode: 'SG10 2AA' });
    const busyId = (await server.runtime.stores.cases.findByReference(/CT-\d{4}-\d{4,}/.exec(busy.html)![0]))!
      .caseId;
    await settle();
    expect((await stateOf(busyId)).messages ?? []).toEqual([]);
    const [entry] = await server.runtime.stores.outbox.forCase(busyId);
    expect(entry).toMatchObject({ status: 'pending', lastError: expect.stringMatching(/429/) });
    setNow('2026-03-02T10:05:00Z'); // past the backoff
    server.runtime.deliveries.kick();
    await settle();
    state = await stateOf(busyId);
    expect(state.messages?.[0]).toMatchObject({ kind: 'acknowledgement', status: 'sending' });
  });

  it('turns away a link that has expired or been altered', async () => {
    const links = await server.runtime.stores.cases.listCases({ limit: 1 });
    const v = new Visitor(server.base);
    const altered = await v.get('/voice/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad');
    expect(altered.status).toBe(410);
    expect((await v.get('/voice')).status).toBe(410);
    expect(links.items.length).toBe(1);
  });
});
