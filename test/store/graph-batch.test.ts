import { chain, runBatch, type BatchStep } from '../../bot/adapters/graph/graph-batch';
import { GraphApi, retryDelayMs } from '../../bot/adapters/graph/graph-client';
import { GraphDouble } from '../support/graph-double/graph-double';

describe('Graph batches and throttling', () => {
  let g: GraphDouble;
  let waits: number[];
  let api: GraphApi;
  let items: string;
  beforeEach(async () => {
    g = await GraphDouble.start();
    g.grantSite('manage');
    waits = [];
    api = new GraphApi({
      baseUrl: g.baseUrl,
      tokens: g.tokens,
      sleep: async (ms) => void waits.push(ms),
    });
    const list = await api.request<{ id: string }>('POST', `/sites/${g.site.id}/lists`, {
      body: {
        displayName: 'T',
        columns: [{ name: 'Key', text: {}, indexed: true, enforceUniqueValues: true }],
      },
    });
    items = `/sites/${g.site.id}/lists/${list.body.id}/items`;
    g.resetStats();
  });
  afterEach(() => g.stop());

  const post = (id: string, key: string, dependsOn?: string[]): BatchStep => ({
    id,
    method: 'POST',
    url: items,
    body: { fields: { Key: key } },
    ...(dependsOn ? { dependsOn } : {}),
  });
  const keys = () => [...g.list('T').items.values()].map((i) => i.fields.Key).sort();

  it('retries throttled sub-requests (and what depends on them) after their Retry-After', async () => {
    g.addFault({
      scope: 'batch-item',
      status: 429,
      retryAfter: 2,
      times: 1,
      match: (r) => r.method === 'POST',
    });
    g.addFault({ scope: 'batch-item', status: 503, retryAfter: 1, times: 1, every: 3 });
    const results = await runBatch(
      api,
      chain([post('a', 'a'), post('b', 'b'), post('c', 'c'), post('d', 'd')]),
    );
    expect([...results.values()].map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(keys()).toEqual(['a', 'b', 'c', 'd']);
    expect(waits[0]).toBe(2000);
    expect(g.stats().batches).toBeGreaterThanOrEqual(2);
    expect(g.log.some((e) => e.status === 400)).toBe(false);
  });

  it('refuses, before sending, a dependsOn shape Graph would answer 400 (a fan-out that fans back in)', async () => {
    const fanInOut = [post('a', 'a'), post('b', 'b', ['a']), post('c', 'c', ['a']), post('d', 'd', ['b'])];
    await expect(runBatch(api, fanInOut)).rejects.toThrow(/serial chain/);
    await expect(
      runBatch(api, [post('a', 'a'), post('b', 'b', ['a']), post('c', 'c'), post('d', 'd', ['c'])]),
    ).rejects.toThrow();
    expect(g.stats().http).toBe(0);
  });

  it('keeps a fan-out on the first request valid when it spills into a second batch', async () => {
    const steps = [
      post('root', 'root'),
      ...Array.from({ length: 25 }, (_, i) => post(`f${i}`, `f${i}`, ['root'])),
    ];
    const results = await runBatch(api, steps);
    expect([...results.values()].every((r) => r.status === 201)).toBe(true);
    expect(g.stats().batches).toBe(2);
    expect(g.log.some((e) => e.status === 400)).toBe(false);
  });

  it('answers 424 for what depends on a request that failed for good, without sending it', async () => {
    await runBatch(api, [post('x', 'dup')]);
    g.resetStats();
    const results = await runBatch(api, [post('a', 'dup'), post('b', 'b', ['a']), post('c', 'c', ['a'])]);
    expect(results.get('a')?.status).toBe(409);
    expect(results.get('b')?.status).toBe(424);
    expect(results.get('c')?.status).toBe(424);
    expect(keys()).toEqual(['dup']);
    const serial = await runBatch(api, chain([post('x', 'x'), post('y', 'dup'), post('z', 'z')]));
    expect([...serial.values()].map((r) => r.status)).toEqual([201, 409, 424]);
  });

  it('sends at most 20 requests a batch and keeps dependsOn order across batches', async () => {
    const steps = Array.from({ length: 45 }, (_, i) =>
      post(`s${i}`, `k${i}`, i > 0 ? [`s${i - 1}`] : undefined),
    );
    const results = await runBatch(api, steps);
    expect([...results.values()].every((r) => r.status === 201)).toBe(true);
    expect(g.stats().batches).toBe(3);
    expect([...g.list('T').items.values()].map((i) => i.fields.Key)).toEqual(steps.map((_, i) => `k${i}`));
  });

  it('gives up after the attempt limit and reports the last status', async () => {
    g.addFault({ scope: 'batch-item', status: 429, retryAfter: 0 });
    const results = await runBatch(api, [post('a', 'a'), post('b', 'b', ['a'])]);
    expect(results.get('a')?.status).toBe(429);
    expect(results.get('b')?.status).toBe(424);
    expect(g.stats().batches).toBe(api.maxAttempts);
  });

  it('retries whole requests answered 429, 503 or 504, honouring Retry-After, a bounded number of times', async () => {
    g.addFault({ scope: 'http', status: 429, retryAfter: 7, times: 2 });
    g.addFault({ scope: 'http', status: 503, times: 1 });
    g.addFault({ scope: 'http', status: 504, times: 1 });
    await expect(api.get(`${items}?$expand=fields`)).resolves.toMatchObject({ value: [] });
    expect(waits).toEqual([7000, 7000, 4000, 8000]);
    g.addFault({ scope: 'http', status: 503, retryAfter: 0 });
    await expect(api.get(`${items}?$expand=fields`)).rejects.toMatchObject({ status: 503 });
  });

  it('does not re-send a request marked not idempotent after 504 (its work may be done), but does after 429', async () => {
    g.addFault({ scope: 'http', status: 504, times: 1 });
    await expect(
      api.request('POST', items, { body: { fields: { Key: 'once' } }, notIdempotent: true }),
    ).rejects.toMatchObject({ status: 504 });
    g.clearFaults();
    g.addFault({ scope: 'http', status: 429, retryAfter: 0, times: 1 });
    await expect(
      api.request('POST', items, { body: { fields: { Key: 'twice' } }, notIdempotent: true }),
    ).resolves.toMatchObject({ status: 201 });
  });

  it('reads Retry-After as seconds or a date, caps it, and backs off when it is missing', () => {
    expect(retryDelayMs('3', 1, 120)).toBe(3000);
    expect(retryDelayMs('600', 1, 120)).toBe(120_000);
    expect(retryDelayMs(new Date(Date.now() + 5000).toUTCString(), 1, 120)).toBeGreaterThan(3000);
    expect([1, 2, 3].map((a) => retryDelayMs(null, a, 120))).toEqual([1000, 2000, 4000]);
  });
});
