import fc from 'fast-check';
import { BatchRequestContent } from '@microsoft/microsoft-graph-client';
import { batchShape } from '../../../bot/adapters/graph/graph-batch';
import { appToken, delegatedToken } from './graph-auth';
import { batchProblem, DOUBLE_TEAM_ID, GraphDouble, LIST_VIEW_THRESHOLD } from './graph-double';
import { parseFilter, evaluate } from './odata-filter';

// Graph's JSON, read loosely: these tests look at many shapes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

describe('the Graph double', () => {
  let g: GraphDouble;
  let site: string;
  beforeEach(async () => {
    g = await GraphDouble.start();
    g.grantSite('manage');
    site = `${g.baseUrl}/sites/${g.site.id}`;
  });
  afterEach(() => g.stop());

  const call = async (
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
    token = g.appToken(),
  ) => {
    const res = await fetch(url, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
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
  const batch = (requests: unknown[]) => call('POST', `${g.baseUrl}/$batch`, { requests });

  describe('tokens (401)', () => {
    it('wants a bearer token, and a JWT at that, as Graph does', async () => {
      const none = await fetch(`${site}/lists`);
      expect(none.status).toBe(401);
      expect(((await none.json()) as Loose).error.code).toBe('InvalidAuthenticationToken');
      const opaque = await call('GET', `${site}/lists`, undefined, {}, 'not-a-jwt');
      expect(opaque.status).toBe(401);
      expect(opaque.body?.error.message).toMatch(/JWT is not well formed/);
    });
  });

  describe('permissions per route (403), from the package\u2019s declarations', () => {
    it('starts with what the package declares: Sites.Selected, RSC in the team, nothing tenant-wide', () => {
      const fresh = g.grants;
      expect(fresh.application).toEqual(['Sites.Selected']);
      expect(fresh.rsc).toEqual(
        expect.arrayContaining(['Channel.Create.Group', 'ChannelSettings.Read.Group']),
      );
      expect(fresh.installedInTeams).toEqual([DOUBLE_TEAM_ID]);
    });

    it('refuses list creation with the everyday "write" role and items with "read" (accessDenied)', async () => {
      const list = await makeList([keyColumn]);
      g.grantSite('write');
      const refused = await call('POST', `${site}/lists`, { displayName: 'More' });
      expect(refused.status).toBe(403);
      expect(refused.body?.error.code).toBe('accessDenied');
      expect((await call('POST', `${site}/lists/${list.id}/items`, { fields: { Key: 'a' } })).status).toBe(
        201,
      );
      g.grantSite('read');
      expect((await call('POST', `${site}/lists/${list.id}/items`, { fields: { Key: 'b' } })).status).toBe(
        403,
      );
      expect((await call('GET', `${site}/lists/${list.id}/items`)).status).toBe(200);
      g.grantSite(null);
      expect((await call('GET', site)).status).toBe(403);
    });

    it('refuses listing a team\u2019s channels without ChannelSettings.Read.Group (Channel.Create.Group is not enough)', async () => {
      const channels = `${g.baseUrl}/teams/${DOUBLE_TEAM_ID}/channels`;
      expect((await call('GET', channels)).status).toBe(200);
      g.revoke('ChannelSettings.Read.Group');
      const refused = await call('GET', `${channels}?$filter=${encodeURIComponent("displayName eq 'X'")}`);
      expect(refused.status).toBe(403);
      expect(refused.body?.error).toMatchObject({ code: 'Forbidden' });
      expect(refused.body?.error.message).toMatch(/Missing role permissions.*ChannelSettings\.Read\.Group/);
      expect((await call('POST', channels, { displayName: 'CT-2026-0001' })).status).toBe(201);
    });

    it('grants RSC only in a team the app is installed in', async () => {
      g.teams.set('other-team', []);
      expect(
        (await call('POST', `${g.baseUrl}/teams/other-team/channels`, { displayName: 'X' })).status,
      ).toBe(403);
    });

    it('lets a tenant-wide application permission in, and a delegated token only with its scope', async () => {
      g.grantSite(null);
      expect((await call('GET', site, undefined, {}, appToken(['Sites.Read.All']))).status).toBe(200);
      expect((await call('GET', site, undefined, {}, delegatedToken(['User.Read']))).status).toBe(403);
    });

    it('checks each batch sub-request on its own, and logs the permission that allowed each call', async () => {
      const list = await makeList([keyColumn]);
      g.grantSite('read');
      const res = await batch([
        { id: '1', method: 'GET', url: `/sites/${g.site.id}/lists/${list.id}/items` },
        {
          id: '2',
          method: 'POST',
          url: `/sites/${g.site.id}/lists/${list.id}/items`,
          headers: { 'Content-Type': 'application/json' },
          body: { fields: { Key: 'a' } },
        },
      ]);
      expect(res.status).toBe(200);
      const byId = Object.fromEntries(res.body?.responses.map((r: Loose) => [r.id, r.status]));
      expect(byId).toEqual({ '1': 200, '2': 403 });
      const reads = g.log.filter((e) => e.inBatch && e.status === 200);
      expect(reads.at(-1)).toMatchObject({ permission: 'Sites.Selected (read)', doc: 'listitem-list' });
    });
  });

  describe('JSON batching (400 for the whole batch)', () => {
    let url: string;
    const post = (id: string, key: string, dependsOn?: string[]) => ({
      id,
      method: 'POST',
      url,
      headers: { 'Content-Type': 'application/json' },
      body: { fields: { Key: key } },
      ...(dependsOn ? { dependsOn } : {}),
    });
    beforeEach(async () => {
      const list = await makeList([keyColumn]);
      url = `/sites/${g.site.id}/lists/${list.id}/items`;
      g.resetStats();
    });

    it('refuses a fan-out that fans back in, with Graph\u2019s error body, and runs none of it', async () => {
      const res = await batch([
        post('a', 'a'),
        post('b', 'b', ['a']),
        post('c', 'c', ['b']),
        post('d', 'd', ['b']),
        post('e', 'e', ['c']),
      ]);
      expect(res.status).toBe(400);
      expect(res.body?.error).toMatchObject({
        code: 'BadRequest',
        message: 'Batch should be either fully sequential or fully parallel.',
      });
      expect(res.body?.error.innerError['request-id']).toBeTruthy();
      expect(g.list('Things').items.size).toBe(0);
      expect(g.stats().subRequests).toBe(0);
    });

    it('refuses two requests depending on different ones, and more than one dependency', async () => {
      expect(
        (await batch([post('a', 'a'), post('b', 'b', ['a']), post('c', 'c'), post('d', 'd', ['c'])])).status,
      ).toBe(400);
      expect((await batch([post('a', 'a'), post('b', 'b'), post('c', 'c', ['a', 'b'])])).status).toBe(400);
    });

    it('refuses a dependency that is not earlier in the batch, or not in it', async () => {
      expect((await batch([post('b', 'b', ['a']), post('a', 'a')])).body?.error.message).toMatch(
        /Invalid dependency for request Id b/,
      );
      expect((await batch([post('a', 'a', ['zzz'])])).status).toBe(400);
    });

    it('runs the three shapes Graph accepts: parallel, serial, all on the first', async () => {
      expect((await batch([post('p1', 'p1'), post('p2', 'p2')])).status).toBe(200);
      expect(
        (await batch([post('s1', 's1'), post('s2', 's2', ['s1']), post('s3', 's3', ['s2'])])).status,
      ).toBe(200);
      expect(
        (await batch([post('f1', 'f1'), post('f2', 'f2', ['f1']), post('f3', 'f3', ['f1'])])).status,
      ).toBe(200);
      expect(g.list('Things').items.size).toBe(8);
    });

    it('refuses 21 requests', async () => {
      const res = await batch(Array.from({ length: 21 }, (_, i) => post(String(i), `k${i}`)));
      expect(res.status).toBe(400);
      expect(res.body?.error.code).toBe('BadRequest');
      expect(g.list('Things').items.size).toBe(0);
    });

    it('refuses a body without Content-Type, and a write without a body', async () => {
      const noType = await batch([{ id: '1', method: 'POST', url, body: { fields: { Key: 'a' } } }]);
      expect(noType.status).toBe(400);
      expect(noType.body?.error.message).toBe(
        'Write request id : 1 does not contain Content-Type header or body.',
      );
      expect(
        (await batch([{ id: '2', method: 'POST', url, headers: { 'Content-Type': 'application/json' } }]))
          .status,
      ).toBe(400);
      expect(g.list('Things').items.size).toBe(0);
    });

    it('refuses ids used twice (ids are not case-sensitive), absolute urls and nested batches', async () => {
      expect((await batch([post('A', 'a'), post('a', 'b')])).status).toBe(400);
      expect(
        (await batch([{ ...post('1', 'a'), url: `https://graph.microsoft.com/v1.0${url}` }])).status,
      ).toBe(400);
      expect(
        (
          await batch([
            {
              id: '1',
              method: 'POST',
              url: '/$batch',
              headers: { 'Content-Type': 'application/json' },
              body: {},
            },
          ])
        ).status,
      ).toBe(400);
    });

    it('answers each request with its own status, in any order, 424 for a dependent of a failure', async () => {
      g.addFault({ scope: 'batch-item', status: 429, retryAfter: 3, match: (r) => r.method === 'GET' });
      const first = await batch([post('1', 'dup')]);
      expect(first.status).toBe(200);
      g.resetStats();
      const res = await batch([post('1', 'dup'), post('2', 'b', ['1']), post('3', 'c', ['2'])]);
      expect(res.body?.responses.map((r: Loose) => r.id)).toEqual(['3', '2', '1']);
      const byId = Object.fromEntries(res.body?.responses.map((r: Loose) => [r.id, r]));
      expect([byId['1'].status, byId['2'].status, byId['3'].status]).toEqual([409, 424, 424]);
      const get = await batch([{ id: 'g', method: 'GET', url }]);
      expect(get.body?.responses[0]).toMatchObject({ status: 429, headers: { 'Retry-After': '3' } });
      expect(g.stats()).toEqual({ http: 2, batches: 2, subRequests: 2, total: 4 });
    });

    it('agrees with the Graph JS SDK\u2019s BatchRequestContent.validateDependencies and the client', () => {
      const validate = (
        BatchRequestContent as unknown as {
          validateDependencies(requests: Map<string, { id: string; dependsOn?: string[] }>): boolean;
        }
      ).validateDependencies;
      fc.assert(
        fc.property(
          fc.array(fc.option(fc.nat(20), { nil: undefined }), { minLength: 1, maxLength: 8 }),
          (deps) => {
            // Each request depends on nothing or on one earlier request.
            const requests = deps.map((d, i) => ({
              id: `r${i}`,
              method: 'GET',
              url: '/me',
              ...(d !== undefined && i > 0 ? { dependsOn: [`r${d % i}`] } : {}),
            }));
            const sdk = validate(new Map(requests.map((r) => [r.id, r])));
            expect(batchProblem(requests) === null).toBe(sdk);
            expect(batchShape(requests) !== null).toBe(sdk);
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  describe('sites, lists, columns', () => {
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
      const found = await call(
        'GET',
        `${site}/lists?$filter=${encodeURIComponent("displayName eq 'Things'")}`,
      );
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
  });

  describe('list items', () => {
    const q = (s: string) => encodeURIComponent(s);

    it('filters, orders and pages items (200 a page, @odata.nextLink); refuses non-indexed queries', async () => {
      const list = await makeList([
        keyColumn,
        { name: 'N', number: {}, indexed: true },
        { name: 'Loose', text: {} },
      ]);
      const items = `${site}/lists/${list.id}/items`;
      for (let i = 1; i <= 5; i++)
        await call('POST', items, { fields: { Key: `k${i}`, N: i % 3, Loose: 'x' } });
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
      expect(refused.body?.error).toMatchObject({ code: 'invalidRequest' });
      expect(refused.body?.error.message).toMatch(
        /Field 'Loose' cannot be referenced in filter or orderby as it is not indexed/,
      );
      const honoured = await call('GET', loose, undefined, {
        Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly',
      });
      expect(honoured.status).toBe(200);
      const ordered = await call('GET', `${items}?$orderby=${q('fields/Loose')}`);
      expect(ordered.status).toBe(400);
    });

    it('past 5,000 items: refuses non-indexed queries even with Prefer, and one index must narrow below 5,000', async () => {
      const list = await makeList([
        keyColumn,
        { name: 'N', number: {}, indexed: true },
        { name: 'Loose', text: {} },
      ]);
      const items = `${site}/lists/${list.id}/items`;
      g.seedItems(
        'Things',
        Array.from({ length: LIST_VIEW_THRESHOLD + 1 }, (_, i) => ({ Key: `s${i}`, N: 9, Loose: 'y' })),
      );
      const prefer = { Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' };
      const loose = await call('GET', `${items}?$filter=${q("fields/Loose eq 'y'")}`, undefined, prefer);
      expect(loose.status).toBe(429);
      expect(loose.body?.error).toMatchObject({
        code: 'activityLimitReached',
        message: 'The attempted operation is prohibited because it exceeds the list view threshold.',
      });
      expect(loose.headers.get('retry-after')).toBeNull();
      // Served by the Key index: one row.
      const byKey = await call(
        'GET',
        `${items}?$expand=fields&$filter=${q("fields/Key eq 's3' and fields/N eq 9")}`,
      );
      expect(byKey.body?.value).toHaveLength(1);
      // Served by the N index first: 5,001 rows before Key narrows them - refused, as SharePoint does.
      expect(
        (await call('GET', `${items}?$filter=${q("fields/N eq 9 and fields/Key eq 's3'")}`)).status,
      ).toBe(429);
      expect((await call('GET', `${items}?$filter=${q('fields/N eq 9')}`)).status).toBe(429);
      // Paging through the whole list by id is allowed; a page holds at most 5,000.
      const all = await call('GET', `${items}?$top=6000`);
      expect(all.body?.value).toHaveLength(LIST_VIEW_THRESHOLD);
      expect(all.body?.['@odata.nextLink']).toBeTruthy();
    });

    it('can page on its own terms: shorter pages than $top, the rest behind @odata.nextLink', async () => {
      await g.stop();
      g = await GraphDouble.start({ maxPageSize: 2 });
      g.grantSite('manage');
      site = `${g.baseUrl}/sites/${g.site.id}`;
      const list = await makeList([keyColumn]);
      const items = `${site}/lists/${list.id}/items`;
      for (let i = 1; i <= 5; i++) await call('POST', items, { fields: { Key: `k${i}` } });
      const first = await call('GET', `${items}?$expand=fields&$top=4`);
      expect(first.body?.value).toHaveLength(2);
      const second = await call('GET', first.body?.['@odata.nextLink']);
      expect(second.body?.value.map((i: Loose) => i.fields.Key)).toEqual(['k3', 'k4']);
    });

    it('bumps etags, answers a stale If-Match with 412, a duplicate key with 409; the update answer has no etag', async () => {
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
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ Title: 'x', Key: 'a' });
      expect(patched.body?.['@odata.etag']).toBeUndefined();
      expect((await call('GET', `${items}/${created.id}`)).body?.eTag).toMatch(/,2"$/);
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
  });

  describe('channels', () => {
    const channels = () => `${g.baseUrl}/teams/${DOUBLE_TEAM_ID}/channels`;
    it('creates standard channels with unique names of at most 50 characters, and filters them', async () => {
      const made = await call('POST', channels(), {
        displayName: 'CT-2026-0001 Noise',
        membershipType: 'standard',
      });
      expect(made.status).toBe(201);
      expect(made.body?.id).toMatch(/^19:.+@thread\.tacv2$/);
      expect((await call('POST', channels(), { displayName: 'ct-2026-0001 noise' })).status).toBe(409);
      expect((await call('POST', channels(), { displayName: 'x'.repeat(51) })).status).toBe(400);
      expect((await call('POST', channels(), { displayName: 'a/b' })).status).toBe(400);
      const found = await call(
        'GET',
        `${channels()}?$filter=${encodeURIComponent("displayName eq 'CT-2026-0001 Noise'")}`,
      );
      expect(found.body?.value.map((c: Loose) => c.id)).toEqual([made.body?.id]);
      expect((await call('GET', `${g.baseUrl}/teams/nope/channels`)).status).toBe(403);
    });
  });

  it('injects faults by rule: every Nth, a storm of K, a 403, a 504', async () => {
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
    g.clearFaults();
    g.addFault({ status: 504, times: 1 });
    expect((await call('GET', site)).status).toBe(504);
  });

  it('stores files in the drive and serves them through a redirect', async () => {
    const put = await fetch(`${site}/drive/root:/ASB%20Case%20Files/c1/f1.docx:/content`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${g.appToken()}`, 'Content-Type': 'application/octet-stream' },
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
