import type { AuthSettings } from '../auth/host';
import { naaToken } from './naa-auth';
import { loadOffice } from './office-host';

/**
 * Sign-in where Teams SSO is not available, loaded only on the two pages that need it (the app's first
 * screen carries neither Office.js nor msal-browser):
 *
 * - the Outlook task pane: Nested App Authentication through the Outlook host (see naa-auth.ts);
 * - the partner return page in a plain browser: the partner signs in to the council's tenant as an Entra
 *   B2B guest with their own organisation's account (msal-browser redirect flow).
 *
 * Both give the same kind of token (audience `api://<host>/<client id>`, council tenant) that the server
 * already validates for Teams SSO.
 */

export interface TokenGetter {
  /** A token for the API; msal answers from its cache while the token is fresh. */
  getToken(): Promise<string>;
}

/**
 * In the Outlook add-in with Entra settings: waits for Office, then returns the NAA token getter.
 * Undefined when Office does not report Outlook (a plain browser) or there are no settings (local mode).
 */
export async function outlookSignIn(settings: AuthSettings | undefined): Promise<TokenGetter | undefined> {
  const office = await loadOffice();
  if (!office || !settings) return undefined;
  return {
    getToken: () =>
      naaToken(
        {
          clientId: settings.clientId,
          scope: settings.scope,
          ...(settings.tenantId ? { tenantId: settings.tenantId } : {}),
        },
        office,
      ),
  };
}

/**
 * The return page's sign-in for a partner outside Teams. On the way back from Entra the redirect is
 * handled here and the page's own query (the case and request) restored; otherwise a cached account is
 * used silently, and failing that the browser goes to the sign-in page (this promise then never settles).
 * The redirect URI is `<origin>/return`, registered as a SPA redirect URI on the Entra app.
 */
export async function partnerSignIn(settings: AuthSettings & { tenantId: string }): Promise<TokenGetter> {
  const { createStandardPublicClientApplication, InteractionRequiredAuthError } =
    await import('@azure/msal-browser');
  const pca = await createStandardPublicClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: `https://login.microsoftonline.com/${settings.tenantId}`,
      redirectUri: `${window.location.origin}/return`,
    },
    cache: { cacheLocation: 'sessionStorage' },
  });
  const scopes = [settings.scope];
  // Handled on /return itself (no second navigation); the request's query comes back as `state`.
  const back = await pca.handleRedirectPromise({ navigateToLoginRequestUrl: false });
  if (back) {
    pca.setActiveAccount(back.account);
    if (back.state?.startsWith('?')) window.history.replaceState(null, '', `/return${back.state}`);
  }
  const silent = async () => {
    const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
    if (!account) throw new InteractionRequiredAuthError('no_account', 'No one has signed in yet.');
    return (await pca.acquireTokenSilent({ scopes, account })).accessToken;
  };
  const getToken = async () => {
    try {
      return await silent();
    } catch (err) {
      if (!(err instanceof InteractionRequiredAuthError)) throw err;
      await pca.acquireTokenRedirect({ scopes, state: window.location.search || '?' });
      return new Promise<string>(() => {}); // leaving the page for the sign-in
    }
  };
  // After the redirect msal has the token cached for the active account, so the first call is silent.
  return { getToken };
}
