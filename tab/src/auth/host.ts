/**
 * Which Microsoft 365 host the app runs in, and what that host can do. The personal tab runs in Teams,
 * Outlook and the Microsoft 365 app (teams-js reports `app.host.name`); the add-in's task pane runs in
 * Outlook through Office.js; the partner return page runs in a plain browser. Views ask for capabilities
 * rather than host names, so a host that gains a capability shows it without code changes.
 *
 * Pure apart from `probeCapabilities` (which asks teams-js) and the document/location readers, and free
 * of runtime imports of teams-js or Office.js, so it costs the first screen nothing. The views read the
 * capabilities through `useHostCapabilities` (app-context.ts), so this module imports no React.
 */
import type { TeamsSdk } from './teams-sdk';
import { apiScope } from '../outlook/naa-auth';

/** What a host supports, as teams-js `isSupported()` reports it (false when it cannot be asked). */
export interface CapabilityProbe {
  chat: boolean;
  call: boolean;
  pagesConfig: boolean;
  mail: boolean;
  calendar: boolean;
}

export interface HostCapabilities {
  /** Teams channels exist here: "Open the case channel" links and the channel tab. Teams only. */
  channels: boolean;
  /** Start a chat with people (teams-js `chat`). */
  chat: boolean;
  /** Start a call (teams-js `call`). */
  call: boolean;
  /** Configurable tabs (teams-js `pages.config`): the channel tab's configuration page. */
  tabConfig: boolean;
  /** Compose an email in the host (teams-js `mail`, Outlook). */
  mail: boolean;
  /** Open the host's calendar (teams-js `calendar`). */
  calendar: boolean;
}

/** A plain browser (local mode, or the partner return page): no host features at all. */
export const browserCapabilities: HostCapabilities = Object.freeze({
  channels: false,
  chat: false,
  call: false,
  tabConfig: false,
  mail: false,
  calendar: false,
});

/** `Teams` and `TeamsModern` are Teams; `Outlook`, `OutlookWin32`, `Office` (the Microsoft 365 app) are not. */
export function isTeamsHost(hostName: string | undefined): boolean {
  return hostName === 'Teams' || hostName === 'TeamsModern';
}

/**
 * Maps a host and its probe to what the views may offer. Channels are Teams-only whatever the probe says:
 * a channel link opened from Outlook or the Microsoft 365 app leaves the host for Teams on the web.
 */
export function capabilitiesFor(
  hostName: string | undefined,
  probe: Partial<CapabilityProbe>,
): HostCapabilities {
  if (!hostName) return browserCapabilities;
  const teams = isTeamsHost(hostName);
  return {
    channels: teams,
    chat: probe.chat === true,
    call: probe.call === true,
    tabConfig: teams && probe.pagesConfig === true,
    mail: probe.mail === true,
    calendar: probe.calendar === true,
  };
}

/** Asks teams-js (after `app.initialize()`) what the host supports; a call that throws counts as no. */
export function probeCapabilities(sdk: TeamsSdk): CapabilityProbe {
  const ask = (check: () => boolean) => {
    try {
      return check();
    } catch {
      return false;
    }
  };
  return {
    chat: ask(() => sdk.chat.isSupported()),
    call: ask(() => sdk.call.isSupported()),
    pagesConfig: ask(() => sdk.pages.config.isSupported()),
    mail: ask(() => sdk.mail.isSupported()),
    calendar: ask(() => sdk.calendar.isSupported()),
  };
}

/** Plain-English name of a host, for messages ("Open this in Teams"). */
export function hostLabel(hostName: string | undefined): string {
  if (!hostName) return 'a web browser';
  if (isTeamsHost(hostName)) return 'Teams';
  if (hostName === 'Outlook' || hostName === 'OutlookWin32') return 'Outlook';
  if (hostName === 'Office') return 'the Microsoft 365 app';
  return hostName;
}

/**
 * Whether this page is the Outlook add-in: the manifest opens the task pane with `?host=outlook`; Office
 * itself adds `_host_Info` to add-in URLs; and Office.js may already be on the page.
 */
export function inOutlookAddin(search: string, win: object = {}): boolean {
  const params = new URLSearchParams(search);
  if (params.get('host')?.toLowerCase() === 'outlook') return true;
  if (/^outlook\$/i.test(params.get('_host_Info') ?? '')) return true;
  return (win as { Office?: unknown }).Office !== undefined;
}

export interface AuthSettings {
  /** The Entra app's client id (public: the manifest carries it too). */
  clientId: string;
  /** The council's tenant id, for partners signing in as B2B guests (the return page). */
  tenantId?: string;
  /** `api://<host>/<client id>/access_as_user`: the API the tab calls lives on the page's own host. */
  scope: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Entra settings sign-in needs before there is any token (so they cannot come from the API): from
 * `<meta name="asb-client-id">` and `<meta name="asb-tenant-id">` in the served page, else from the
 * `clientId` / `tenantId` query parameters. Only GUIDs are taken. Undefined when there is no client id
 * (local mode).
 */
export function readAuthSettings(input: {
  meta: (name: string) => string | null | undefined;
  search: string;
  host: string;
}): AuthSettings | undefined {
  const params = new URLSearchParams(input.search);
  const pick = (metaName: string, param: string) => {
    const value = (input.meta(metaName) ?? params.get(param) ?? '').trim();
    return GUID.test(value) ? value : undefined;
  };
  const clientId = pick('asb-client-id', 'clientId');
  if (!clientId) return undefined;
  const tenantId = pick('asb-tenant-id', 'tenantId');
  return {
    clientId,
    ...(tenantId ? { tenantId } : {}),
    scope: apiScope(input.host, clientId),
  };
}

/** readAuthSettings for this page. */
export function pageAuthSettings(): AuthSettings | undefined {
  return readAuthSettings({
    meta: (name) => document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content,
    search: window.location.search,
    host: window.location.host,
  });
}
