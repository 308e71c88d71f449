import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPolicy } from '../../shared';
import { GraphApi } from '../../bot/adapters/graph/graph-client';
import { provisionSite } from '../../bot/adapters/graph/provision';
import { openSharePointStores } from '../../bot/adapters/graph/sharepoint-stores';
import { openSqliteStores } from '../../bot/adapters/sqlite/sqlite-stores';
import { summarizer } from '../../bot/app/case-facts';
import { caseProjector } from '../../bot/app/case-projector';
import { CaseService } from '../../bot/app/case-service';
import { sampleDirectory } from '../../bot/app/directory';
import { purgeDate, Retention } from '../../bot/app/retention';
import type { Stores } from '../../bot/store/stores';
import { FakeMessenger } from '../bot/support/bot-world';
import { sampleApplication } from '../support/case-builder';
import { GraphDouble } from '../support/graph-double/graph-double';

const VICTIM = {
  name: 'Alice Victimson',
  address: '12 Sample Road, Hertford SG13 1AA',
  email: 'alice@example.org',
};

type StoreKind = 'SQLite' | 'SharePoint through Graph (double)';

/** The product's store of each kind, on fresh storage, reading the test's clock. */
async function openStore(
  kind: StoreKind,
  now: () => Date,
): Promise<{ store: Stores; close: () => Promise<void> }> {
  const policy = getPolicy('east-herts');
  const projector = caseProjector(policy, now);
  if (kind === 'SQLite') {
    const dir = mkdtempSync(join(tmpdir(), 'asb-retention-'));
    const store = openSqliteStores({ dataDir: dir, projector, clock: now });
    return { store, close: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  const double = await GraphDouble.start();
  try {
    const api = new GraphApi({ baseUrl: double.baseUrl, tokens: double.tokens, sleep: async () => {} });
    double.grantSite('manage');
    await provisionSite(api, double.site.id);
    double.grantSite('write');
    const store = await openSharePointStores({ api, siteId: double.site.id, projector, clock: now });
    return { store, close: () => double.stop() };
  } catch (err) {
    await double.stop();
    throw err;
  }
}

/**
 * Retention as it runs (issue 18): over a clock that moves forward years, on both stores, the daily sweep
 * purges closed cases past the policy's retention, keeps a case on legal hold until a manager releases it,
 * leaves open cases alone, tells the SPOC and managers a week before, keeps the statistics true, and
 * leaves a purge record with no personal data.
 */
describe.each<StoreKind>(['SQLite', 'SharePoint through Graph (double)'])('retention on %s', (kind) => {
  let now = new Date('2026-03-02T10:00:00Z');
  const clock = () => now;
  const at = (date: string) => (now = new Date(`${date}T10:00:00Z`));
  let store: Stores;
  let close: () => Promise<void>;
  let service: CaseService;
  let retention: Retention;
  const messenger = new FakeMessenger();
  const policy = getPolicy('east-herts');
  const directory = sampleDirectory(policy);
  const spoc = directory.get('spoc-1')!;
  const police = directory.get('herts-police-1')!;

  beforeAll(async () => {
    ({ store, close } = await openStore(kind, clock));
    service = new CaseService({ ...store, policy, directory, now: clock });
    retention = new Retention({
      ...store,
      service,
      directory,
      messenger,
      summarize: summarizer(policy),
      log: () => {},
    });
  });
  afterAll(() => close?.());

  const open = async (title: string) =>
    service.openCase(
      {
        requestId: randomUUID(),
        receivedVia: 'email',
        agencies: ['ehc', 'herts-police'],
        title,
        parties: { victim: VICTIM },
        application: sampleApplication(now.toISOString().slice(0, 10), [
          '2026-01-05',
          '2026-01-20',
          '2026-02-10',
        ]),
      },
      spoc,
    );
  const withdraw = (caseId: string, on: string) =>
    service.recordEvent(
      caseId,
      {
        id: randomUUID(),
        type: 'case-closed',
        payload: { closedOn: on, reason: 'withdrawn', victimToldOn: on },
      },
      spoc,
    );

  it('purges past retention, keeps a held case until released, never an open one; statistics stay true', async () => {
    const gone = await open('Kept six years');
    const held = await open('Kept for a claim');
    const live = await open('Still open');
    at('2026-03-05');
    await withdraw(gone.caseId, '2026-03-05');
    await withdraw(held.caseId, '2026-03-05');
    // Only a manager sets a hold; with a reason; the change is in the case's log.
    await expect(
      retention.setLegalHold(
        held.caseId,
        { on: true, reason: 'Civil claim', requestId: randomUUID() },
        police,
      ),
    ).rejects.toThrow(/Only a manager/);
    const holdId = randomUUID();
    await retention.setLegalHold(held.caseId, { on: true, reason: 'Civil claim', requestId: holdId }, spoc);
    expect(
      await retention.setLegalHold(held.caseId, { on: true, reason: 'Civil claim', requestId: holdId }, spoc),
    ).toEqual({ legalHold: true, alreadyRecorded: true });
    await expect(
      retention.setLegalHold(held.caseId, { on: true, reason: 'Again', requestId: randomUUID() }, spoc),
    ).rejects.toThrow(/already on legal hold/);
    const before = await service.statistics('2025-04-01', '2026-03-31', spoc);
    expect(before.applications.count).toBe(3);

    // The dry run: when each closed case goes; the held one is listed as held.
    const report = await retention.report(spoc);
    expect(report.upcoming.map((u) => [u.reference, u.purgeOn, u.legalHold])).toEqual([
      [gone.reference, '2032-03-06', false],
      [held.reference, '2032-03-06', true],
    ]);
    expect(purgeDate('2026-03-05', 6)).toBe('2032-03-06');

    // A week before: the SPOC and the managers are told, once; not about the held case.
    at('2032-02-27');
    expect(await retention.notifyUpcoming('2032-02-27')).toBe(0); // eight days out (2032 is a leap year)
    at('2032-02-28');
    const told = await retention.notifyUpcoming('2032-02-28');
    expect(told).toBe(1); // Sam Patel is both the SPOC and the manager: one message
    expect(await retention.notifyUpcoming('2032-03-01')).toBe(0);
    const notice = JSON.stringify(messenger.sent.at(-1)!.message.card);
    expect(notice).toContain(gone.reference);
    expect(notice).not.toContain(held.reference);
    expect(notice).not.toContain(VICTIM.name);

    // The last day of retention: nothing goes. The day after: the unheld case goes.
    at('2032-03-05');
    expect(await retention.sweep('2032-03-05')).toEqual([]);
    at('2032-03-06');
    const purged = await retention.sweep('2032-03-06');
    expect(purged.map((p) => [p.reference, p.by])).toEqual([[gone.reference, 'retention-sweep']]);
    expect(await retention.sweep('2032-03-06')).toEqual([]); // claimed: once a day
    expect(await store.cases.getCase(gone.caseId)).toBeNull();
    expect(await store.cases.getCase(held.caseId)).not.toBeNull();
    expect(await store.cases.getCase(live.caseId)).not.toBeNull();

    // The figures of 2025/26 are the same after the purge: the purge log keeps the facts they count.
    const after = await service.statistics('2025-04-01', '2026-03-31', spoc);
    expect(after.applications).toEqual(before.applications);
    expect(after.byMonth).toEqual(before.byMonth);

    // Released: the next day's sweep takes it.
    at('2032-03-08');
    await retention.setLegalHold(
      held.caseId,
      { on: false, reason: 'Claim settled', requestId: randomUUID() },
      spoc,
    );
    const timeline = service.reduce((await store.cases.getCase(held.caseId))!).timeline.map((t) => t.type);
    expect(timeline.filter((t) => t.startsWith('legal-hold'))).toEqual([
      'legal-hold-set',
      'legal-hold-released',
    ]);
    const next = await retention.sweep('2032-03-08');
    expect(next.map((p) => p.reference)).toEqual([held.reference]);

    const log = (await retention.report(spoc)).purged;
    expect(log.map((p) => p.reference)).toEqual([gone.reference, held.reference]);
    expect(JSON.stringify(await store.purges.purgeLog())).not.toMatch(
      /Alice|Victimson|Sample Road|alice@|Civil claim|Kept/,
    );
    expect((await retention.report(spoc)).upcoming).toEqual([]);
    expect(await store.cases.getCase(live.caseId)).not.toBeNull();
  });

  it('lets a manager run the sweep now, recorded under their name; no one else', async () => {
    await expect(retention.runNow(police)).rejects.toThrow(/Only a manager/);
    expect(await retention.runNow(spoc)).toEqual([]);
  });
});
