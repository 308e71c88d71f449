import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { CLOCK_TOLERANCE_S } from './token-expiry';

/** Who a token names: an Entra user, by object id within a tenant. Nothing else identifies them. */
export interface EntraIdentity {
  aadObjectId: string;
  tenantId: string;
  /** For display only; never used to match a person. */
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

/** The scope the app exposes (manifest/aad.manifest.json) and every user token for its API must carry. */
export const API_SCOPE = 'access_as_user';

export class TokenRefusedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TokenRefusedError';
  }
}

/**
 * Validates a Teams SSO or Nested App Authentication token as Microsoft documents for a protected web
 * API ("Access tokens in the Microsoft identity platform", "Validate tokens"): the signature against the
 * tenant's keys, the audience (this app), the issuer and tenant (single tenant), the expiry, then the
 * authorisation claims - `scp` must contain `access_as_user`, and an app-only token (`idtyp: app`, or
 * `roles` without `scp`) is refused: this API acts only for a signed-in user. The user is `oid` + `tid`;
 * `preferred_username`, `upn` and `email` are mutable and never identify anyone here.
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
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['exp', 'oid', 'tid'],
    });
    if (payload.tid !== this.options.tenantId)
      throw new TokenRefusedError('The token is for another tenant.');
    if (payload.idtyp === 'app' || typeof payload.scp !== 'string')
      throw new TokenRefusedError('An app-only token cannot call this API: it acts for a signed-in user.');
    if (!payload.scp.split(' ').includes(API_SCOPE))
      throw new TokenRefusedError(`The token does not carry the ${API_SCOPE} scope.`);
    return {
      aadObjectId: String(payload.oid),
      tenantId: String(payload.tid),
      ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
    };
  }
}
