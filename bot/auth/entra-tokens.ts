import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';

export interface EntraIdentity {
  aadObjectId: string;
  tenantId: string;
  email?: string;
  name?: string;
}

export interface EntraTokenOptions {
  tenantId: string;
  clientId: string;
  /** The app's host, for the `api://<host>/<client id>` audience Teams SSO uses. */
  host: string;
  /** The tenant's published signing keys; injectable so tests can sign their own. */
  keys?: JWTVerifyGetKey;
  authority?: string;
}

/**
 * Validates a Teams SSO or Nested App Authentication token: the signature against the tenant's keys, the
 * audience (this app), the issuer and tenant (single tenant), and the expiry. Anything else is refused.
 */
export class EntraTokens {
  private readonly keys: JWTVerifyGetKey;
  private readonly audiences: string[];
  private readonly issuers: string[];

  constructor(private readonly options: EntraTokenOptions) {
    const authority = options.authority ?? 'https://login.microsoftonline.com';
    this.keys =
      options.keys ?? createRemoteJWKSet(new URL(`${authority}/${options.tenantId}/discovery/v2.0/keys`));
    this.audiences = [options.clientId, `api://${options.host}/${options.clientId}`];
    this.issuers = [`${authority}/${options.tenantId}/v2.0`, `https://sts.windows.net/${options.tenantId}/`];
  }

  async verify(token: string): Promise<EntraIdentity> {
    const { payload } = await jwtVerify(token, this.keys, {
      audience: this.audiences,
      issuer: this.issuers,
      algorithms: ['RS256'],
      clockTolerance: 60,
      requiredClaims: ['exp', 'oid', 'tid'],
    });
    if (payload.tid !== this.options.tenantId) throw new Error('The token is for another tenant.');
    const email = (payload.preferred_username ?? payload.upn ?? payload.email) as string | undefined;
    return {
      aadObjectId: String(payload.oid),
      tenantId: String(payload.tid),
      ...(email ? { email } : {}),
      ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
    };
  }
}
