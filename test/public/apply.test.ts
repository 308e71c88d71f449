import { reduceCase } from '../../shared';
import { toCaseEvents } from '../../bot/app/case-projector';
import { startLocalServer, type LocalServer } from '../support/local-server';
import { applyOnline, textOf, Visitor } from './support/visitor';

/**
 * Issue 17, the public application form at /apply (no browser; test/e2e drives it in Chromium): a victim and a
 * third party apply, page by page; the case is recorded with the same schema as the SPOC's form, the clock
 * starts at receipt, and the form is safe on the internet.
 */

let server: LocalServer;
const now = new Date('2026-03-02T10:00:00Z');

beforeAll(async () => {
  server = await startLocalServer({ now: () => now, env: { PUBLIC_SUBMISSIONS_PER_ADDRESS: '1000' } });
});
afterAll(() => server.close());

async function caseOf(reference: string) {
  const found = await server.runtime.stores.cases.findByReference(reference);
  const record = (await server.runtime.stores.cases.getCase(found!.caseId))!;
  return { record, state: reduceCase(toCaseEvents(record.events), server.runtime.policy) };
}

const referenceIn = (html: string) => /CT-\d{4}-\d{4,}/.exec(html)?.[0];

describe('the public application form (issue 17)', () => {
  it('takes a victim’s application page by page and shows the case reference', async () => {
    const v = new Visitor(server.base);
    const start = await v.get('/apply');
    expect(textOf(start.html)).toMatch(
      /3 or more separate incidents of anti-social behaviour in the last 6 months/,
    );
    expect(textOf(start.html)).toMatch(/within 3 working days/);
    const done = await applyOnline(v);
    expect(done.status).toBe(200);
    const reference = referenceIn(done.html)!;
    expect(textOf(done.html)).toMatch(/Application sent/);
    const { record, state } = await caseOf(reference);
    expect(state.receivedVia).toBe('web-form');
    expect(state.receivedOn).toBe('2026-03-02');
    expect(state.application.incidents).toHaveLength(3);
    expect(state.contact).toMatchObject({
      method: 'email',
      language: 'en',
      accessibilityNeeds: 'Large print, please',
    });
    expect(record.events[0]!.actor).toBe('online-form');
    // The acknowledgement clock runs from receipt: the local outbox acknowledged it the same day.
    await server.runtime.deliveries.idle();
    const after = await caseOf(reference);
    expect(after.state.acknowledged.victim).toBe('2026-03-02');
    expect(after.state.messages?.[0]).toMatchObject({
      kind: 'acknowledgement',
      via: 'local-outbox',
      status: 'sending',
    });
  });

  it('records a third party’s application with the victim’s consent, and never refuses one below the threshold', async () => {
    const v = new Visitor(server.base);
    const done = await applyOnline(v, {
      thirdParty: true,
      name: 'Sam Someone',
      postcode: 'SG14 1AA',
      method: 'via-applicant',
      incidents: [{ day: '3', month: '2', year: '2026' }],
    });
    const reference = referenceIn(done.html)!;
    expect(reference).toBeDefined();
    const { state } = await caseOf(reference);
    expect(state.application.applicant.relationship).toBe('third-party');
    expect(state.contact?.consent).toMatchObject({ how: 'in-writing', recordedOn: '2026-03-02' });
    expect(state.contact?.applicantRole).toBe('Support worker');
    expect(textOf(done.html)).not.toMatch(/not met|does not meet/i);
  });

  it('flags a second application for the same victim and address as a possible repeat, never a silent second case', async () => {
    const first = referenceIn(
      (await applyOnline(new Visitor(server.base), { name: 'Alex Repeat', postcode: 'SG12 9ZZ' })).html,
    )!;
    const second = referenceIn(
      (await applyOnline(new Visitor(server.base), { name: 'alex  repeat', postcode: 'sg129zz' })).html,
    )!;
    expect(second).not.toBe(first);
    const { state } = await caseOf(second);
    expect(state.possibleRepeatOf).toEqual([expect.objectContaining({ reference: first })]);
    // Someone else at another address is no repeat.
    const other = referenceIn(
      (await applyOnline(new Visitor(server.base), { name: 'Alex Repeat', postcode: 'SG12 8AA' })).html,
    )!;
    expect((await caseOf(other)).state.possibleRepeatOf).toBeUndefined();
  });

  it('records one case however often the send button is pressed', async () => {
    const v = new Visitor(server.base);
    const done = await applyOnline(v, { name: 'Double Click', postcode: 'SG11 1AA' });
    const again = await v.post('/apply/check', {}, { csrf: v.lastToken! });
    expect(referenceIn(again.html)).toBe(referenceIn(done.html));
  });

  it('says what is wrong beside each field, in the error summary too', async () => {
    const v = new Visitor(server.base);
    await v.get('/apply/who');
    await v.post('/apply/who', { relationship: 'victim' });
    await v.post('/apply/victim-kind', { victimKind: 'individual' });
    const page = await v.post('/apply/victim-details', {
      name: '',
      address1: '1 Road',
      town: 'Ware',
      postcode: 'not a postcode',
    });
    expect(page.status).toBe(400);
    const text = textOf(page.html);
    expect(text).toMatch(/There is a problem/);
    expect(text).toMatch(/Enter the full name/);
    expect(text).toMatch(/Enter a real postcode/);
    expect(page.html).toContain('href="#postcode"');
    expect(page.html).toMatch(/<title>Error:/);
  });

  it('refuses a form without its token, and one that fills the hidden field, recording nothing', async () => {
    const v = new Visitor(server.base);
    await v.get('/apply/who');
    expect((await v.post('/apply/who', { relationship: 'victim' }, { csrf: null })).status).toBe(403);
    expect((await v.post('/apply/who', { relationship: 'victim' }, { csrf: 'forged' })).status).toBe(403);
    await v.get('/apply/who');
    expect(
      (await v.post('/apply/who', { relationship: 'victim', website: 'http://spam.example' })).status,
    ).toBe(403);
  });

  it('keeps a body under its size limit', async () => {
    const v = new Visitor(server.base);
    await v.get('/apply/account');
    const page = await v.post('/apply/who', { relationship: 'victim', padding: 'x'.repeat(80_000) });
    expect(page.status).toBe(413);
  });

  it('is framed by no one and runs no script but its own', async () => {
    const page = await new Visitor(server.base).get('/apply');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).not.toMatch(/unsafe-inline/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const scripts = [...page.html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.every((s) => s!.startsWith('/public-assets/'))).toBe(true);
  });
});

describe('the form’s rate limits (issue 17)', () => {
  let limited: LocalServer;
  let submissions: LocalServer;
  beforeAll(async () => {
    limited = await startLocalServer({
      now: () => now,
      env: { PUBLIC_REQUESTS_PER_ADDRESS: '1000', PUBLIC_REQUESTS_PER_SESSION: '5' },
    });
    submissions = await startLocalServer({ now: () => now, env: { PUBLIC_SUBMISSIONS_PER_ADDRESS: '1' } });
  });
  afterAll(async () => {
    await limited.close();
    await submissions.close();
  });

  it('lets one address send only so many applications an hour', async () => {
    const first = await applyOnline(new Visitor(submissions.base), { name: 'First One' });
    expect(first.status).toBe(200);
    const second = await applyOnline(new Visitor(submissions.base), { name: 'Second One' });
    expect(second.status).toBe(429);
    expect(second.headers.get('ratelimit-policy')).toBeTruthy();
  });

  it('slows one session down', async () => {
    const v = new Visitor(limited.base);
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push((await v.get('/apply')).status);
    expect(answers.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(answers.at(-1)).toBe(429);
    expect(textOf(v.last!.html)).toMatch(/Too many requests/);
  });
});
