/**
 * The tab's sign-in, as Microsoft documents it: Entra tokens are never kept by the tab (teams-js and MSAL
 * are asked each time), and the Outlook pane's Nested App Authentication uses the council's tenant as its
 * authority and only where Outlook supports NestedAppAuth 1.1, saying plainly what to do elsewhere.
 */
import {
  connectTeams,
  isLocalSignInToken,
  nextToken,
  storedToken,
  storeToken,
} from '../../tab/src/auth/session';
import type { TeamsSdk } from '../../tab/src/auth/teams-sdk';
import {
  NAA_UNSUPPORTED_MESSAGE,
  naaAuthority,
  naaSupported,
  naaToken,
  NaaUnavailableError,
} from '../../tab/src/outlook/naa-auth';
import { LocalTokens } from '../../bot/auth/local-tokens';

const fakeJwt = (claims: object) =>
  `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('the tab keeps no Entra token', () => {
  const store = new Map<string, string>();
  beforeAll(() => {
    (globalThis as { sessionStorage?: unknown }).sessionStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
  });
  afterAll(() => {
    delete (globalThis as { sessionStorage?: unknown }).sessionStorage;
  });
  beforeEach(() => store.clear());

  it('keeps local mode\u2019s sign-in token for the browser tab', async () => {
    const local = await new LocalTokens().issue('spoc-1');
    expect(isLocalSignInToken(local)).toBe(true);
    storeToken(local);
    expect(storedToken()).toBe(local);
  });

  it('never writes a Teams SSO (or NAA, or partner) token to sessionStorage', () => {
    const sso = fakeJwt({ iss: 'https://login.microsoftonline.com/t/v2.0', scp: 'access_as_user' });
    storeToken(sso);
    expect(store.size).toBe(0);
    expect(storedToken()).toBeUndefined();
  });

  it('drops an Entra token an older version of the tab left behind', () => {
    store.set('asb-case-review.token', fakeJwt({ iss: 'https://sts.windows.net/t/' }));
    expect(storedToken()).toBeUndefined();
    expect(store.size).toBe(0);
  });
});

describe('the token for each API call', () => {
  it('asks the host (teams-js getAuthToken) every time when SSO works', async () => {
    let n = 0;
    const ask = async () => `token-${++n}`;
    const memory = { current: undefined as string | undefined };
    expect(await nextToken(ask, true, memory)).toBe('token-1');
    expect(await nextToken(ask, true, memory)).toBe('token-2');
    expect(n).toBe(2);
  });

  it('falls back to the last token when the host does not answer, and uses memory without SSO', async () => {
    const memory = { current: 'last' as string | undefined };
    expect(await nextToken(() => Promise.reject(new Error('x')), true, memory)).toBe('last');
    let asked = false;
    expect(
      await nextToken(
        async () => {
          asked = true;
          return 'x';
        },
        false,
        { current: 'local' },
      ),
    ).toBe('local');
    expect(asked).toBe(false);
  });
});

describe('connecting to Teams', () => {
  // A host that answers each call after a delay, as Teams' window does, and notes the order of events.
  function slowHost() {
    const events: string[] = [];
    let tokens = 0;
    const answer = <T>(what: string, value: T) =>
      new Promise<T>((resolve) => {
        events.push(`asked ${what}`);
        setTimeout(() => {
          events.push(`answered ${what}`);
          resolve(value);
        }, 20);
      });
    const no = { isSupported: () => false };
    const sdk = {
      app: {
        initialize: () => answer('initialize', undefined),
        getContext: () =>
          answer('context', {
            app: { theme: 'default', host: { name: 'Teams' } },
            page: { frameContext: 'sidePanel' },
          }),
        notifySuccess: () => undefined,
        registerOnThemeChangeHandler: () => undefined,
      },
      authentication: { getAuthToken: () => answer('token', `token-${++tokens}`) },
      chat: no,
      call: no,
      mail: no,
      calendar: no,
      pages: { config: no },
    } as unknown as TeamsSdk;
    return { sdk, events, asked: () => tokens };
  }
  const inAFrame = { parent: {} } as unknown as Window;
  beforeAll(() => ((globalThis as { window?: unknown }).window = inAFrame));
  afterAll(() => delete (globalThis as { window?: unknown }).window);

  it('asks for the first token beside the context, not after it, and afresh after that', async () => {
    const host = slowHost();
    const teams = await connectTeams(1000, host.sdk);
    expect(teams?.frameContext).toBe('sidePanel');
    // Both asked before either answered: one round trip to the host, not two in a row.
    expect(host.events.slice(0, 4)).toEqual([
      'asked initialize',
      'answered initialize',
      'asked token',
      'asked context',
    ]);
    expect(await teams!.getToken()).toBe('token-1');
    expect(await teams!.getToken()).toBe('token-2');
    expect(host.asked()).toBe(2);
  });

  it('leaves a refused first token to start-up to read (no unhandled rejection)', async () => {
    const host = slowHost();
    (host.sdk.authentication as { getAuthToken: () => Promise<string> }).getAuthToken = () =>
      Promise.reject(new Error('consent required'));
    const teams = await connectTeams(1000, host.sdk);
    await expect(teams!.getToken()).rejects.toThrow('consent required');
  });
});

describe('Nested App Authentication in the Outlook pane', () => {
  const office = (supported: boolean) => ({
    context: {
      requirements: {
        isSetSupported: (name: string, version?: string) =>
          supported && name === 'NestedAppAuth' && version === '1.1',
      },
    },
  });

  it('checks the NestedAppAuth 1.1 requirement set', () => {
    expect(naaSupported(office(true))).toBe(true);
    expect(naaSupported(office(false))).toBe(false);
    expect(
      naaSupported({
        context: {
          requirements: {
            isSetSupported: () => {
              throw new Error('no');
            },
          },
        },
      }),
    ).toBe(false);
  });

  it('refuses with a clear message where Outlook lacks it, before loading MSAL', async () => {
    const attempt = naaToken({ clientId: 'c', tenantId: 't', scope: 's' }, office(false));
    await expect(attempt).rejects.toBeInstanceOf(NaaUnavailableError);
    await expect(attempt).rejects.toThrow(NAA_UNSUPPORTED_MESSAGE);
    expect(NAA_UNSUPPORTED_MESSAGE).toMatch(/Outlook on the web or the new Outlook/);
  });

  it('uses the council\u2019s tenant as the authority (single tenant), never "organizations"', () => {
    expect(naaAuthority('11111111-1111-4111-8111-111111111111')).toBe(
      'https://login.microsoftonline.com/11111111-1111-4111-8111-111111111111',
    );
    expect(() => naaAuthority(undefined)).toThrow(NaaUnavailableError);
  });
});
