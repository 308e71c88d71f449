import { GraphApi } from '../../bot/adapters/graph/graph-client';
import { ConcurrencyError } from '../../bot/store/case-log';
import { openSharePointStores } from '../../bot/adapters/graph/sharepoint-stores';
import { LEGAL_HOLD_SET } from '../../bot/store/projection';
import { LISTS } from '../../bot/adapters/graph/list-schema';
import { eq } from '../../bot/adapters/graph/odata';
import { SharePointList, versionOf } from '../../bot/adapters/graph/sharepoint-list';
import { sharePointStore } from './harnesses';
import { ev, requestRecord, simpleProjector, TestClock } from './simple-projector';

const noSleep = () => Promise.resolve();
const sharePointHarness = sharePointStore;

describe('SharePoint store under faults', () => {
  let h: Awaited<ReturnType<typeof sharePointHarness>>;
  let clock: TestClock;
  beforeEach(async () => {
    clock = new TestClock();
    h = await sharePointHarness(clock);
  });
  afterEach(() => h.double.stop());

  const listId = (name: string) => h.double.list(name).id;
  const request = (agencyId: string, requestId: string) => requestRecord(requestId, agencyId);

  it('loses nothing in a throttling storm (429s with Retry-After, 503s, throttled batch sub-requests)', async () => {
    const waits: number[] = [];
    const api = new GraphApi({
      baseUrl: h.double.baseUrl,
      tokens: h.double.tokens,
      sleep: async (ms) => void waits.push(ms),
    });
    const store = await openSharePointStores({
      api,
      siteId: h.double.site.id,
      projector: simpleProjector,
      clock: clock.now,
    });
    h.double.addFault({ status: 429, retryAfter: 2, times: 4 }); // a storm: the next 4 requests
    h.double.addFault({ status: 429, retryAfter: 1, every: 3, scope: 'http' });
    h.double.addFault({ status: 503, retryAfter: 0, every: 7, scope: 'http' });
    h.double.addFault({ status: 429, retryAfter: 1, every: 4, scope: 'batch-item' });

    const made = [];
    for (let i = 0; i < 5; i++) {
      const opened = await store.cases.createCase({
        openedOn: '2026-03-02',
        events: [ev('application-received', { agencies: ['police', 'council'] })],
        agencyRequests: [request('police', `p-${i}`), request('council', `c-${i}`)],
      });
      for (let v = 1; v <= 3; v++) await store.cases.append(opened.caseId, v, { events: [ev(`step-${v}`)] });
      made.push(opened);
    }
    const claims = await Promise.all(['a', 'b', 'a', 'c'].map((k) => store.claims.claimReminder(k)));

    const throttled = h.double.log.filter((e) => e.status === 429 || e.status === 503);
    expect(throttled.length).toBeGreaterThan(15);
    expect(throttled.some((e) => e.inBatch)).toBe(true);
    expect(waits).toContain(2000);
    expect(waits).toContain(1000);
    h.double.clearFaults();

    expect(new Set(made.map((m) => m.reference)).size).toBe(5);
    for (const m of made) {
      const got = await store.cases.getCase(m.caseId);
      expect(got?.events.map((e) => e.type)).toEqual(['application-received', 'step-1', 'step-2', 'step-3']);
      expect(got?.projection).toMatchObject({
        version: 4,
        status: 'step-3',
        agencies: ['council', 'police'],
      });
    }
    expect((await store.cases.agencyRequests('police', { limit: 100 })).items).toHaveLength(5);
    expect((await store.cases.listCases({ agencyId: 'council' })).items).toHaveLength(5);
    expect(claims.filter((c, i) => ['a', 'b', 'a', 'c'][i] === 'a' && c)).toHaveLength(1);
    expect(claims.filter(Boolean)).toHaveLength(3);
  });

  it('turns a second writer of the same position into a ConcurrencyError (409 on CaseSeq)', async () => {
    const { caseId } = await h.stores.cases.createCase({ openedOn: '2026-03-02', events: [ev('opened')] });
    const other = await h.open();
    // Hold both batches a moment so both writers read version 1 before either writes.
    h.double.addFault({
      action: 'delay',
      delayMs: 30,
      scope: 'http',
      match: (r) => r.path.startsWith('/$batch'),
    });
    const results = await Promise.allSettled([
      h.stores.cases.append(caseId, 1, { events: [ev('a')] }),
      other.cases.append(caseId, 1, { events: [ev('b')] }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ConcurrencyError);
    const events = listId('ASB Case Events');
    expect(h.double.log.some((e) => e.status === 409 && e.path.includes(events))).toBe(true);
    expect((await h.stores.cases.getCase(caseId))?.projection.version).toBe(2);
  });

  it('repairs a case when the projection write never happened (crash after the events)', async () => {
    const { caseId } = await h.stores.cases.createCase({
      openedOn: '2026-03-02',
      events: [ev('opened', { agencies: ['police'] })],
    });
    const cases = listId('ASB Cases');
    h.double.addFault({
      action: 'reset',
      scope: 'batch-item',
      match: (r) => r.method === 'POST' && r.path.includes(listId('ASB Agency Requests')),
    });
    await expect(
      h.stores.cases.append(caseId, 1, {
        events: [ev('returns-requested', { agencies: ['council'] })],
        agencyRequests: [request('council', 'r-1')],
      }),
    ).rejects.toThrow();
    h.double.clearFaults();
    // The events are stored; the records and the projection are not, yet.
    expect([...h.double.list('ASB Case Events').items.values()]).toHaveLength(2);
    expect((await h.stores.cases.listCases()).items[0]).toMatchObject({ version: 1, status: 'opened' });
    expect(h.double.log.some((e) => e.method === 'PATCH' && e.path.includes(cases))).toBe(false);

    const next = await h.open(); // the next run: reading the case rolls it forward
    const got = await next.cases.getCase(caseId);
    expect(got?.projection).toMatchObject({
      version: 2,
      status: 'returns-requested',
      agencies: ['council', 'police'],
    });
    expect((await next.cases.caseRequests(caseId)).map((r) => r.requestId)).toEqual(['r-1']);
    expect((await next.cases.listCases({ agencyId: 'council' })).items.map((c) => c.caseId)).toEqual([
      caseId,
    ]);
    expect(await next.cases.append(caseId, 2, { events: [ev('after')] })).toEqual({
      version: 3,
      appended: true,
    });
  });

  it('repairs an opening cut short before the Cases item, on the next start or on a retry', async () => {
    h.double.addFault({
      action: 'reset',
      scope: 'batch-item',
      match: (r) => r.method === 'POST' && r.path.includes(listId('ASB Cases')),
      times: 1,
    });
    const input = { openedOn: '2026-03-02', events: [ev('application-received', { agencies: ['police'] })] };
    await expect(h.stores.cases.createCase(input)).rejects.toThrow();
    expect((await h.stores.cases.listCases()).items).toEqual([]); // not visible half-written

    const next = await h.open(); // repairRecent on open
    const listed = (await next.cases.listCases()).items;
    expect(listed.map((c) => [c.reference, c.version, c.agencies])).toEqual([
      ['CT-2026-0001', 1, ['police']],
    ]);
    expect(await next.cases.createCase(input)).toEqual({
      caseId: listed[0]!.caseId,
      reference: 'CT-2026-0001',
      version: 1,
      alreadyRecorded: true,
    });
    expect((await next.cases.createCase({ openedOn: '2026-03-03', events: [ev('x')] })).reference).toBe(
      'CT-2026-0003',
    );
  });

  it('finishes a purge cut short: the case stays hidden, the next run completes it and logs it once', async () => {
    const { caseId, reference } = await h.stores.cases.createCase({
      openedOn: '2019-01-07',
      events: [ev('opened')],
    });
    await h.stores.cases.append(caseId, 1, { events: [ev('case-closed', { closedOn: '2019-02-01' })] });
    await h.stores.files.putFile(
      caseId,
      { kind: 'letter', name: 'outcome.docx', contentType: 'application/octet-stream', storedBy: 'o' },
      Buffer.from('letter'),
    );
    expect([...h.double.site.drive.keys()].some((k) => k.includes(caseId))).toBe(true);
    h.double.addFault({
      action: 'reset',
      scope: 'batch-item',
      match: (r) => r.method === 'DELETE',
      times: 1,
    });
    const purge = { today: '2026-01-01', retentionYears: 6, by: 'records-officer' };
    await expect(h.stores.purges.purgeExpired(purge)).rejects.toThrow();
    expect(await h.stores.cases.getCase(caseId)).toBeNull();
    expect((await h.stores.cases.listCases()).items).toEqual([]);

    const done = await h.stores.purges.purgeExpired({ ...purge, today: '2025-01-01' }); // resumes whatever the date
    expect(done.map((p) => p.reference)).toEqual([reference]);
    expect((await h.stores.purges.purgeLog()).map((p) => p.reference)).toEqual([reference]);
    expect([...h.double.site.drive.keys()].some((k) => k.includes(caseId))).toBe(false);
    for (const list of ['ASB Cases', 'ASB Case Events', 'ASB Case Files', 'ASB Case Agencies'])
      expect([...h.double.list(list).items.values()].filter((i) => i.fields.CaseId === caseId)).toEqual([]);
  });

  it('never purges a case whose legal hold is in the log but not yet in the projection', async () => {
    const { caseId } = await h.stores.cases.createCase({ openedOn: '2019-01-07', events: [ev('opened')] });
    await h.stores.cases.append(caseId, 1, { events: [ev('case-closed', { closedOn: '2019-02-01' })] });
    h.double.addFault({
      action: 'reset',
      scope: 'batch-item',
      match: (r) => r.method === 'PATCH' && r.path.includes(listId('ASB Cases')),
      times: 1,
    });
    await expect(
      h.stores.cases.append(caseId, 2, { events: [ev(LEGAL_HOLD_SET, { reason: 'Claim pending' })] }),
    ).rejects.toThrow();
    expect((await h.stores.cases.listCases()).items[0]?.legalHold).toBe(false); // the projection is behind
    const next = await openSharePointStores({
      api: h.api(),
      siteId: h.double.site.id,
      projector: simpleProjector,
      clock: clock.now,
      repairOnOpen: false,
    });
    expect(
      await next.purges.purgeExpired({ today: '2026-01-01', retentionYears: 6, by: 'records-officer' }),
    ).toEqual([]);
    expect((await next.cases.getCase(caseId))?.projection.legalHold).toBe(true);
  });

  it('keeps working past 5,000 items in the events list, because every read filters on indexed columns', async () => {
    const body = (id: string) =>
      JSON.stringify({
        v: 1,
        events: [{ id, type: 'old', actor: 'a', at: '2020-01-01T00:00:00Z', payload: {} }],
      });
    h.double.seedItems(
      'ASB Case Events',
      Array.from({ length: 5200 }, (_, i) => ({
        Title: `seed-${i}:1`,
        CaseId: `seed-${i}`,
        Seq: 1,
        LastSeq: 1,
        CaseSeq: `seed-${i}:1`,
        EventId: `seed-event-${i}`,
        EventTypes: 'old',
        RecordedAt: '2020-01-01T00:00:00.000Z',
        Body: body(`seed-event-${i}`),
      })),
    );
    const store = await h.open();
    const { caseId } = await store.cases.createCase({ openedOn: '2026-03-02', events: [ev('opened')] });
    await store.cases.append(caseId, 1, { events: [ev('next')] });
    expect((await store.cases.getCase(caseId))?.events.map((e) => e.type)).toEqual(['opened', 'next']);
    expect(
      await store.cases.append(caseId, 1, { events: [ev('stale')] }).catch((e: unknown) => e),
    ).toBeInstanceOf(ConcurrencyError);

    // The same list refuses a query on a column that is not indexed, even with the Prefer header (the
    // double answers what Graph answers past the list view threshold).
    const events = listId('ASB Case Events');
    await expect(
      h
        .api()
        .request(
          'GET',
          `/sites/${h.double.site.id}/lists/${events}/items?$filter=fields/EventTypes eq 'old'`,
          {
            headers: { Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' },
          },
        ),
    ).rejects.toMatchObject({ status: 429, code: 'activityLimitReached' });
  });

  it('splits a write of more than 20 items into batches of at most 20', async () => {
    const agencies = Array.from({ length: 12 }, (_, i) => `agency-${i}`);
    const { caseId } = await h.stores.cases.createCase({
      openedOn: '2026-03-02',
      events: [ev('application-received', { agencies })],
      agencyRequests: agencies.map((a) => request(a, `r-${a}`)),
    });
    expect(h.double.log.some((e) => e.status === 400)).toBe(false);
    expect(h.double.stats().batches).toBeGreaterThanOrEqual(2);
    expect(await h.stores.cases.caseRequests(caseId)).toHaveLength(12);
    expect((await h.stores.cases.getCase(caseId))?.projection.agencies).toHaveLength(12);
  });

  it('appends right after a read for it in one request (the $batch), and still refuses a writer it missed', async () => {
    const { caseId } = await h.stores.cases.createCase({
      openedOn: '2026-03-02',
      events: [ev('application-received', { agencies: ['police'] })],
      agencyRequests: [request('police', 'r-1')],
    });
    const returned = {
      ...request('police', 'r-1'),
      status: 'returned' as const,
      returnedAt: '2026-03-03T10:00:00.000Z',
    };
    await h.stores.cases.getCase(caseId, { forAppend: true });
    h.double.resetStats();
    await h.stores.cases.append(caseId, 1, { events: [ev('return-received')], agencyRequests: [returned] });
    expect(h.double.stats().http).toBe(1);
    expect(await h.stores.cases.caseRequests(caseId)).toEqual([
      expect.objectContaining({ status: 'returned' }),
    ]);

    // Another instance appends between this one's read and its append: the commit is refused, nothing lost.
    await h.stores.cases.getCase(caseId, { forAppend: true });
    const other = await h.open();
    await other.cases.append(caseId, 2, { events: [ev('note-added')] });
    await expect(h.stores.cases.append(caseId, 2, { events: [ev('late')] })).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    expect((await h.stores.cases.getCase(caseId))?.events.map((e) => e.type)).toEqual([
      'application-received',
      'return-received',
      'note-added',
    ]);
  });

  it('opens a case in a constant number of HTTP requests, whatever the incidents and agencies', async () => {
    const open = async (incidents: number, agencies: number) => {
      h.double.resetStats();
      const names = Array.from({ length: agencies }, (_, i) => `agency-${i}`);
      await h.stores.cases.createCase({
        openedOn: '2026-03-02',
        events: [
          ev('application-received', {
            agencies: names,
            incidents: Array.from({ length: incidents }, (_, i) => ({ on: `2026-02-0${i + 1}` })),
          }),
        ],
        agencyRequests: names.map((a) => request(a, `${a}-${incidents}-${agencies}`)),
      });
      return h.double.stats();
    };
    const small = await open(1, 1);
    const large = await open(5, 4);
    expect(small.http).toBe(2);
    expect(large.http).toBe(2);
    expect(large.subRequests - small.subRequests).toBe(6); // one request and one case-agency item per agency
  });
});

describe('an update answered without @odata.etag (as Microsoft Learn documents listitem-update)', () => {
  let h: Awaited<ReturnType<typeof sharePointHarness>>;
  beforeEach(async () => {
    h = await sharePointHarness(new TestClock());
  });
  afterEach(() => h.double.stop());

  it('reads the item again for its new etag, which the next conditional write accepts', async () => {
    const list = new SharePointList(
      h.api(),
      h.double.site.id,
      h.double.list('ASB Counters').id,
      LISTS.counters,
    );
    const item = await list.create({ Title: 'x', CounterKey: 'k', CounterValue: 1 });
    const second = await list.update(item.id, item.etag, { CounterValue: 2 });
    expect(versionOf(second)).toBe(versionOf(item.etag)! + 1);
    const third = await list.update(item.id, second, { CounterValue: 3 });
    expect(versionOf(third)).toBe(versionOf(second)! + 1);
    expect(h.double.log.some((e) => e.status === 412)).toBe(false);
  });

  it('does not vouch for an etag someone else wrote in between: the next conditional write gets 412', async () => {
    const other = new SharePointList(
      h.api(),
      h.double.site.id,
      h.double.list('ASB Counters').id,
      LISTS.counters,
    );
    let race: (() => Promise<unknown>) | undefined;
    class RacingApi extends GraphApi {
      override async get<T>(path: string, headers?: Record<string, string>): Promise<T> {
        const now = race;
        race = undefined;
        if (now) await now(); // another writer lands between our PATCH and our re-read
        return super.get<T>(path, headers);
      }
    }
    const api = new RacingApi({ baseUrl: h.double.baseUrl, tokens: h.double.tokens, sleep: noSleep });
    const list = new SharePointList(api, h.double.site.id, h.double.list('ASB Counters').id, LISTS.counters);
    const item = await list.create({ Title: 'x', CounterKey: 'k', CounterValue: 1 });
    race = async () => {
      const seen = (await other.first({ select: ['CounterValue'], filter: eq('CounterKey', 'k') }))!;
      await other.update(seen.id, seen.etag, { CounterValue: 99 });
    };
    const ours = await list.update(item.id, item.etag, { CounterValue: 2 });
    expect(ours).toBe(item.etag); // stale on purpose
    await expect(list.update(item.id, ours, { CounterValue: 3 })).rejects.toMatchObject({ status: 412 });
  });
});
