import { GraphDouble, LIST_VIEW_THRESHOLD } from './graph-double';
import { parseFilter, evaluate } from './odata-filter';

// Graph's JSON, read loosely: these tests look at many shapes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

describe('the Graph double', () => {
  let g: GraphDouble;
  let site: string;
  beforeEach(async () => {
    g = await GraphDouble.start();
    site = `${g.baseUrl}/sites/${g.site.id}`;
  });
  afterEach(() => g.stop());

  const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url, {
      method,
      headers: {
        Authorization: 'Bearer t',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Loose) : undefined };
  };
  const makeList = async (columns: Record<string, unknown>[] = []) =>
    (
      await call('POST', `${site}/lists`, {
        displayName: 'Things',
        columns,
        list: { template: 'genericList' },
      })
    ).body!;
  const keyColumn = { name: 'Key', text: {}, indexed: true, enforceUniqueValues: true };

  it('wants a bearer token', async () => {
    const res = await fetch(`${site}/lists`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('InvalidAuthenticationToken');
  });

  it('finds the site by id and by hostname and path', async () => {
    expect((await call('GET', site)).body?.id).toBe(g.site.id);
    const byPath = await call('GET', `${g.baseUrl}/sites/contoso.sharepoint.com:/sites/community-safety`);
    expect(byPath.body?.id).toBe(g.site.id);
    expect((await call('GET', `${g.baseUrl}/sites/contoso.sharepoint.com:/sites/nope`)).status).toBe(404);
  });

  it('creates lists, refuses a second of the same name, and filters them by displayName', async () => {
    const list = await makeList([keyColumn]);
    expect(list.displayName).toBe('Things');
    expect((await call('POST', `${site}/lists`, { displayName: 'things' })).status).toBe(409);
    const found = await call('GET', `${site}/lists?$filter=${encodeURIComponent("displayName eq 'Things'")}`);
    expect(found.body?.value.map((l: { id: string }) => l.id)).toEqual([list.id]);
  });

  it('holds column definitions to one type facet, unique-needs-index and 20 indexes', async () => {
    const list = await makeList();
    const cols = `${site}/lists/${list.id}/columns`;
    expect((await call('POST', cols, { name: 'Two', text: {}, number: {} })).status).toBe(400);
    expect((await call('POST', cols, { name: 'None' })).status).toBe(400);
    expect((await call('POST', cols, { name: 'U', text: {}, enforceUniqueValues: true })).status).toBe(400);
    for (let i = 0; i < 20; i++)
      expect((await call('POST', cols, { name: `I${i}`, text: {}, indexed: true })).status).toBe(201);
    expect((await call('POST', cols, { name: 'I20', text: {}, indexed: true })).status).toBe(400);
  });

  it('filters, orders and pages items; refuses non-indexed queries as Graph does', async () => {
    const list = await makeList([
      keyColumn,
      { name: 'N', number: {}, indexed: true },
      { name: 'Loose', text: {} },
    ]);
    const items = `${site}/lists/${list.id}/items`;
    for (let i = 1; i <= 5; i++)
      await call('POST', items, { fields: { Key: `k${i}`, N: i % 3, Loose: 'x' } });
    const q = (s: string) => encodeURIComponent(s);
    const first = await call(
      'GET',
      `${items}?$expand=fields($select=Key)&$filter=${q('fields/N ge 1')}&$orderby=${q('fields/Key desc')}&$top=2`,
    );
    expect(first.body?.value.map((i: { fields: { Key: string } }) => i.fields.Key)).toEqual(['k5', 'k4']);
    expect(Object.keys(first.body?.value[0].fields).sort()).toEqual(['@odata.etag', 'Key']);
    const next = await call('GET', first.body?.['@odata.nextLink']);
    expect(next.body?.value.map((i: { fields: { Key: string } }) => i.fields.Key)).toEqual(['k2', 'k1']);
    expect(next.body?.['@odata.nextLink']).toBeUndefined();

    const loose = `${items}?$expand=fields&$filter=${q("fields/Loose eq 'x'")}`;
    const refused = await call('GET', loose);
    expect(refused.status).toBe(400);
    expect(refused.body?.error.message).toMatch(
      /cannot be referenced in filter or orderby as it is not indexed/,
    );
    expect(
      (await call('GET', loose, undefined, { Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' }))
        .status,
    ).toBe(200);
    g.seedItems(
      'Things',
      Array.from({ length: LIST_VIEW_THRESHOLD + 1 }, (_, i) => ({ Key: `s${i}`, N: 9, Loose: 'y' })),
    );
    expect(
      (await call('GET', loose, undefined, { Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' }))
        .status,
    ).toBe(500);
    expect(
      (await call('GET', `${items}?$expand=fields&$filter=${q("fields/Key eq 'k3'")}`)).body?.value,
    ).toHaveLength(1);
    expect((await call('GET', `${items}?$expand=fields&$filter=${q('fields/N eq 9')}`)).status).toBe(500);
  });

  it('bumps etags, answers a stale If-Match with 412 and a duplicate key with 409', async () => {
    const list = await makeList([keyColumn]);
    const items = `${site}/lists/${list.id}/items`;
    const created = (await call('POST', items, { fields: { Key: 'a' } })).body!;
    expect(created.eTag).toMatch(/^"[0-9a-f-]{36},1"$/);
    const patched = await call(
      'PATCH',
      `${items}/${created.id}/fields`,
      { Title: 'x' },
      { 'If-Match': created.eTag },
    );
    expect(patched.body?.['@odata.etag']).toMatch(/,2"$/);
    const stale = await call(
      'PATCH',
      `${items}/${created.id}/fields`,
      { Title: 'y' },
      { 'If-Match': created.eTag },
    );
    expect(stale.status).toBe(412);
    expect(stale.body?.error.code).toBe('resourceModified');
    const dup = await call('POST', items, { fields: { Key: 'A' } });
    expect(dup.status).toBe(409);
    expect(dup.body?.error.message).toMatch(/duplicate values were found .*\[Key\]/);
    expect((await call('POST', items, { fields: { Nope: 1 } })).status).toBe(400);
    expect((await call('DELETE', `${items}/${created.id}`)).status).toBe(204);
    expect((await call('GET', `${items}/${created.id}`)).status).toBe(404);
  });

  it('runs JSON batches: ids, mixed statuses, dependsOn, 20 at most, sub-request throttling', async () => {
    const list = await makeList([keyColumn]);
    const url = `/sites/${g.site.id}/lists/${list.id}/items`;
    const post = (id: string, key: string, dependsOn?: string[]) => ({
      id,
      method: 'POST',
      url,
      headers: { 'Content-Type': 'application/json' },
      body: { fields: { Key: key } },
      ...(dependsOn ? { dependsOn } : {}),
    });
    g.resetStats();
    g.addFault({ scope: 'batch-item', status: 429, retryAfter: 3, match: (r) => r.method === 'GET' });
    const res = await call('POST', `${g.baseUrl}/$batch`, {
      requests: [post('1', 'a'), post('2', 'a'), post('3', 'b', ['2']), { id: '4', method: 'GET', url }],
    });
    const byId = Object.fromEntries(res.body?.responses.map((r: { id: string }) => [r.id, r]));
    expect(res.body?.responses.map((r: { id: string }) => r.id)).toEqual(['4', '3', '2', '1']);
    expect([byId['1'].status, byId['2'].status, byId['3'].status, byId['4'].status]).toEqual([
      201, 409, 424, 429,
    ]);
    expect(byId['4'].headers['Retry-After']).toBe('3');
    expect(g.stats()).toEqual({ http: 1, batches: 1, subRequests: 3, total: 4 });
    const many = Array.from({ length: 21 }, (_, i) => post(String(i), `k${i}`));
    expect((await call('POST', `${g.baseUrl}/$batch`, { requests: many })).status).toBe(400);
  });

  it('injects faults by rule: every Nth, a storm of K, a 403', async () => {
    g.addFault({ status: 503, every: 2, scope: 'http' });
    g.addFault({ status: 429, retryAfter: 1, times: 2, match: (r) => r.path.includes('/lists') });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call('GET', `${site}/lists`)).status);
    expect(statuses).toEqual([429, 503, 429, 503]);
    g.clearFaults();
    g.addFault({ status: 403, match: (r) => r.method === 'POST' });
    const denied = await call('POST', `${site}/lists`, { displayName: 'X' });
    expect(denied.status).toBe(403);
    expect(denied.body?.error.code).toBe('accessDenied');
  });

  it('stores files in the drive and serves them through a redirect', async () => {
    const put = await fetch(`${site}/drive/root:/ASB%20Case%20Files/c1/f1.docx:/content`, {
      method: 'PUT',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'application/octet-stream' },
      body: Buffer.from([0, 1, 2, 255]),
    });
    expect(put.status).toBe(201);
    const item = (await put.json()) as { id: string; size: number };
    expect(item.size).toBe(4);
    const redirect = await call('GET', `${site}/drive/items/${item.id}/content`);
    expect(redirect.status).toBe(302);
    const bytes = Buffer.from(await (await fetch(redirect.headers.get('location') as string)).arrayBuffer());
    expect([...bytes]).toEqual([0, 1, 2, 255]);
    expect((await call('DELETE', `${site}/drive/root:/ASB%20Case%20Files/c1`)).status).toBe(204);
    expect(g.driveFile('ASB Case Files/c1/f1.docx')).toBeUndefined();
  });
});

describe('the double\u2019s OData filter', () => {
  it('parses quotes, and/or/not and parentheses', () => {
    const f = parseFilter("fields/A eq 'it''s' and (fields/B gt 2 or not fields/C eq true)");
    expect(evaluate(f, (p) => ({ 'fields/A': "IT'S", 'fields/B': 1, 'fields/C': false })[p])).toBe(true);
    expect(evaluate(f, (p) => ({ 'fields/A': 'its', 'fields/B': 3, 'fields/C': false })[p])).toBe(false);
    expect(() => parseFilter("fields/A eq 'open")).toThrow();
    expect(() => parseFilter("fields/A eq 'x' or")).toThrow();
  });
});
