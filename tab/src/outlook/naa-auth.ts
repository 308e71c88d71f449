/**
 * Sign-in inside Outlook: Nested App Authentication (Microsoft Learn, "Enable SSO in an Office Add-in
 * using nested app authentication"). The add-in asks the Outlook host for a token for the app's own API
 * (`access_as_user`), silently first and with a pop-up when consent or sign-in is needed. The server
 * validates it exactly as it validates the Teams tab's SSO token. msal-browser is loaded only here, so the
 * tab's first load does not carry it.
 *
 * As documented: the app is single tenant, so the authority is the council's tenant
 * (`https://login.microsoftonline.com/<tenant id>`), not `organizations`; and NAA is used only where the
 * host supports the `NestedAppAuth 1.1` requirement set - elsewhere the pane says plainly what to do.
 */
export interface NaaSettings {
  clientId: string;
  /** The council's tenant id: the authority of a single-tenant app. */
  tenantId?: string;
  /** `api://<host>/<client id>/access_as_user` */
  scope: string;
}

/** What NAA needs from Office.js. */
export interface NaaHost {
  context: { requirements: { isSetSupported(name: string, version?: string): boolean } };
}

export const NAA_REQUIREMENT = { name: 'NestedAppAuth', version: '1.1' } as const;

/** Why the task pane cannot sign in here, in words for the person at the keyboard. */
export class NaaUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NaaUnavailableError';
  }
}

export const NAA_UNSUPPORTED_MESSAGE =
  'This version of Outlook cannot sign you in to ASB Case Review from the add-in (it does not support ' +
  'Nested App Authentication 1.1). Use Outlook on the web or the new Outlook for Windows, or record the ' +
  'application in the ASB Case Review app in Teams.';

/** Whether this Outlook supports Nested App Authentication 1.1; a host that cannot be asked does not. */
export function naaSupported(office: NaaHost): boolean {
  try {
    return office.context.requirements.isSetSupported(NAA_REQUIREMENT.name, NAA_REQUIREMENT.version);
  } catch {
    return false;
  }
}

/** The authority for this app: the council's tenant (single tenant). */
export function naaAuthority(tenantId: string | undefined): string {
  if (!tenantId)
    throw new NaaUnavailableError(
      'ASB Case Review is not set up for sign-in here (the page does not name the council\u2019s tenant). Ask your administrator.',
    );
  return `https://login.microsoftonline.com/${tenantId}`;
}

export async function naaToken(settings: NaaSettings, office: NaaHost): Promise<string> {
  if (!naaSupported(office)) throw new NaaUnavailableError(NAA_UNSUPPORTED_MESSAGE);
  const authority = naaAuthority(settings.tenantId);
  const { createNestablePublicClientApplication, InteractionRequiredAuthError } =
    await import('@azure/msal-browser');
  const pca = await createNestablePublicClientApplication({
    auth: { clientId: settings.clientId, authority },
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
