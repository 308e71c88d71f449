import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Api, type TokenSource } from '../api/client';
import { storeToken, storedToken, type TeamsHost } from './session';
import { sessionTokens } from './token-source';
import { afterSignIn, startUp, type Boot, type SessionState } from './start-up';

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

  const tokens: TokenSource = useMemo(
    () =>
      sessionTokens(session.current, () => {
        const s = session.current;
        if (!s.host && !s.outside) setBoot({ stage: 'sign-in' });
      }),
    [],
  );
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
    async (token: string) => setBoot(await afterSignIn(api, session.current, token)),
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
