/**
 * Wires the Teams side into the server: the bot endpoint (CloudAdapter + activity handler, with the card
 * verbs routed to their use cases), the Messenger, the return cards, the channel-per-case workspace,
 * the commands and the reminder sweep with its in-process schedule. Its reactor (the case workspace) is
 * registered with the others in runtime.ts.
 *
 * The schedule runs in the web process (croner, REMINDER_SCHEDULE, Europe/London): on Azure App Service
 * keep "Always On" so the process is up at 08:00; with several instances each sweeps, and the store's
 * reminder claims make sure each reminder goes once.
 */
import type { Request, Response } from 'express';
import { Cron } from 'croner';
import type { Policy } from '../../shared';
import {
  botEndpoint,
  cardActionAnswers,
  createBotAdapter,
  type BotAuth,
  type CardActionAnswers,
} from '../adapters/teams/bot-endpoint';
import { actionCardRoutes, returnCardRoutes, runCardAction } from '../adapters/teams/card-actions';
import { SendPolicy } from '../adapters/teams/send-policy';
import { AsbTeamsBot } from '../adapters/teams/teams-bot';
import { TeamsMessenger } from '../adapters/teams/teams-messenger';
import type { Person } from '../api/contract';
import { ActionCards } from '../app/action-cards';
import { commandDeps } from '../app/bot-commands';
import type { CaseLinks } from '../app/case-links';
import type { CaseService } from '../app/case-service';
import { CaseWorkspace } from '../app/case-workspace';
import type { Directory } from '../app/directory';
import { Reminders } from '../app/reminders';
import { ReturnCards, type CardActionResult } from '../app/return-cards';
import type { Mailer } from '../ports/mailer';
import type { Messenger } from '../ports/messenger';
import type { Workspace } from '../ports/workspace';
import type { Stores } from '../store/stores';

export interface TeamsWiringDeps {
  policy: Policy;
  directory: Directory;
  stores: Pick<Stores, 'cases' | 'conversations' | 'claims'>;
  service: CaseService;
  /** The case channels (mode-adapters.ts); the Playground's, or Teams' through Graph. */
  workspace: Workspace;
  /** The team whose channels hold the cases. */
  teamId: string;
  botAuth: BotAuth;
  /** REMINDER_SCHEDULE: when the reminder sweep runs (cron, Europe/London). */
  reminderSchedule: string;
  now: () => Date;
  log: (message: string) => void;
  /** Reminders for partners who work outside Teams go by email, with the return page's link. */
  mailer?: Mailer;
  publicUrl?: string;
  /** Issue 15: where a case opens, for the cards' and reminders' "Open the case". */
  links?: CaseLinks;
}

export interface TeamsWiringOptions {
  /** Replaces the Messenger or the Workspace (tests, the bench). */
  messenger?: Messenger;
  workspace?: Workspace;
  sendPolicy?: SendPolicy;
  /** The reminder sweep's pause when Teams throttles it (tests do not wait). */
  sleep?: (ms: number) => Promise<void>;
}

export interface TeamsWiring {
  botHandler(req: Request, res: Response): Promise<void>;
  /** Card actions answered from the activity alone (the server's lane before express: bot-lane.ts). */
  cardInvokes: CardActionAnswers;
  /** A card verb as the bot routes it (the invoke's verb and data, parsed by the verb's schema). */
  cardAction(verb: string, data: unknown, by: Person, invokeKey?: string): Promise<CardActionResult>;
  remind(caseId: string, requestId: string, by: Person): Promise<{ sent: number }>;
  caseWorkspace: CaseWorkspace;
  returnCards: ReturnCards;
  actionCards: ActionCards;
  reminders: Reminders;
  messenger: Messenger;
  /** Starts the reminder schedule; returns when the next sweep runs. */
  start(): Date | null;
  /** Stops the schedule and waits for card refreshes in flight. */
  stop(): Promise<void>;
}

export function wireTeams(deps: TeamsWiringDeps, options: TeamsWiringOptions = {}): TeamsWiring {
  const { stores, service, directory, policy, log } = deps;
  const botAdapter = createBotAdapter(deps.botAuth, log);
  const { adapter, botAppId } = botAdapter;
  const messenger =
    options.messenger ??
    new TeamsMessenger({
      adapter,
      botAppId,
      conversations: stores.conversations,
      teamId: deps.teamId,
      log,
      policy: options.sendPolicy ?? new SendPolicy(),
    });
  const returnCards = new ReturnCards({
    service,
    directory,
    policy,
    messenger,
    ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
  });
  const actionCards = new ActionCards({
    service,
    directory,
    policy,
    messenger,
    ...(deps.links ? { links: deps.links } : {}),
  });
  const caseWorkspace = new CaseWorkspace({
    service,
    ...(deps.links ? { links: deps.links } : {}),
    cases: stores.cases,
    conversations: stores.conversations,
    directory,
    policy,
    workspace: options.workspace ?? deps.workspace,
    messenger,
    returnCards,
    log,
  });
  const reminders = new Reminders({
    cases: stores.cases,
    claims: stores.claims,
    service,
    directory,
    policy,
    messenger,
    now: deps.now,
    log,
    ...(deps.mailer && deps.publicUrl ? { mailer: deps.mailer, publicUrl: deps.publicUrl } : {}),
    resume: (caseId) => caseWorkspace.ensure(caseId),
    actionCards,
    ...(deps.links ? { links: deps.links } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  const cardActions = { ...returnCardRoutes(returnCards), ...actionCardRoutes(actionCards) };
  const bot = new AsbTeamsBot({
    conversations: stores.conversations,
    directory,
    cardActions,
    commands: commandDeps(service, stores.cases, (reference, by) =>
      caseWorkspace.openByReference(reference, by),
    ),
    log,
  });

  let job: Cron | undefined;
  const cardInvokes = cardActionAnswers(botAdapter, bot, log);
  return {
    botHandler: botEndpoint(botAdapter, bot, log, cardInvokes),
    cardInvokes,
    cardAction: (verb, data, by, invokeKey = '') =>
      runCardAction(cardActions, verb, data, by, () => invokeKey),
    remind: (caseId, requestId, by) => reminders.remindNow(caseId, requestId, by),
    caseWorkspace,
    returnCards,
    actionCards,
    reminders,
    messenger,
    start() {
      job ??= new Cron(
        deps.reminderSchedule,
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
