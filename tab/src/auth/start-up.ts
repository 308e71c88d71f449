import type { Me } from '../../../bot/api/contract';
import type { Api } from '../api/client';
import { ApiRequestError, asApiError } from '../lib/api-error';
import { surfaceOf } from '../surface';
import { inOutlookAddin, pageAuthSettings } from './host';
import { connectTeams, storeToken, type TeamsHost } from './session';
import type { TeamsSdk } from './teams-sdk';

/** Where start-up ended: signed in, a sign-in to show, "open this in Teams", or a failure to explain. */
export type Boot =
  | { stage: 'starting' }
  | { stage: 'sign-in' }
  | { stage: 'teams-only' }
  | { stage: 'failed'; error: ApiRequestError }
  | { stage: 'ready'; me: Me };

/** What start-up learns and the token source keeps using afterwards. */
export interface SessionState {
  /** The last token: the host's answer, or local mode's own sign-in token. */
  token: string | undefined;
  /** Teams (or Outlook, the Microsoft 365 app) hosting the tab, when it does. */
  host: TeamsHost | undefined;
  /** The token source outside Teams: the Outlook pane's NAA, the partner page's Entra sign-in. */
  outside: (() => Promise<string>) | undefined;
  /** The host's SSO gave a token at start-up: ask it for each call. */
  hostSso: boolean;
}

/** After the local sign-in page: keep the token for this session and load who it belongs to. */
export async function afterSignIn(api: Api, session: SessionState, token: string): Promise<Boot> {
  session.token = token;
  storeToken(token);
  try {
    return { stage: 'ready', me: await api.me() };
  } catch (err) {
    return { stage: 'failed', error: asApiError(err) };
  }
}

/** Issue 8: why sign-in outside Teams failed, in words (the cause stays out of the page and the console). */
export function signInFailed(through: string): ApiRequestError {
  return new ApiRequestError(
    0,
    'unauthenticated',
    `${through} could not sign you in. Try again; if it keeps failing, ask your administrator to check the app's sign-in set-up.`,
  );
}

/** The Outlook task pane: Nested App Authentication, or a failure saying why not. */
async function outlookStart(session: SessionState): Promise<Boot | undefined> {
  const { outlookSignIn } = await import('../outlook/sign-in-outside-teams');
  session.outside = (await outlookSignIn(pageAuthSettings()))?.getToken;
  if (!session.outside) return undefined;
  try {
    session.token = await session.outside();
    session.hostSso = true;
    return undefined;
  } catch (err) {
    // NAA missing in this Outlook, or no tenant to sign in to: say so plainly.
    if (err instanceof Error && err.name === 'NaaUnavailableError')
      return { stage: 'failed', error: new ApiRequestError(0, 'unauthenticated', err.message) };
    return { stage: 'failed', error: signInFailed('Outlook') };
  }
}

/** A partner on the return page outside Teams signs in to the council's tenant (Entra B2B). */
async function partnerStart(api: Api, session: SessionState, tenantId: string): Promise<Boot> {
  try {
    const settings = pageAuthSettings();
    if (!settings) throw signInFailed('Microsoft');
    const { partnerSignIn } = await import('../outlook/sign-in-outside-teams');
    const signIn = await partnerSignIn({ ...settings, tenantId });
    session.outside = signIn.getToken;
    session.token = await signIn.getToken();
    storeToken(session.token);
    return { stage: 'ready', me: await api.me() };
  } catch (err) {
    return { stage: 'failed', error: err instanceof ApiRequestError ? err : signInFailed('Microsoft') };
  }
}

/**
 * Signs in at start-up: Teams SSO (the Outlook task pane: Nested App Authentication), then a stored token,
 * then the local sign-in, the partner's Entra sign-in on the return page, or "open in Teams".
 *
 * Issue 16, for the meeting's page: `teams` is teams-js when the page has it already (loaded with the
 * page rather than after it); `withToken` runs once a token is in hand, just before `/api/me` is asked, so
 * the side panel opens its stream beside it rather than after it. The server checks the token on both.
 */
export async function startUp(
  api: Api,
  session: SessionState,
  options: { teams?: TeamsSdk; withToken?: () => void } = {},
): Promise<Boot> {
  // Issue 8: the task pane in Outlook is no Teams tab (teams-js would wait in vain): it uses NAA.
  const surface = surfaceOf(window.location.pathname);
  const addin = surface === 'taskpane' && inOutlookAddin(window.location.search, window);
  const host = addin ? undefined : await connectTeams(undefined, options.teams);
  session.host = host;
  if (addin) {
    const failed = await outlookStart(session);
    if (failed) return failed;
  }
  if (host) {
    try {
      session.token = await host.getToken();
      session.hostSso = true;
    } catch {
      // SSO is not set up (or consent is missing): fall through to a stored token or the local sign-in.
    }
  }
  if (session.token) {
    options.withToken?.();
    try {
      return { stage: 'ready', me: await api.me() };
    } catch (err) {
      const e = asApiError(err);
      if (e.status !== 401) return { stage: 'failed', error: e };
      session.token = undefined;
      session.hostSso = false;
      storeToken(undefined);
    }
  }
  // No token: the local sign-in exists only in local mode (GET /api/local/people answers only there).
  try {
    await api.people();
    return { stage: 'sign-in' };
  } catch (err) {
    const e = asApiError(err);
    if (e.code === 'network') return { stage: 'failed', error: e };
  }
  const tenantId = pageAuthSettings()?.tenantId;
  if (surface === 'return' && !host && tenantId) return partnerStart(api, session, tenantId);
  try {
    return { stage: 'ready', me: await api.meAnonymous() };
  } catch (err) {
    const e = asApiError(err);
    if (e.status === 401 || e.status === 403) return { stage: 'teams-only' };
    return { stage: 'failed', error: e };
  }
}
