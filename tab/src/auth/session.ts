/**
 * Where the tab runs and how it gets a token.
 *
 * - Inside Teams (or Outlook / the Microsoft 365 app): teams-js `app.initialize()`, then
 *   `authentication.getAuthToken()` (SSO) each time a token is needed: teams-js caches and renews it, and
 *   Microsoft Learn ("Enable SSO for tab app") advises asking it rather than keeping the token. teams-js
 *   is loaded only then, so a plain browser never downloads it.
 * - In a plain browser, `app.initialize()` never settles ("No Parent window found"), so the tab does not
 *   call it: a top-level window with no Teams native bridge is not Teams, and an iframe that does not
 *   answer within a few seconds is not Teams either. There the local sign-in is used (local mode only).
 *
 * Only the local sign-in's own token is kept in sessionStorage (so a reload in local mode keeps you signed
 * in). An Entra token - Teams SSO, the Outlook pane's NAA, the partner page - is never stored by the tab:
 * teams-js and MSAL hold it and are asked again.
 */

import { capabilitiesFor, probeCapabilities, type HostCapabilities } from './host'; // issue 8
import type { TeamsSdk } from './teams-sdk';

const TOKEN_KEY = 'asb-case-review.token';
/** The issuer of local mode's sign-in tokens (bot/auth/local-tokens.ts). */
const LOCAL_ISSUER = 'asb-case-review-local';

/** Whether a token is local mode's own sign-in token (not an Entra token). */
export function isLocalSignInToken(token: string): boolean {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    return (JSON.parse(json) as { iss?: unknown }).iss === LOCAL_ISSUER;
  } catch {
    return false;
  }
}

/** The local sign-in's token, if this browser tab has one; never an Entra token. */
export function storedToken(): string | undefined {
  try {
    const token = sessionStorage.getItem(TOKEN_KEY) ?? undefined;
    if (token && !isLocalSignInToken(token)) {
      sessionStorage.removeItem(TOKEN_KEY); // left by an older version of the tab
      return undefined;
    }
    return token;
  } catch {
    return undefined;
  }
}

/** Keeps a local sign-in token for this browser tab; an Entra token is not kept (see above). */
export function storeToken(token: string | undefined): void {
  try {
    if (token && isLocalSignInToken(token)) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage may be blocked (private mode in some browsers); the token then lives in memory only.
  }
}

/**
 * The token for the next API call. With the host's SSO working (Teams `getAuthToken`, the Outlook pane's
 * NAA), the host is asked every time - it caches and renews - and `memory` only remembers the last answer
 * for when the host cannot be reached; otherwise (local sign-in, no SSO) the token in memory.
 */
export async function nextToken(
  ask: (() => Promise<string>) | undefined,
  hostSso: boolean,
  memory: { current: string | undefined },
): Promise<string | undefined> {
  if (!hostSso || !ask) return memory.current;
  try {
    memory.current = await ask();
  } catch {
    // The host did not answer this time: the last token it gave, if any (the server checks its expiry).
  }
  return memory.current;
}

export type TeamsTheme = 'default' | 'dark' | 'contrast';

export interface TeamsHost {
  /** `Teams`, `Outlook`, `Office`... */
  hostName: string;
  theme: TeamsTheme;
  /** A channel tab's channel name, which carries the case reference (`CT-2026-0007 ...`). */
  channelName?: string;
  userObjectId?: string;
  /** Issue 16: where the tab is framed (`content`, `settings`, `sidePanel`, `meetingStage`) and its meeting. */
  frameContext?: string;
  meetingId?: string;
  /** Issue 15: the case a deep link (a card's or reminder's "Open the case") was opened for. */
  subPageId?: string;
  onThemeChange(handler: (theme: TeamsTheme) => void): void;
  getToken(): Promise<string>;
  /** The parts of teams-js the tab uses (auth/teams-sdk.ts): pages.config for the config page, meeting for the stage. */
  sdk: TeamsSdk;
  /** Issue 8: what this host can do (Teams, Outlook, the Microsoft 365 app differ); see auth/host.ts. */
  capabilities: HostCapabilities;
}

/** Whether this window might be hosted by Teams at all; false means certainly not. */
export function mightBeInTeams(win: Window = window): boolean {
  const w = win as Window & { nativeInterface?: unknown; microsoftTeams?: unknown };
  if (w.nativeInterface) return true; // Teams mobile web view
  try {
    if (win.parent !== win) return true; // an iframe: Teams web and desktop host tabs so
  } catch {
    return true; // a cross-origin parent throws on access in some browsers
  }
  if (win.opener) return true; // an authentication pop-up opened by Teams
  return false;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * Connects to Teams, or resolves undefined quickly when this is not Teams. Never hangs: the initialize
 * call is raced against `timeoutMs`. `loaded` is teams-js when the page loaded it already (the meeting's).
 */
export async function connectTeams(timeoutMs = 4000, loaded?: TeamsSdk): Promise<TeamsHost | undefined> {
  if (!mightBeInTeams()) return undefined;
  let sdk: TeamsSdk;
  try {
    sdk = loaded ?? (await import('./teams-sdk')).teamsSdk;
  } catch {
    return undefined;
  }
  try {
    await withTimeout(sdk.app.initialize(), timeoutMs, 'Teams');
  } catch {
    return undefined;
  }
  const askToken = () => withTimeout(sdk.authentication.getAuthToken(), 15_000, 'Teams sign-in');
  // Start-up asks for a token straight after this (auth/start-up.ts): asked beside the context rather than
  // after it, the host answers both in one round trip's time (issue 16: the side panel's first view waits
  // on the token). Its refusal is start-up's to read, when it asks.
  let firstToken: Promise<string> | undefined = askToken();
  firstToken.catch(() => undefined);
  const context = await withTimeout(sdk.app.getContext(), timeoutMs, 'Teams context').catch(() => undefined);
  const theme = (context?.app.theme ?? 'default') as TeamsTheme;
  try {
    sdk.app.notifySuccess();
  } catch {
    // Only needed when the manifest asks for the loading indicator.
  }
  const hostName = String(context?.app.host.name ?? 'Teams');
  return {
    hostName,
    capabilities: capabilitiesFor(hostName, probeCapabilities(sdk)), // issue 8
    theme: theme === 'dark' || theme === 'contrast' ? theme : 'default',
    ...(context?.channel?.displayName ? { channelName: context.channel.displayName } : {}),
    ...(context?.user?.id ? { userObjectId: context.user.id } : {}),
    ...(context?.page.frameContext ? { frameContext: String(context.page.frameContext) } : {}),
    ...(context?.meeting?.id ? { meetingId: context.meeting.id } : {}),
    ...(context?.page?.subPageId ? { subPageId: context.page.subPageId } : {}),
    onThemeChange(handler) {
      sdk.app.registerOnThemeChangeHandler((t) =>
        handler(t === 'dark' || t === 'contrast' ? (t as TeamsTheme) : 'default'),
      );
    },
    // The first answer is the one asked for above; every later call asks the host afresh (nextToken).
    getToken: () => {
      const token = firstToken ?? askToken();
      firstToken = undefined;
      return token;
    },
    sdk,
  };
}
