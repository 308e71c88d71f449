/**
 * Wires the Teams side into the server: the bot endpoint (CloudAdapter + activity handler), the Messenger,
 * the Workspace (Graph channels in m365 mode, Playground threads in local mode), the channel-per-case
 * reactor, the commands and the reminder sweep with its in-process schedule.
 *
 * The schedule runs in the web process (croner, REMINDER_SCHEDULE, Europe/London): on Azure App Service
 * keep "Always On" so the process is up at 08:00; with several instances each sweeps, and the store's
 * reminder claims make sure each reminder goes once.
 */
import type { Request, Response } from 'express';
import { Cron } from 'croner';
import type { Policy } from '../../shared';
import { createBotAdapter, botEndpoint } from '../adapters/teams/bot-endpoint';
import { SendPolicy } from '../adapters/teams/send-policy';
import { AsbTeamsBot } from '../adapters/teams/teams-bot';
import { TeamsMessenger } from '../adapters/teams/teams-messenger';
import { GraphApi } from '../adapters/graph/graph-client';
import { graphSettingsFromEnv } from '../adapters/graph/graph-settings';
import { GraphTeamsChannels } from '../adapters/graph/teams-channels';
import { tokenProvider } from '../adapters/graph/token-provider';
import { PLAYGROUND_TEAM } from '../adapters/local/playground';
import { PlaygroundWorkspace } from '../adapters/local/playground-workspace';
import type { Person } from '../api/contract';
import { commandDeps } from '../app/bot-commands';
import type { CaseService } from '../app/case-service';
import { CaseWorkspace } from '../app/case-workspace';
import type { Directory } from '../app/directory';
import { Reminders } from '../app/reminders';
import type { Config } from '../config';
import type { Messenger } from '../ports/messenger';
import type { CaseChannel, Workspace } from '../ports/workspace';
import type { CaseStore } from '../store/case-store';
import type { Mailer } from '../ports/mailer';

export interface TeamsWiringDeps {
  config: Config;
  policy: Policy;
  directory: Directory;
  store: CaseStore;
  service: CaseService;
  now: () => Date;
  log: (message: string) => void;
  /** Reminders for partners who work outside Teams go by email, with the return page's link. */
  mailer?: Mailer;
  publicUrl?: string;
}

export interface TeamsWiringOptions {
  /** Replaces the Messenger or the Workspace (tests, the bench). */
  messenger?: Messenger;
  workspace?: Workspace;
  graph?: GraphApi;
  sendPolicy?: SendPolicy;
}

export interface TeamsWiring {
  botHandler(req: Request, res: Response): Promise<void>;
  remind(caseId: string, requestId: string, by: Person): Promise<{ sent: number }>;
  caseWorkspace: CaseWorkspace;
  reminders: Reminders;
  messenger: Messenger;
  /** Starts the reminder schedule; returns when the next sweep runs. */
  start(): Date | null;
  /** Stops the schedule and waits for card refreshes in flight. */
  stop(): Promise<void>;
}

export function wireTeams(deps: TeamsWiringDeps, options: TeamsWiringOptions = {}): TeamsWiring {
  const { config, store, service, directory, policy, log } = deps;
  const { adapter, botAppId } = createBotAdapter(config, log);
  const teamId = config.APP_MODE === 'm365' ? config.TEAM_ID : PLAYGROUND_TEAM.aadGroupId;
  const messenger =
    options.messenger ??
    new TeamsMessenger({
      adapter,
      botAppId,
      store,
      teamId,
      log,
      policy: options.sendPolicy ?? new SendPolicy(),
    });
  const workspace =
    options.workspace ??
    (config.APP_MODE === 'm365'
      ? lazyGraphWorkspace(() => {
          const graph = options.graph ?? graphApiFromEnv();
          return new GraphTeamsChannels(graph, teamId);
        })
      : new PlaygroundWorkspace(store, PLAYGROUND_TEAM.casesChannelId));

  const caseWorkspace = new CaseWorkspace({
    service,
    store,
    directory,
    policy,
    workspace,
    messenger,
    log,
    ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
  });
  service.addReactor(caseWorkspace);
  const reminders = new Reminders({
    store,
    service,
    directory,
    policy,
    messenger,
    now: deps.now,
    log,
    ...(deps.mailer && deps.publicUrl ? { mailer: deps.mailer, publicUrl: deps.publicUrl } : {}),
    resume: (caseId) => caseWorkspace.ensure(caseId),
  });
  const bot = new AsbTeamsBot({
    store,
    directory,
    workspace: caseWorkspace,
    commands: commandDeps(service, store, (reference, by) => caseWorkspace.openByReference(reference, by)),
    log,
  });

  let job: Cron | undefined;
  return {
    botHandler: botEndpoint(adapter, bot, log),
    remind: (caseId, requestId, by) => reminders.remindNow(caseId, requestId, by),
    caseWorkspace,
    reminders,
    messenger,
    start() {
      job ??= new Cron(
        config.REMINDER_SCHEDULE,
        {
          timezone: 'Europe/London',
          protect: true,
          catch: (err) => log(`reminder sweep failed: ${(err as Error).message}`),
        },
        async () => {
          await reminders.sweep(service.today());
        },
      );
      return job.nextRun();
    },
    async stop() {
      job?.stop();
      job = undefined;
      // Card refreshes in flight get a few seconds; a stale card is refreshed by the next event.
      await Promise.race([caseWorkspace.idle(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    },
  };
}

function graphApiFromEnv(): GraphApi {
  const settings = graphSettingsFromEnv(process.env);
  return new GraphApi({ baseUrl: settings.baseUrl, tokens: tokenProvider(settings.auth) });
}

/** Builds the Graph workspace on first use, so the server starts (and says what is wrong) without Graph. */
function lazyGraphWorkspace(make: () => Workspace): Workspace {
  let inner: Workspace | undefined;
  const get = () => (inner ??= make());
  return {
    findChannel: (name: string): Promise<CaseChannel | null> => get().findChannel(name),
    createChannel: (name: string, description: string) => get().createChannel(name, description),
  };
}
