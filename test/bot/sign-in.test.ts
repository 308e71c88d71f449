/**
 * Sign-in as Microsoft documents it for a protected API: the token's scope, no app-only tokens, and people
 * matched by object id within the council's tenant, never by a name or an address.
 */
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { getPolicy } from '../../shared';
import { Directory, SAMPLE_TENANT_ID, sampleDirectory } from '../../bot/app/directory';
import { EntraTokens } from '../../bot/auth/entra-tokens';

const tenantId = '11111111-1111-4111-8111-111111111111';
const clientId = '33333333-3333-4333-8333-333333333333';

describe('Entra tokens for the API', () => {
  let tokens: EntraTokens;
  let sign: (claims: Record<string, unknown>) => Promise<string>;
  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
    tokens = new EntraTokens({
      tenantId,
      clientId,
      host: 'asb.example.gov.uk',
      keys: createLocalJWKSet({ keys: [jwk] }),
    });
    sign = (claims) =>
      new SignJWT({ tid: tenantId, oid: 'user-oid', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(`https://login.microsoftonline.com/${tenantId}/v2.0`)
        .setAudience(`api://asb.example.gov.uk/${clientId}`)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
  });

  it('accepts a user token whose scp holds access_as_user, and names the user by oid and tid only', async () => {
    const identity = await tokens.verify(
      await sign({ scp: 'User.Read access_as_user', preferred_username: 'sam@council.example', name: 'Sam' }),
    );
    expect(identity).toEqual({ aadObjectId: 'user-oid', tenantId, name: 'Sam' });
  });

  it('refuses a token without the access_as_user scope', async () => {
    await expect(tokens.verify(await sign({ scp: 'User.Read' }))).rejects.toThrow(/access_as_user/);
  });

  it('refuses app-only tokens: idtyp app, or roles without scp', async () => {
    await expect(tokens.verify(await sign({ idtyp: 'app', roles: ['Sites.Selected'] }))).rejects.toThrow(
      /app-only/,
    );
    await expect(tokens.verify(await sign({ roles: ['access_as_user'] }))).rejects.toThrow(/app-only/);
    await expect(tokens.verify(await sign({ idtyp: 'app', scp: 'access_as_user' }))).rejects.toThrow(
      /app-only/,
    );
  });
});

describe('the directory matches people by oid + tid', () => {
  const people = new Directory(
    [
      { id: 'spoc-1', name: 'Sam', email: 'sam@council.example', roles: ['spoc'], aadObjectId: 'AAAA-1' },
      { id: 'p-2', name: 'Pat', email: 'pat@council.example', roles: ['agency'], agencyId: 'police' },
    ],
    tenantId,
  );

  it('finds a person by object id in the council\u2019s tenant (ids compared without case)', () => {
    expect(people.find({ aadObjectId: 'aaaa-1', tenantId })?.id).toBe('spoc-1');
  });

  it('finds nobody for the same object id in another tenant, or without a tenant', () => {
    expect(people.find({ aadObjectId: 'AAAA-1', tenantId: SAMPLE_TENANT_ID })).toBeUndefined();
    expect(people.find({ aadObjectId: 'AAAA-1' })).toBeUndefined();
  });

  it('never matches by email, UPN or name', () => {
    const identity = { email: 'pat@council.example', preferred_username: 'pat@council.example', tenantId };
    expect(people.find(identity as { tenantId: string })).toBeUndefined();
  });

  it('knows the sample people in the Playground\u2019s tenant only', () => {
    const sample = sampleDirectory(getPolicy('statutory'));
    const spoc = sample.get('spoc-1')!;
    expect(sample.find({ aadObjectId: spoc.aadObjectId!, tenantId: SAMPLE_TENANT_ID })).toBe(spoc);
    expect(sample.find({ aadObjectId: spoc.aadObjectId!, tenantId })).toBeUndefined();
  });
});
