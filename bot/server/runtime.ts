/**
 * The composition root: one adapter set for the mode (mode-adapters.ts), the use cases over it, the
 * reactors registered in one place, and the HTTP surface. The same use cases and rules in both modes.
 */
import { CaseDocuments } from '../app/case-documents';
import { registerDocumentRoutes } from './document-routes';
import { acceptOf, CASE_DOCUMENT_TYPES } from './upload';
import type express from 'express';
import { createServer, type RequestListener, type Server } from 'node:http';
import { botLane } from './bot-lane';
import { resolve } from 'node:path';
import { agencyName, type Policy } from '../../shared';
import { summarizer } from '../app/case-facts';
import { caseLinks } from '../app/case-links';
import { CaseService } from '../app/case-service';
import type { Directory } from '../app/directory';
import { EmailIntake } from '../app/email-intake';
import { LetterService } from '../app/letter-service';
import { loadPolicy } from '../app/load-policy';
import { OutboxWorker, type OutboxWorkerDeps } from '../app/outbox-worker';
import { MeetingAppInstaller } from '../app/meeting-app-installer';
import { MeetingMinutes } from '../app/meeting-minutes';
import { MeetingService } from '../app/meeting-service';
import { closureCancelsPanel } from '../app/closure-cancels-panel';
import { PanelService } from '../app/panel-service';
import { PartnerReturns, partnerEmailReactor } from '../app/partner-returns';
import { Reactors, type CaseReactor } from '../app/reactors';
import { Retention } from '../app/retention';
import { SubjectAccess } from '../app/subject-access';
import type { Config } from '../config';
import type { Mailer } from '../ports/mailer';
import type { Stores } from '../store/stores';
import { registerDataProtectionRoutes } from './data-protection-routes';
import { createHttpApp, type HttpAppDeps } from './http-app';
import { registerLetterRoutes } from './letter-routes';
import { modeAdapters } from './mode-adapters';
import { registerMeetingRoutes } from './meeting-routes';
import { registerPanelRoutes } from './panel-routes';
import { registerPartnerRoutes } from './partner-routes';
import { schedule, type Schedule } from './schedule';
import { wireTeams, type TeamsWiring, type TeamsWiringOptions } from './teams-wiring';
import { wirePublicDoor } from '../public/wire';

export interface Runtime {
  config: Config;
  policy: Policy;
  directory: Directory;
  stores: Stores;
  service: CaseService;
  /** Delivers the side effects of every write after its answer; `idle()` waits for them (tests). */
  deliveries: OutboxWorker;
  mailer: Mailer;
  /** The bot, the case channels, reminders and their schedule. */
  teams: TeamsWiring;
  retention: Retention;
  /** In-process schedules besides the reminders; started by startServer. */
  schedules: { retention: Schedule };
  /** The express app (every route; tests walk its router). */
  app: express.Express;
  /** What the server answers with: card actions in their own lane, the rest through `app` (bot-lane.ts). */
  listener: RequestListener;
  /** Serves `listener` on a port (and host), calling `listening` once it is. */
  listen(port: number, host: string | undefined, listening: () => void): Server;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  now?: () => Date;
  /** Reactors besides the product's own (tests). */
  reactors?: CaseReactor[];
  /** The store ports, opened already (m365 mode: openStores; tests: a store of their own). */
  stores?: Stores;
  http?: Partial<HttpAppDeps>;
  log?: (message: string) => void;
  /** A fake Messenger or Workspace in tests. */
  teams?: TeamsWiringOptions;
  /** The outbox worker's tuning (tests shorten the lease and the poll). */
  delivery?: Partial<Pick<OutboxWorkerDeps, 'leaseMs' | 'maxAttempts' | 'pollMs' | 'parallel'>>;
}

/**
 * The case service and the outbox worker that delivers, after each answer, the work of the reactors
 * registered on `reactors` (the composition registers them, in one place).
 */
export function caseCore(deps: {
  stores: Stores;
  policy: Policy;
  directory: Directory;
  now: () => Date;
  log: (message: string) => void;
  delivery?: RuntimeOptions['delivery'];
}): { reactors: Reactors; deliveries: OutboxWorker; service: CaseService } {
  const { stores, directory } = deps;
  const reactors = new Reactors();
  const deliveries = new OutboxWorker({
    outbox: stores.outbox,
    reactors,
    person: (id) => directory.get(id) ?? { id, name: id, roles: ['manager'] },
    now: deps.now,
    log: deps.log,
    ...deps.delivery,
  });
  const service = new CaseService({
    cases: stores.cases,
    files: stores.files,
    accessLog: stores.accessLog,
    purges: stores.purges,
    policy: deps.policy,
    directory,
    now: deps.now,
    reactors,
    onAppended: () => deliveries.kick(),
  });
  return { reactors, deliveries, service };
}

export function createRuntime(config: Config, options: RuntimeOptions = {}): Runtime {
  const now = options.now ?? (() => new Date());
  // Operational lines are informational; at LOG_LEVEL warn or error they are not printed. None carries case data.
  const quiet = config.LOG_LEVEL === 'warn' || config.LOG_LEVEL === 'error';
  const log = options.log ?? (quiet ? () => {} : (m: string) => console.log(m));
  const policy = loadPolicy(config.POLICY);
  const mode = modeAdapters(config, policy, now, options.stores);
  const { stores, directory, mailer } = mode;
  const publicUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;

  const { reactors, deliveries, service } = caseCore({
    stores,
    policy,
    directory,
    now,
    log,
    ...(options.delivery ? { delivery: options.delivery } : {}),
  });
  const teams = wireTeams(
    {
      policy,
      directory,
      stores,
      service,
      workspace: mode.workspace(stores.conversations),
      teamId: mode.teamId,
      botAuth: mode.botAuth,
      reminderSchedule: config.REMINDER_SCHEDULE,
      now,
      log,
      mailer,
      publicUrl,
      links: caseLinks({ publicUrl, teamsAppId: config.TEAMS_APP_ID }),
    },
    options.teams,
  );
  // What happens after events are recorded, in one place: the case's channel and cards, partner emails.
  reactors.register(
    teams.caseWorkspace,
    partnerEmailReactor({
      directory,
      mailer,
      publicUrl,
      policyName: (id) => agencyName(policy, id),
      service,
      log,
    }),
    ...(options.reactors ?? []),
  );
  // Issue 17: the public front door (the online form, the victim's link, updates through GOV.UK Notify).
  const publicDoor = wirePublicDoor({
    config,
    policy,
    directory,
    stores,
    service,
    reactors,
    now,
    log,
    publicUrl,
    ...(mode.outbox ? { localMailer: mode.outbox } : {}),
  });

  const letters = new LetterService({
    service,
    cases: stores.cases,
    files: stores.files,
    policy,
    directory,
    now,
  });
  const panel = new PanelService({
    service,
    cases: stores.cases,
    files: stores.files,
    policy,
    directory,
    calendar: mode.calendar,
    now,
    ...(mode.channelLink ? { channelLink: mode.channelLink } : {}),
  });
  // Issue 16: the review in the panel's meeting; its minutes and the outcome draft follow through the outbox.
  const meeting = new MeetingService({ service, files: stores.files, policy, directory });
  reactors.register(
    new MeetingMinutes({
      service,
      files: stores.files,
      letters,
      meeting,
      policy,
      directory,
      messenger: teams.messenger,
      conversations: stores.conversations,
      now,
      publicUrl,
    }),
    // m365 mode with the app's catalog id: booking the panel puts the app in its Teams meeting.
    ...(mode.meetingApps
      ? [new MeetingAppInstaller({ apps: mode.meetingApps, conversations: stores.conversations, log })]
      : []),
  );
  // Issue 15: a closed case's booked panel meeting is cancelled (an outbox side effect of the closure).
  reactors.register(closureCancelsPanel(panel));
  const retention = new Retention({
    cases: stores.cases,
    claims: stores.claims,
    purges: stores.purges,
    service,
    directory,
    messenger: teams.messenger,
    summarize: summarizer(policy),
    log,
  });
  const subjectAccess = new SubjectAccess({
    cases: stores.cases,
    files: stores.files,
    service,
    directory,
    now,
  });
  const retentionJob = schedule(config.RETENTION_SCHEDULE, log, 'retention sweep', async () => {
    const today = service.today();
    await retention.sweep(today);
    await retention.notifyUpcoming(today);
  });
  const partnerReturns = new PartnerReturns(service);
  const emailIntake = new EmailIntake(service, stores.cases, stores.files);
  // Issue 15: documents added to a case by hand, with the same type checks as the public door's.
  const documents = new CaseDocuments({ service, files: stores.files });
  const documentRules = {
    maxBytes: config.DOCUMENT_MAX_MB * 1_048_576,
    accept: acceptOf(CASE_DOCUMENT_TYPES),
  };
  // Local mode answers only requests addressed to this machine, or to PUBLIC_URL's host.
  const allowedHosts = config.PUBLIC_URL ? [new URL(config.PUBLIC_URL).host] : undefined;
  const app = createHttpApp({
    mode: config.APP_MODE,
    documents: documentRules,
    service,
    directory,
    ...mode.signIn,
    tabDir: resolve(__dirname, '../../tab/dist'),
    ...(allowedHosts ? { allowedHosts } : {}),
    log,
    botHandler: teams.botHandler,
    remind: teams.remind,
    ...options.http,
    extensions: [
      (a, authenticate) =>
        registerPartnerRoutes(a, authenticate, {
          partnerReturns,
          emailIntake,
          ...(mode.outbox ? { outbox: mode.outbox } : {}),
        }),
      (a, authenticate) => registerLetterRoutes(a, authenticate, { letters }),
      (a, authenticate) =>
        registerDocumentRoutes(a, authenticate, { documents, maxBytes: documentRules.maxBytes }),
      (a, authenticate) => registerPanelRoutes(a, authenticate, { panel, service }),
      (a, authenticate) => registerMeetingRoutes(a, authenticate, { meeting, service }),
      (a, authenticate) => registerDataProtectionRoutes(a, authenticate, { retention, subjectAccess }),
      publicDoor.routes,
      ...(options.http?.extensions ?? []),
    ],
  });
  const listener = botLane(app, {
    mode: config.APP_MODE,
    ...(allowedHosts ? { allowedHosts } : {}),
    cardInvokes: teams.cardInvokes,
    log,
  });
  return {
    config,
    policy,
    directory,
    stores,
    service,
    deliveries,
    mailer,
    teams,
    retention,
    schedules: { retention: retentionJob },
    app,
    listener,
    listen: (port, host, listening) => {
      const server = createServer(listener);
      return host ? server.listen(port, host, listening) : server.listen(port, listening);
    },
    close: async () => {
      retentionJob.stop();
      await deliveries.stop(); // side effects in flight finish (or wait for the next start)
      await teams.stop(); // the reminder schedule and card refreshes in flight
      await stores.close();
    },
  };
}
