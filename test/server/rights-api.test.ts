import { randomUUID } from 'node:crypto';
import { sampleApplication } from '../support/case-builder';
import { startLocalServer, type LocalServer } from '../support/local-server';

/**
 * Issue 13 through the HTTP API, under the East Herts policy: a closure that keeps the applicant's rights
 * open, the CT3a request on day 9 that reopens the case (East Herts s.11: "should be received within 28 days
 * of the decision"), a route the policy does not have, and the panel minimum from its own list (s.12).
 */
describe('the rights and the policy at the API (local mode, East Herts)', () => {
  let local: LocalServer;
  let now = new Date('2026-03-10T09:00:00Z');
  let spoc = '';

  beforeAll(async () => {
    local = await startLocalServer({ now: () => now });
    const res = await fetch(`${local.base}/api/local/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ personId: 'spoc-1' }),
    });
    spoc = ((await res.json()) as { token: string }).token;
  });

  afterAll(async () => {
    await local?.close();
  });

  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${local.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${spoc}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  async function openCase(): Promise<string> {
    const { body } = await call('POST', '/api/cases', {
      requestId: randomUUID(),
      receivedVia: 'email',
      agencies: ['ehc', 'hcc', 'herts-police', 'social-housing'],
      application: sampleApplication('2026-03-02', ['2026-01-05', '2026-01-20', '2026-02-10']),
    });
    return body.caseId as string;
  }

  const record = (caseId: string, type: string, payload: unknown, id: string = randomUUID()) =>
    call('POST', `/api/cases/${caseId}/events`, { id, type, payload });

  const decision = (outcome: 'met' | 'not-met', route?: string) => ({
    decidedOn: '2026-03-10',
    outcome,
    ...(route ? { route } : {}),
    advisedOutcome: outcome,
    reasons: [],
    decidedBy: 'spoc-1',
  });

  it('closes a "not met" case only keeping the CT3a right open; the request on day 9 reopens it, once', async () => {
    now = new Date('2026-03-10T09:00:00Z');
    const caseId = await openCase();
    expect((await record(caseId, 'threshold-decided', decision('not-met'))).status).toBe(201);
    const close = { closedOn: '2026-03-10', reason: 'threshold-not-met', victimToldOn: '2026-03-10' };
    const refused = await record(caseId, 'case-closed', close);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/until 2026-04-07/);
    expect((await record(caseId, 'case-closed', { ...close, keepRightsOpen: true })).status).toBe(201);

    now = new Date('2026-03-19T09:00:00Z');
    const requestId = randomUUID();
    const request = { appealId: 'ap-1', receivedOn: '2026-03-19', grounds: ['threshold-wrongly-refused'] };
    const first = await record(caseId, 'threshold-review-requested', request, requestId);
    expect(first.status).toBe(201);
    const again = await record(caseId, 'threshold-review-requested', request, requestId);
    expect(again).toMatchObject({ status: 200, body: { alreadyRecorded: true } }); // a retry: told so
    expect(again.body.version).toBe(first.body.version);

    const { body: detail } = await call('GET', `/api/cases/${caseId}`);
    expect(detail.state.status).toBe('appeal');
    const types = detail.state.timeline.map((t: { type: string }) => t.type);
    expect(types.slice(-3)).toEqual(['case-closed', 'case-reopened', 'threshold-review-requested']);
    expect(detail.state.reopenings).toEqual([
      expect.objectContaining({ closedOn: '2026-03-10', reopenedOn: '2026-03-19' }),
    ]);
    const list = await call('GET', `/api/cases?status=appeal`);
    expect(list.body.items.map((i: { caseId: string }) => i.caseId)).toContain(caseId);
  });

  it('refuses a decision by a route East Herts does not have (s.5: no hate route)', async () => {
    now = new Date('2026-03-10T09:00:00Z');
    const caseId = await openCase();
    const refused = await record(caseId, 'threshold-decided', decision('met', 'hate'));
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/no "hate" route/);
  });

  it('does not count the county council toward the panel minimum (s.12)', async () => {
    now = new Date('2026-03-10T09:00:00Z');
    const caseId = await openCase();
    expect((await record(caseId, 'threshold-decided', decision('met', 'count'))).status).toBe(201);
    now = new Date('2026-03-20T09:00:00Z');
    const attendees = ['ehc', 'hcc', 'herts-police'].map((agencyId) => ({
      name: `Officer of ${agencyId}`,
      agencyId,
      role: 'member',
    }));
    const review = {
      heldOn: '2026-03-20',
      attendees,
      victimParticipation: 'none',
      recommendations: [],
      actions: [],
      chair: { name: 'J Lee', organisation: 'Stevenage Borough Council', independent: true },
    };
    const refused = await record(caseId, 'review-held', review);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(
      /it had 2 \(East Herts District Council, Hertfordshire Constabulary\)/,
    );
    const quorate = {
      ...review,
      attendees: [...attendees, { name: 'Housing officer', agencyId: 'social-housing', role: 'member' }],
    };
    const held = await record(caseId, 'review-held', quorate);
    expect(held.status).toBe(201);
    const { body: detail } = await call('GET', `/api/cases/${caseId}`);
    expect(detail.state.reviews[0].chair).toEqual(review.chair);
  });
});
