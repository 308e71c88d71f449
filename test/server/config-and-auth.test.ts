import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDirectory } from '../../bot/app/directory';
import { loadPolicy } from '../../bot/app/load-policy';
import { EntraTokens } from '../../bot/auth/entra-tokens';
import { LocalTokens } from '../../bot/auth/local-tokens';
import { ConfigError, loadConfig } from '../../bot/config';
import { getPolicy } from '../../shared';

describe('configuration', () => {
  it('runs locally on its defaults with nothing set', () => {
    expect(loadConfig({})).toMatchObject({
      APP_MODE: 'local',
      PORT: 3978,
      DATA_DIR: './data',
      POLICY: 'statutory',
    });
  });

  it('lists every missing or wrong m365 setting in one message', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ APP_MODE: 'm365', TENANT_ID: 'not-a-guid', BOT_TYPE: 'SingleTenant', PORT: '99999' });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error!.problems.join('\n');
    for (const name of [
      'PORT',
      'PUBLIC_URL',
      'TENANT_ID: TENANT_ID must be a GUID',
      'BOT_ID',
      'AAD_APP_CLIENT_ID',
      'SHAREPOINT_SITE_ID',
      'TEAM_ID',
      'PANEL_ORGANISER',
      'MAIL_SENDER',
    ])
      expect(text).toContain(name);
  });

  it('asks for the bot secret only for a single-tenant bot, and the identity for managed identity', () => {
    const base = {
      APP_MODE: 'm365',
      PUBLIC_URL: 'https://asb.example.gov.uk',
      TENANT_ID: '11111111-1111-1111-1111-111111111111',
      BOT_ID: '22222222-2222-2222-2222-222222222222',
      AAD_APP_CLIENT_ID: '33333333-3333-3333-3333-333333333333',
      SHAREPOINT_SITE_ID: 'contoso.sharepoint.com,1,2',
      TEAM_ID: '44444444-4444-4444-4444-444444444444',
      PANEL_ORGANISER: 'panels@council.example',
      MAIL_SENDER: 'community.safety@council.example',
    };
    expect(() => loadConfig({ ...base, BOT_TYPE: 'SingleTenant', AAD_APP_CLIENT_SECRET: 's' })).toThrow(
      /BOT_PASSWORD/,
    );
    expect(() =>
      loadConfig({ ...base, BOT_TYPE: 'UserAssignedMSI', GRAPH_AUTH: 'managed-identity' }),
    ).toThrow(/MANAGED_IDENTITY_CLIENT_ID/);
    expect(
      loadConfig({
        ...base,
        BOT_TYPE: 'UserAssignedMSI',
        GRAPH_AUTH: 'managed-identity',
        MANAGED_IDENTITY_CLIENT_ID: 'mi',
      }).APP_MODE,
    ).toBe('m365');
  });

  it('refuses an unknown mode', () => {
    expect(() => loadConfig({ APP_MODE: 'cloud' })).toThrow(/APP_MODE must be "local" or "m365"/);
  });

  it('loads a council policy file, listing every problem by its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asb-policy-'));
    const file = join(dir, 'policy.json');
    const policy = getPolicy('east-herts') as Record<string, unknown>;
    writeFileSync(
      file,
      JSON.stringify({
        ...policy,
        id: 'my-council',
        threshold: { ...(policy.threshold as object), count: { qualifyingComplaints: 5 } },
        retention: {},
      }),
    );
    expect(() => loadPolicy(file)).toThrow(
      /threshold\.count\.qualifyingComplaints[\s\S]*retention\.yearsAfterClosure/,
    );
    writeFileSync(file, JSON.stringify({ ...policy, id: 'my-council' }));
    expect(loadPolicy(file).id).toBe('my-council');
    expect(() => loadPolicy('no-such-preset')).toThrow(/neither a preset/);
  });

  it('refuses a people file that names an agency the policy does not have', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asb-people-'));
    const file = join(dir, 'people.json');
    writeFileSync(
      file,
      JSON.stringify({ people: [{ id: 'p1', name: 'P', roles: ['agency'], agencyId: 'atlantis' }] }),
    );
    expect(() => loadDirectory(file, getPolicy('statutory'))).toThrow(/p1 \(atlantis\)/);
  });
});

describe('Teams SSO tokens', () => {
  const tenantId = '11111111-1111-1111-1111-111111111111';
  const clientId = '33333333-3333-3333-3333-333333333333';
  let sign: (
    claims: Record<string, unknown>,
    options?: { key?: 'other'; exp?: string; aud?: string },
  ) => Promise<string>;
  let tokens: EntraTokens;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const other = await generateKeyPair('RS256');
    const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
    tokens = new EntraTokens({
      tenantId,
      clientId,
      host: 'asb.example.gov.uk',
      keys: createLocalJWKSet({ keys: [jwk] }),
    });
    sign = (claims, options = {}) =>
      new SignJWT({
        tid: tenantId,
        oid: 'user-oid',
        scp: 'access_as_user',
        preferred_username: 'sam@council.example',
        ...claims,
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(`https://login.microsoftonline.com/${tenantId}/v2.0`)
        .setAudience(options.aud ?? `api://asb.example.gov.uk/${clientId}`)
        .setIssuedAt()
        .setExpirationTime(options.exp ?? '1h')
        .sign(options.key === 'other' ? other.privateKey : privateKey);
  });

  it('accepts a token signed by the tenant for this app', async () => {
    await expect(tokens.verify(await sign({}))).resolves.toEqual({
      aadObjectId: 'user-oid',
      tenantId,
    });
  });

  it('refuses a forged signature, another audience, another tenant and an expired token', async () => {
    await expect(tokens.verify(await sign({}, { key: 'other' }))).rejects.toThrow();
    await expect(tokens.verify(await sign({}, { aud: 'api://elsewhere/x' }))).rejects.toThrow();
    await expect(
      tokens.verify(await sign({ tid: '99999999-9999-9999-9999-999999999999' })),
    ).rejects.toThrow();
    await expect(tokens.verify(await sign({}, { exp: '-5m' }))).rejects.toThrow();
  });

  it('local tokens verify only in the process that issued them', async () => {
    const a = new LocalTokens();
    const b = new LocalTokens();
    const token = await a.issue('spoc-1');
    await expect(a.verify(token)).resolves.toBe('spoc-1');
    await expect(b.verify(token)).resolves.toBeUndefined();
  });
});
