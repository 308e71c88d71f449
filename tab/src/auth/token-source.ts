import type { TokenSource } from '../api/client';
import { nextToken, storeToken } from './session';
import type { SessionState } from './start-up';

/**
 * The API client's token source for a session: the host's SSO asked for each call (teams-js and MSAL
 * cache and renew the token), else the token in memory. Plain (no React), so the meeting's side panel can
 * start its first requests before React has loaded (issue 16). `expired` hears when the server refused
 * the token and no fresh one could be had.
 */
export function sessionTokens(s: SessionState, expired: () => void): TokenSource {
  /** How to ask for a token now: the host's SSO, else the sign-in outside Teams (issue 8). */
  const ask = () => {
    const h = s.host;
    return h ? () => h.getToken() : s.outside;
  };
  const memory = {
    get current() {
      return s.token;
    },
    set current(token: string | undefined) {
      s.token = token;
    },
  };
  return {
    get: () => nextToken(ask(), s.hostSso, memory),
    refresh: async () => {
      const get = ask();
      if (!get) return undefined;
      try {
        const t = await get();
        s.token = t;
        storeToken(t);
        return t;
      } catch {
        return undefined;
      }
    },
    expired: () => {
      s.token = undefined;
      storeToken(undefined);
      expired();
    },
  };
}
