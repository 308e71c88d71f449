import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Api, type TokenSource } from '../api/client';
import { asApiError } from '../lib/api-error';
import { nextToken, storeToken, storedToken, type TeamsHost } from './session';
import { startUp, type Boot, type SessionState } from './start-up';

/**
 * The signed-in session: the API client and its token source, start-up (see start-up.ts), and what the
 * sign-in page, "Sign out" and "Try again" do. `onHost` hears of the host before the app first renders
 * signed in, so Teams' theme is there from the first frame.
 */
export function useSession(onHost: (host: TeamsHost) => void) {
  const [boot, setBoot] = useState<Boot>({ stage: 'starting' });
  const [host, setHost] = useState<TeamsHost | undefined>();
  const [attempt, setAttempt] = useState(0);
  const session = useRef<SessionState>({
    token: storedToken(),
    host: undefined,
    outside: undefined,
    hostSso: false,
  });
  const hostListener = useRef(onHost);
  hostListener.current = onHost;

  const tokens: TokenSource = useMemo(() => {
    const s = session.current;
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
      // With host SSO, ask the host for each call (teams-js and MSAL cache and renew the token).
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
        if (!s.host && !s.outside) setBoot({ stage: 'sign-in' });
      },
    };
  }, []);
  const api = useMemo(() => new Api(tokens), [tokens]);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const next = await startUp(api, session.current);
      if (cancelled) return;
      const h = session.current.host;
      if (h) {
        setHost(h);
        hostListener.current(h);
      }
      setBoot(next);
    })();
    return () => {
      cancelled = true;
    };
  }, [api, attempt]);

  const signedIn = useCallback(
    async (token: string) => {
      session.current.token = token;
      storeToken(token);
      try {
        setBoot({ stage: 'ready', me: await api.me() });
      } catch (err) {
        setBoot({ stage: 'failed', error: asApiError(err) });
      }
    },
    [api],
  );

  const signOut = useCallback(() => {
    session.current.token = undefined;
    storeToken(undefined);
    setBoot({ stage: 'sign-in' });
  }, []);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return { boot, host, api, signedIn, signOut, retry };
}
