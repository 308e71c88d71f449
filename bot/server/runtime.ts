import type express from 'express';
import { resolve } from 'node:path';
import type { Policy } from '../../shared';
import { SqliteCaseStore } from '../adapters/sqlite/sqlite-case-store';
import { caseProjector } from '../app/case-projector';
import { CaseService, type CaseReactor } from '../app/case-service';
import { loadDirectory, sampleDirectory, SAMPLE_TENANT_ID, type Directory } from '../app/directory';
import { loadPolicy } from '../app/load-policy';
import { EntraTokens } from '../auth/entra-tokens';
import { LocalTokens } from '../auth/local-tokens';
import type { Config } from '../config';
import type { CaseStore } from '../store/case-store';
import { GraphApi } from '../adapters/graph/graph-client';
import { GraphMailer } from '../adapters/graph/graph-mailer';
import { tokenProvider } from '../adapters/graph/token-provider';
import { OutboxMailer } from '../adapters/local/outbox-mailer';
import { EmailIntake } from '../app/email-intake';
import { PartnerReturns, partnerEmailReactor } from '../app/partner-returns';
import type { Mailer } from '../ports/mailer';
import { agencyName } from '../../shared';
import { createHttpApp, type HttpAppDeps } from './http-app';
import { registerPartnerRoutes } from './partner-routes';
import { GraphCalendar, msalOnBehalfOf } from '../adapters/graph/graph-calendar';
import { IcsCalendar } from '../adapters/local/ics-calendar';
import { LetterService } from '../app/letter-service';
import { PanelService, teamsChannelLink } from '../app/panel-service';
import { registerLetterRoutes } from './letter-routes';
import { registerPanelRoutes } from './panel-routes';
import { registerDataProtectionRoutes } from './data-protection-routes';
import { Retention } from '../app/retention';
import { SubjectAccess } from '../app/subject-access';
import { summarizer } from '../app/case-facts';
import { schedule, type Schedule } from './schedule';
import { wirePublicDoor } from '../public/wire'; // issue 17
import { wireTeams, type TeamsWiring, type TeamsWiringOptions } from './teams-wiring'; // Teams (issue 4)

export interface Runtime {
  config: Config;
  policy: Policy;
  directory: Directory;
  store: CaseStore;
  service: CaseService;
  mailer: Mailer;
  /** Teams (issue 4): the bot, the case channels, reminders and their schedule. */
  teams: TeamsWiring;
  retention: Retention;
  /** In-process schedules besides the reminders; started by startServer. */
  schedules: { retention: Schedule };
  app: express.Express;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  now?: () => Date;
  reactors?: CaseReactor[];
  store?: CaseStore;
  http?: Partial<HttpAppDeps>;
  log?: (message: string) => void;
  /** Teams (issue 4): a fake Messenger or Workspace in tests. */
  teams?: TeamsWiringOptions;
}

/** The composition root: the same use cases and rules in both modes; only the adapters differ. */
export function createRuntime(config: Config, options: RuntimeOptions = {}): Runtime {
  const now = options.now ?? (() => new Date());
  // Operational lines are informational; at LOG_LEVEL warn or error they are not printed. None carries case data.
  const quiet = config.LOG_LEVEL === 'warn' || config.LOG_LEVEL === 'error';
  const log = options.log ?? (quiet ? () => {} : (m: string) => console.log(m));
  const policy = loadPolicy(config.POLICY);
  const directory = config.PEOPLE_FILE
    ? loadDirectory(
        config.PEOPLE_FILE,
        policy,
        config.APP_MODE === 'm365' ? config.TENANT_ID : SAMPLE_TENANT_ID,
      )
    : config.APP_MODE === 'local'
      ? sampleDirectory(policy)
      : failNoDirectory();
  const store =
    options.store ??
    new SqliteCaseStore({
      dataDir: resolve(config.DATA_DIR),
      projector: caseProjector(policy, now),
      clock: now,
    });
  const service = new CaseService({ store, policy, directory, now, reactors: options.reactors ?? [], log });
  const publicUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const outbox =
    config.APP_MODE === 'local'
      ? new OutboxMailer(resolve(config.DATA_DIR), 'community.safety@council.example', now)
      : undefined;
  const mailer: Mailer =
    config.APP_MODE === 'm365'
      ? new GraphMailer({ sender: config.MAIL_SENDER, api: graphApi(config) })
      : outbox!;
  // Teams (issue 4): the bot endpoint, the channel-per-case reactor, reminders (by email for partners outside Teams).
  const teams = wireTeams(
    { config, policy, directory, store, service, now, log, mailer, publicUrl },
    options.teams,
  );
  service.addReactor(
    partnerEmailReactor({ directory, mailer, publicUrl, policyName: (id) => agencyName(policy, id) }),
  );
  const publicDoor = wirePublicDoor({
    config,
    policy,
    directory,
    store,
    service,
    now,
    log,
    publicUrl,
    ...(outbox ? { localMailer: outbox } : {}),
  }); // issue 17
  const letters = new LetterService({ service, store, policy, directory, now });
  const calendar =
    config.APP_MODE === 'm365'
      ? new GraphCalendar({
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
        })
      : new IcsCalendar({
          organiser: { email: 'community.safety@council.example', name: policy.council },
          now,
        });
  const panel = new PanelService({
    service,
    store,
    policy,
    directory,
    calendar,
    now,
    ...(config.APP_MODE === 'm365'
      ? { channelLink: teamsChannelLink(config.TEAM_ID, config.TENANT_ID) }
      : {}),
  });
  const retention = new Retention({
    store,
    service,
    directory,
    messenger: teams.messenger,
    summarize: summarizer(policy),
    log,
  });
  const subjectAccess = new SubjectAccess({ store, service, directory, now });
  const retentionJob = schedule(config.RETENTION_SCHEDULE, log, 'retention sweep', async () => {
    const today = service.today();
    await retention.sweep(today);
    await retention.notifyUpcoming(today);
  });
  const partnerReturns = new PartnerReturns(service);
  const emailIntake = new EmailIntake(service, store);
  const app = createHttpApp({
    mode: config.APP_MODE,
    service,
    directory,
    ...(config.APP_MODE === 'local' ? { localTokens: new LocalTokens() } : {}),
    ...(config.APP_MODE === 'm365'
      ? {
          signIn: { clientId: config.AAD_APP_CLIENT_ID, tenantId: config.TENANT_ID },
          entraTokens: new EntraTokens({
            tenantId: config.TENANT_ID,
            clientId: config.AAD_APP_CLIENT_ID,
            host: new URL(config.PUBLIC_URL).host,
          }),
        }
      : {}),
    tabDir: resolve(__dirname, '../../tab/dist'),
    ...(config.PUBLIC_URL ? { allowedHosts: [new URL(config.PUBLIC_URL).host] } : {}),
    log,
    botHandler: teams.botHandler, // Teams (issue 4)
    remind: teams.remind, // Teams (issue 4)
    ...options.http,
    extensions: [
      (a, authenticate) =>
        registerPartnerRoutes(a, authenticate, {
          partnerReturns,
          emailIntake,
          ...(outbox ? { outbox } : {}),
        }),
      (a, authenticate) => registerLetterRoutes(a, authenticate, { letters }),
      (a, authenticate) => registerPanelRoutes(a, authenticate, { panel, service }),
      (a, authenticate) => registerDataProtectionRoutes(a, authenticate, { retention, subjectAccess }),
      publicDoor.routes, // issue 17: /apply, /voice, the victim's voice for the tab, Notify's receipts
      ...(options.http?.extensions ?? []),
    ],
  });
  return {
    config,
    policy,
    directory,
    store,
    service,
    mailer,
    teams,
    retention,
    schedules: { retention: retentionJob },
    app,
    close: async () => {
      retentionJob.stop();
      await service.deliveries.stop(); // side effects in flight finish (or wait for the next start)
      await teams.stop(); // Teams (issue 4): the reminder schedule and card refreshes in flight
      await store.close();
    },
  };
}

let cachedToken: ReturnType<typeof tokenProvider> | undefined;

/** The app's own Graph token (client secret or managed identity), one provider per process. */
export function graphToken(config: Extract<Config, { APP_MODE: 'm365' }>) {
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
 * The server's one Graph client (m365 mode): the store, the calendar and the mailer share its token and
 * its retry path. GRAPH_BASE_URL points it elsewhere (a test double).
 */
export function graphApi(config: Extract<Config, { APP_MODE: 'm365' }>): GraphApi {
  cachedApi ??= new GraphApi({
    baseUrl: process.env.GRAPH_BASE_URL ?? 'https://graph.microsoft.com/v1.0',
    tokens: graphToken(config),
  });
  return cachedApi;
}

function failNoDirectory(): never {
  throw new Error(
    'PEOPLE_FILE is required in m365 mode: it says who is a SPOC and which agency each person belongs to.',
  );
}
