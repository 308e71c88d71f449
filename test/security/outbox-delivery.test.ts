import { randomUUID } from 'node:crypto';
import { backoffMs, OutboxWorker } from '../../bot/app/outbox-worker';
import { Reactors } from '../../bot/app/reactors';
import type { Workspace } from '../../bot/ports/workspace';
import type { Runtime } from '../../bot/server/runtime';
import { startLocalServer, type LocalServer } from '../support/local-server';
import { FakeMessenger, FakeWorkspace } from '../bot/support/bot-world';
import { apiClient, type ApiClient } from '../support/api-client';
import { sampleApplication } from '../support/case-builder';

/** Teams at its slowest: every channel call takes `ms`, or fails while `down` is set. */
class SlowWorkspace extends FakeWorkspace implements Workspace {
  down?: Error;
  constructor(private readonly ms: number) {
    super();
  }
  override async createChannel(name: string, description: string) {
    await new Promise((r) => setTimeout(r, this.ms));
    if (this.down) throw this.down;
    return super.createChannel(name, description);
  }
}

/**
 * The side effects of a write (the case channel, its cards, partner emails) are stored with it and
 * delivered after the answer: the SPOC's write takes the same time whether Teams is fast, slow or down.
 */
describe('side effects through the outbox', () => {
  let local: LocalServer;
  let runtime: Runtime;
  let api: ApiClient;
  let now = new Date('2026-03-02T09:00:00Z');
  const workspace = new SlowWorkspace(2_500);
  const messenger = new FakeMessenger();

  beforeAll(async () => {
    local = await startLocalServer({ now: () => now, runtime: { teams: { workspace, messenger } } });
    runtime = local.runtime;
    api = apiClient(local.base);
  });
  afterAll(() => local.close());

  const openCase = async (token: string) => {
    const started = Date.now();
    const res = await api.call(token, 'POST', '/api/cases', {
      requestId: randomUUID(),
      receivedVia: 'email',
      agencies: ['ehc', 'herts-police'],
      application: sampleApplication('2026-03-02', ['2026-01-05']),
    });
    return { res, ms: Date.now() - started };
  };

  it('answers the SPOC at once while Teams takes seconds, then makes the channel', async () => {
    const spoc = await api.signIn('spoc-1');
    const { res, ms } = await openCase(spoc);
    expect(res.status).toBe(201);
    expect(ms).toBeLessThan(1_000); // Teams takes 2.5 s here
    expect(workspace.created).toBe(0);
    await runtime.deliveries.idle();
    const entries = await runtime.stores.outbox.forCase(res.body.caseId);
    expect(entries).toMatchObject([{ status: 'done', done: ['case-workspace'] }]);
    expect(workspace.channels.map((c) => c.name)).toEqual([`${res.body.reference}`]);
  }, 20_000);

  it('answers at once while Teams is down, keeps the effect, and delivers it once Teams is back', async () => {
    const spoc = await api.signIn('spoc-1');
    workspace.down = new Error('Teams unavailable');
    const { res, ms } = await openCase(spoc);
    expect([res.status, ms < 1_000]).toEqual([201, true]);
    await runtime.deliveries.idle();
    const [waiting] = await runtime.stores.outbox.forCase(res.body.caseId);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, done: [] });
    expect(waiting!.lastError).toMatch(/Teams unavailable/);
    const retryAt = Date.parse(waiting!.nextAttemptAt);
    expect(retryAt - now.getTime()).toBeGreaterThanOrEqual(backoffMs(1, () => 0));

    workspace.down = undefined;
    now = new Date(retryAt + 1);
    runtime.deliveries.kick();
    await runtime.deliveries.idle();
    expect((await runtime.stores.outbox.forCase(res.body.caseId))[0]).toMatchObject({
      status: 'done',
      attempts: 2,
    });
    const state = runtime.service.reduce((await runtime.stores.cases.getCase(res.body.caseId))!);
    expect(state.teamsChannel?.name).toBe(res.body.reference);
  }, 20_000);

  it('gives up after its attempts, saying so in the log and on the entry, and leaves the case as it was', async () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 0.5))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(30, () => 0.5)).toBe(3_600_000);

    const spoc = await api.signIn('spoc-1');
    const { res } = await openCase(spoc);
    await runtime.deliveries.idle();
    const record = (await runtime.stores.cases.getCase(res.body.caseId))!;
    const note = {
      id: randomUUID(),
      type: 'note-added',
      actor: 'spoc-1',
      at: now.toISOString(),
      payload: { text: 'x' },
    };
    await runtime.stores.cases.append(res.body.caseId, record.projection.version, {
      events: [note],
      effects: ['always-fails'],
    });
    const logs: string[] = [];
    const worker = new OutboxWorker({
      outbox: runtime.stores.outbox,
      reactors: new Reactors([
        { name: 'always-fails', react: () => Promise.reject(new Error('no such host')) },
      ]),
      person: (id) => runtime.directory.get(id)!,
      now: () => now,
      log: (m) => logs.push(m),
      maxAttempts: 2,
    });
    for (let attempt = 1; attempt <= 3; attempt++) {
      worker.kick();
      await worker.idle();
      now = new Date(now.getTime() + 3_600_000 * 2);
    }
    const entry = (await runtime.stores.outbox.forCase(res.body.caseId)).find((e) => e.entryId === note.id);
    expect(entry).toMatchObject({ status: 'failed', attempts: 2, done: [] });
    expect(logs).toEqual([
      expect.stringMatching(/will be retried \(attempt 1\): always-fails: Error: no such host/),
      expect.stringMatching(/failed for good \(attempt 2\)/),
    ]);
    expect((await runtime.stores.cases.getCase(res.body.caseId))!.events.at(-1)!.id).toBe(note.id);
  });
});
