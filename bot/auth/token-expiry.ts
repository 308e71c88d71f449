import { decodeJwt } from 'jose';
import { bearerToken } from './bearer';

/** How far past its expiry a token is still taken (clock skew between Entra, Teams and this server). */
export const CLOCK_TOLERANCE_S = 60;

/**
 * When a long-lived answer (a meeting stream) opened with this bearer token must end, in ms since the
 * epoch: when the server would refuse the token. The token was verified before the answer opened; this
 * only reads its `exp`. Undefined for a token without one. The tab reconnects with a fresh token.
 */
export function tokenDeadline(authorization: string | undefined): number | undefined {
  const token = bearerToken(authorization);
  if (!token) return undefined;
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? (exp + CLOCK_TOLERANCE_S) * 1000 : undefined;
  } catch {
    return undefined;
  }
}
