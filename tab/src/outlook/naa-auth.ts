/**
 * Sign-in inside Outlook: Nested App Authentication. The add-in asks the Outlook host for a token for the
 * app's own API (`access_as_user`), silently first and with a pop-up when consent or sign-in is needed.
 * The server validates it exactly as it validates the Teams tab's SSO token. msal-browser is loaded only
 * here, so the tab's first load does not carry it.
 */
export interface NaaSettings {
  clientId: string;
  /** `api://<host>/<client id>/access_as_user` */
  scope: string;
}

export async function naaToken(settings: NaaSettings): Promise<string> {
  const { createNestablePublicClientApplication, InteractionRequiredAuthError } =
    await import('@azure/msal-browser');
  const pca = await createNestablePublicClientApplication({
    auth: { clientId: settings.clientId, authority: 'https://login.microsoftonline.com/organizations' },
  });
  const request = { scopes: [settings.scope] };
  try {
    return (await pca.acquireTokenSilent(request)).accessToken;
  } catch (err) {
    if (!(err instanceof InteractionRequiredAuthError)) throw err;
    return (await pca.acquireTokenPopup(request)).accessToken;
  }
}

/** The API scope for this host: the same `api://<host>/<client id>` resource the manifest declares. */
export function apiScope(host: string, clientId: string): string {
  return `api://${host}/${clientId}/access_as_user`;
}
