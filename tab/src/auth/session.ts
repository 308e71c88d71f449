/**
 * Where the tab runs and how it gets a token.
 *
 * - Inside Teams (or Outlook / the Microsoft 365 app): teams-js `app.initialize()`, then
 *   `authentication.getAuthToken()` (SSO). teams-js is loaded only then, so a plain browser never downloads it.
 * - In a plain browser, `app.initialize()` never settles ("No Parent window found"), so the tab does not
 *   call it: a top-level window with no Teams native bridge is not Teams, and an iframe that does not
 *   answer within a few seconds is not Teams either. There the local sign-in is used (local mode only).
 *
 * The token is kept in sessionStorage: it lives as long as the browser tab and is not shared with others.
 */

import type * as TeamsJs from '@microsoft/teams-js';
import { capabilitiesFor, probeCapabilities, type HostCapabilities } from './host'; // issue 8

const TOKEN_KEY = 'asb-case-review.token';

export function storedToken(): string | undefined {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function storeToken(token: string | undefined): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage may be blocked (private mode in some browsers); the token then lives in memory only.
  }
}

export type TeamsTheme = 'default' | 'dark' | 'contrast';

export interface TeamsHost {
  /** `Teams`, `Outlook`, `Office`... */
  hostName: string;
  theme: TeamsTheme;
  /** A channel tab's channel name, which carries the case reference (`CT-2026-0007 ...`). */
  channelName?: string;
  userObjectId?: string;
  onThemeChange(handler: (theme: TeamsTheme) => void): void;
  getToken(): Promise<string>;
  /** teams-js itself, for the config page (pages.config). */
  sdk: typeof TeamsJs;
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
 * call is raced against `timeoutMs`.
 */
export async function connectTeams(timeoutMs = 4000): Promise<TeamsHost | undefined> {
  if (!mightBeInTeams()) return undefined;
  let sdk: typeof TeamsJs;
  try {
    sdk = await import('@microsoft/teams-js');
  } catch {
    return undefined;
  }
  try {
    await withTimeout(sdk.app.initialize(), timeoutMs, 'Teams');
  } catch {
    return undefined;
  }
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
    onThemeChange(handler) {
      sdk.app.registerOnThemeChangeHandler((t) =>
        handler(t === 'dark' || t === 'contrast' ? (t as TeamsTheme) : 'default'),
      );
    },
    getToken: () => withTimeout(sdk.authentication.getAuthToken(), 15_000, 'Teams sign-in'),
    sdk,
  };
}
