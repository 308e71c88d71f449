import { GraphApi } from '../../bot/adapters/graph/graph-client';
import { graphSettingsFromEnv, GraphSettingsError } from '../../bot/adapters/graph/graph-settings';
import { LIST_KEYS, LISTS, schemaProblems } from '../../bot/adapters/graph/list-schema';
import { ProvisioningPermissionError, provisionSite, resolveSite } from '../../bot/adapters/graph/provision';
import { MissingListsError, openSharePointStores } from '../../bot/adapters/graph/sharepoint-stores';
import { main } from '../../scripts/provision';
import { GraphDouble } from '../support/graph-double/graph-double';
import { simpleProjector } from './simple-projector';

describe('the list schema', () => {
  it('stays inside SharePoint\u2019s limits', () => {
    for (const key of LIST_KEYS) expect(schemaProblems(LISTS[key])).toEqual([]);
  });
});

describe('provisioning', () => {
  let g: GraphDouble;
  let api: GraphApi;
  beforeEach(async () => {
    g = await GraphDouble.start();
    g.grantSite('manage'); // docs/permissions.md: Sites.Selected with "manage" while provisioning
    api = new GraphApi({ baseUrl: g.baseUrl, tokens: g.tokens, sleep: async () => undefined });
  });
  afterEach(() => g.stop());

  it('resolves a site URL through /sites/{hostname}:/{path}, and takes a site id as it is', async () => {
    expect(await resolveSite(api, 'https://contoso.sharepoint.com/sites/community-safety/')).toBe(g.site.id);
    expect(await resolveSite(api, g.site.id)).toBe(g.site.id);
    expect(g.log.map((e) => e.path)).toContain('/sites/contoso.sharepoint.com:/sites/community-safety');
    await expect(resolveSite(api, 'community-safety')).rejects.toThrow(/neither a site URL/);
  });

  it('creates every list with indexed columns, and a second run changes nothing', async () => {
    await expect(
      openSharePointStores({ api, siteId: g.site.id, projector: simpleProjector }),
    ).rejects.toBeInstanceOf(MissingListsError);
    const first = await provisionSite(api, g.site.id);
    expect(first.createdLists).toHaveLength(LIST_KEYS.length);
    const events = g.list('ASB Case Events');
    const col = (name: string) => events.columns.find((c) => c.name === name);
    expect(col('CaseSeq')).toMatchObject({ indexed: true, enforceUniqueValues: true, type: 'text' });
    expect(col('Body')).toMatchObject({ indexed: false, multiline: true });
    g.resetStats();
    const again = await provisionSite(api, g.site.id);
    expect(again).toEqual({ createdLists: [], addedColumns: [], indexedColumns: [], problems: [] });
    expect(g.log.every((e) => e.method === 'GET')).toBe(true);
  });

  it('finishes a half-provisioned site: adds missing columns and missing indexes', async () => {
    await provisionSite(api, g.site.id);
    const cases = g.list('ASB Cases');
    cases.columns = cases.columns.filter((c) => c.name !== 'Spoc');
    const status = cases.columns.find((c) => c.name === 'CaseStatus')!;
    status.indexed = false;
    const report = await provisionSite(api, g.site.id);
    expect(report.addedColumns).toEqual(['ASB Cases.Spoc']);
    expect(report.indexedColumns).toEqual(['ASB Cases.CaseStatus']);
    expect(cases.columns.find((c) => c.name === 'Spoc')?.indexed).toBe(true);
    expect(status.indexed).toBe(true);
  });

  it('names the permission that is missing when Graph answers 403 (the everyday "write" role)', async () => {
    g.grantSite('write');
    const attempt = provisionSite(api, g.site.id);
    await expect(attempt).rejects.toBeInstanceOf(ProvisioningPermissionError);
    await expect(attempt).rejects.toThrow(/Sites\.Manage\.All.*Sites\.Selected.*"manage".*"write" role/s);
  });

  it('runs as `npm run provision -- --site <url>` with credentials from the environment', async () => {
    const lines: string[] = [];
    const env = { GRAPH_AUTH: 'token', GRAPH_ACCESS_TOKEN: g.appToken(), GRAPH_BASE_URL: g.baseUrl };
    expect(await main(['--site', g.siteUrl], env, (l) => lines.push(l))).toBe(0);
    expect(lines.at(-1)).toBe(`done: ${LIST_KEYS.length} lists created, 0 columns added, 0 columns indexed`);
    expect(await main(['--site', g.siteUrl], env, (l) => lines.push(l))).toBe(0);
    expect(lines.at(-1)).toBe('done: 0 lists created, 0 columns added, 0 columns indexed');
    expect(await main([], env, (l) => lines.push(l))).toBe(2);

    await g.stop();
    g = await GraphDouble.start(); // a fresh site, granted only "write": creating lists is refused
    const denied: string[] = [];
    expect(
      await main(['--site', g.site.id], { ...env, GRAPH_BASE_URL: g.baseUrl }, (l) => denied.push(l)),
    ).toBe(3);
    expect(denied.join('\n')).toMatch(/Sites\.Manage\.All/);
    expect(await main(['--site', g.site.id], { GRAPH_BASE_URL: g.baseUrl }, (l) => denied.push(l))).toBe(3);
    expect(denied.at(-1)).toMatch(/TENANT_ID is not set/);
  });
});

describe('Graph settings from the environment', () => {
  it('reads client credentials, managed identity or a token, and the base URL', () => {
    expect(
      graphSettingsFromEnv({ TENANT_ID: 't', AAD_APP_CLIENT_ID: 'c', AAD_APP_CLIENT_SECRET: 's' }),
    ).toEqual({
      baseUrl: 'https://graph.microsoft.com/v1.0',
      auth: { kind: 'client-secret', tenantId: 't', clientId: 'c', clientSecret: 's' },
    });
    expect(
      graphSettingsFromEnv({
        GRAPH_AUTH: 'managed-identity',
        MANAGED_IDENTITY_CLIENT_ID: 'mi',
        GRAPH_BASE_URL: 'http://127.0.0.1:9/v1.0/',
      }),
    ).toEqual({ baseUrl: 'http://127.0.0.1:9/v1.0', auth: { kind: 'managed-identity', clientId: 'mi' } });
    expect(() => graphSettingsFromEnv({ GRAPH_AUTH: 'client-secret', TENANT_ID: 't' })).toThrow(
      GraphSettingsError,
    );
    expect(() =>
      graphSettingsFromEnv({ GRAPH_AUTH: 'token', GRAPH_ACCESS_TOKEN: 'x', GRAPH_BASE_URL: 'graph' }),
    ).toThrow(/GRAPH_BASE_URL/);
  });
});
