/**
 * The one place that chooses adapters by mode. Local mode: SQLite under DATA_DIR, the Agents Playground
 * as Teams, .ics files for the panel, an outbox folder for email, a local sign-in. m365 mode: SharePoint
 * lists and Teams channels through Graph, the Graph calendar and sendMail, Entra sign-in. Everything
 * else (use cases, rules, reactors) is the same objects in both (runtime.ts).
 */
import { resolve } from 'node:path';
import type { Policy } from '../../shared';
import { GraphApi } from '../adapters/graph/graph-client';
import { GraphCalendar, msalOnBehalfOf } from '../adapters/graph/graph-calendar';
import { GraphMailer } from '../adapters/graph/graph-mailer';
import { GraphMeetingApps } from '../adapters/graph/graph-meeting-apps';
import { resolveSite } from '../adapters/graph/provision';
import { openSharePointStores } from '../adapters/graph/sharepoint-stores';
import { GraphTeamsChannels } from '../adapters/graph/teams-channels';
import { tokenProvider } from '../adapters/graph/token-provider';
import { IcsCalendar } from '../adapters/local/ics-calendar';
import { OutboxMailer } from '../adapters/local/outbox-mailer';
import { PLAYGROUND_TEAM } from '../adapters/local/playground';
import { PlaygroundWorkspace } from '../adapters/local/playground-workspace';
import { openSqliteStores } from '../adapters/sqlite/sqlite-stores';
import type { BotAuth } from '../adapters/teams/bot-endpoint';
import { caseProjector } from '../app/case-projector';
import { loadDirectory, sampleDirectory, SAMPLE_TENANT_ID, type Directory } from '../app/directory';
import { teamsChannelLink } from '../app/panel-service';
import { EntraTokens } from '../auth/entra-tokens';
import { LocalTokens } from '../auth/local-tokens';
import type { Config, LocalConfig, M365Config } from '../config';
import type { Calendar } from '../ports/calendar';
import type { Mailer } from '../ports/mailer';
import type { MeetingApps } from '../ports/meeting-apps';
import type { CaseChannel, Workspace } from '../ports/workspace';
import type { ConversationRefs } from '../store/conversation-refs';
import type { Stores } from '../store/stores';
import type { HttpAppDeps } from './http-app';

/** The sender of local mode's emails and panel invitations. */
const LOCAL_SENDER = 'community.safety@council.example';

export interface ModeAdapters {
  stores: Stores;
  directory: Directory;
  mailer: Mailer;
  /** Local mode: the outbox folder the tab lists (the mailer itself). */
  outbox?: OutboxMailer;
  calendar: Calendar;
  /** The case channels; the Playground's are kept beside the conversation references. */
  workspace(conversations: ConversationRefs): Workspace;
  /** The Teams team whose channels hold the cases. */
  teamId: string;
  /** How the bot endpoint checks the Bot Framework's calls. */
  botAuth: BotAuth;
  /** How people sign in to the tab and the API. */
  signIn: Pick<HttpAppDeps, 'localTokens' | 'entraTokens' | 'signIn'>;
  /** A link to a case's Teams channel for panel invitations. */
  channelLink?: (channel: { channelId: string; name: string }) => string;
  /** The address to listen on (undefined: every interface). */
  listenHost?: string;
  /** Issue 16: puts the app in each panel's Teams meeting (m365 mode, with TEAMS_APP_CATALOG_ID). */
  meetingApps?: MeetingApps;
}

/**
 * The store ports for the mode. SharePoint's are opened asynchronously (the provisioned lists are found
 * first, and a missing list stops start-up naming it); startServer does it before createRuntime.
 */
export async function openStores(config: Config, policy: Policy, now: () => Date): Promise<Stores> {
  if (config.APP_MODE === 'local') return localStores(config, policy, now);
  const api = graphApi(config);
  const siteId = await resolveSite(api, config.SHAREPOINT_SITE_ID);
  // A case that cannot be repaired on start-up is named (by id) and left for its next read.
  return openSharePointStores({
    api,
    siteId,
    projector: caseProjector(policy, now),
    clock: now,
    log: (m) => console.warn(m),
  });
}

export function modeAdapters(config: Config, policy: Policy, now: () => Date, stores?: Stores): ModeAdapters {
  return config.APP_MODE === 'local'
    ? localAdapters(config, policy, now, stores)
    : m365Adapters(config, policy, stores);
}

/** Local mode listens on the loopback interface unless HOST says otherwise; m365 mode on every one. */
export function listenHost(config: Config): string | undefined {
  return config.HOST ?? (config.APP_MODE === 'local' ? '127.0.0.1' : undefined);
}

function localStores(config: LocalConfig, policy: Policy, now: () => Date): Stores {
  return openSqliteStores({
    dataDir: resolve(config.DATA_DIR),
    projector: caseProjector(policy, now),
    clock: now,
  });
}

function localAdapters(config: LocalConfig, policy: Policy, now: () => Date, stores?: Stores): ModeAdapters {
  const outbox = new OutboxMailer(resolve(config.DATA_DIR), LOCAL_SENDER, now);
  return {
    stores: stores ?? localStores(config, policy, now),
    directory: config.PEOPLE_FILE
      ? loadDirectory(config.PEOPLE_FILE, policy, SAMPLE_TENANT_ID)
      : sampleDirectory(policy),
    mailer: outbox,
    outbox,
    calendar: new IcsCalendar({ organiser: { email: LOCAL_SENDER, name: policy.council }, now }),
    workspace: (conversations) => new PlaygroundWorkspace(conversations, PLAYGROUND_TEAM.casesChannelId),
    teamId: PLAYGROUND_TEAM.aadGroupId,
    botAuth: { kind: 'unauthenticated' },
    signIn: { localTokens: new LocalTokens() },
    listenHost: listenHost(config),
  };
}

function m365Adapters(config: M365Config, policy: Policy, stores?: Stores): ModeAdapters {
  if (!stores)
    throw new Error('m365 mode keeps its cases in SharePoint: open them first with openStores(config).');
  if (!config.PEOPLE_FILE)
    throw new Error(
      'PEOPLE_FILE is required in m365 mode: it says who is a SPOC and which agency each person belongs to.',
    );
  return {
    stores,
    directory: loadDirectory(config.PEOPLE_FILE, policy, config.TENANT_ID),
    mailer: new GraphMailer({ sender: config.MAIL_SENDER, api: graphApi(config) }),
    calendar: new GraphCalendar({
      organiser: config.PANEL_ORGANISER,
      api: graphApi(config),
      ...(config.AAD_APP_CLIENT_SECRET
        ? {
            onBehalfOf: msalOnBehalfOf({
              tenantId: config.TENANT_ID,
              clientId: config.AAD_APP_CLIENT_ID,
              clientSecret: config.AAD_APP_CLIENT_SECRET,
            }),
          }
        : {}),
    }),
    // Built on first use, so the server starts (and says what is wrong) without Graph.
    workspace: () => lazyWorkspace(() => new GraphTeamsChannels(graphApi(config), config.TEAM_ID)),
    teamId: config.TEAM_ID,
    botAuth:
      config.BOT_TYPE === 'UserAssignedMSI'
        ? {
            kind: 'managed-identity',
            appId: config.MANAGED_IDENTITY_CLIENT_ID ?? config.BOT_ID,
            botId: config.BOT_ID,
            tenantId: config.TENANT_ID,
          }
        : {
            kind: 'single-tenant',
            appId: config.BOT_ID,
            password: config.BOT_PASSWORD ?? '',
            tenantId: config.TENANT_ID,
          },
    signIn: {
      signIn: { clientId: config.AAD_APP_CLIENT_ID, tenantId: config.TENANT_ID },
      entraTokens: new EntraTokens({
        tenantId: config.TENANT_ID,
        clientId: config.AAD_APP_CLIENT_ID,
        host: new URL(config.PUBLIC_URL).host,
      }),
    },
    channelLink: teamsChannelLink(config.TEAM_ID, config.TENANT_ID),
    listenHost: listenHost(config),
    ...(config.TEAMS_APP_CATALOG_ID
      ? {
          meetingApps: new GraphMeetingApps(graphApi(config), {
            catalogAppId: config.TEAMS_APP_CATALOG_ID,
            tabEndpoint: config.PUBLIC_URL,
          }),
        }
      : {}),
  };
}

let cachedToken: ReturnType<typeof tokenProvider> | undefined;

/** The app's own Graph token (client secret or managed identity), one provider per process. */
function graphToken(config: M365Config) {
  cachedToken ??= tokenProvider(
    config.GRAPH_AUTH === 'managed-identity'
      ? {
          kind: 'managed-identity',
          ...(config.MANAGED_IDENTITY_CLIENT_ID ? { clientId: config.MANAGED_IDENTITY_CLIENT_ID } : {}),
        }
      : {
          kind: 'client-secret',
          tenantId: config.TENANT_ID,
          clientId: config.AAD_APP_CLIENT_ID,
          clientSecret: config.AAD_APP_CLIENT_SECRET!,
        },
  );
  return cachedToken;
}

let cachedApi: GraphApi | undefined;

/**
 * The server's one Graph client (m365 mode): the store, the channels, the calendar and the mailer share
 * its token and its retry path. GRAPH_BASE_URL points it elsewhere (a test double).
 */
export function graphApi(config: M365Config): GraphApi {
  cachedApi ??= new GraphApi({
    baseUrl: process.env.GRAPH_BASE_URL ?? 'https://graph.microsoft.com/v1.0',
    tokens: graphToken(config),
  });
  return cachedApi;
}

function lazyWorkspace(make: () => Workspace): Workspace {
  let inner: Workspace | undefined;
  const get = () => (inner ??= make());
  return {
    findChannel: (name: string): Promise<CaseChannel | null> => get().findChannel(name),
    createChannel: (name: string, description: string) => get().createChannel(name, description),
  };
}
