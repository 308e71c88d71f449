/**
 * The app layer of the bot on a real SQLite store and the real rules, with a fake Messenger and Workspace
 * standing in for Teams and Graph; the clock is moved by each test.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPolicy, type Policy } from '../../../shared';
import { openSqliteStores, type SqliteStores } from '../../../bot/adapters/sqlite/sqlite-stores';
import { PLAYGROUND_TEAM } from '../../../bot/adapters/local/playground';
import type { Person } from '../../../bot/api/contract';
import { caseProjector } from '../../../bot/app/case-projector';
import type { CaseService } from '../../../bot/app/case-service';
import type { OutboxWorker } from '../../../bot/app/outbox-worker';
import type { Reactors } from '../../../bot/app/reactors';
import type { CardActionResult, ReturnCards } from '../../../bot/app/return-cards';
import { caseCore } from '../../../bot/server/runtime';
import { wireTeams } from '../../../bot/server/teams-wiring';
import type { CaseWorkspace } from '../../../bot/app/case-workspace';
import { sampleDirectory, type Directory } from '../../../bot/app/directory';
import type { Reminders } from '../../../bot/app/reminders';
import {
  UnreachableError,
  type Delivery,
  type Destination,
  type Messenger,
  type OutgoingMessage,
} from '../../../bot/ports/messenger';
import type { CaseChannel, Workspace } from '../../../bot/ports/workspace';
import { sampleApplication } from '../../support/case-builder';

export interface Sent {
  to: Destination;
  message: OutgoingMessage;
  delivery: Delivery;
}

/** Records what the bot would post; people listed in `unreachable` have no chat with the bot. */
export class FakeMessenger implements Messenger {
  readonly sent: Sent[] = [];
  readonly updates: { delivery: Delivery; message: OutgoingMessage }[] = [];
  readonly unreachable = new Set<string>();
  /** Errors thrown by the next sends, in order. */
  readonly failNext: Error[] = [];
  private n = 0;

  async send(to: Destination, message: OutgoingMessage): Promise<Delivery> {
    const error = this.failNext.shift();
    if (error) throw error;
    if (to.kind === 'person' && this.unreachable.has(to.aadObjectId))
      throw new UnreachableError('not installed');
    this.n++;
    const conversationId =
      to.kind === 'channel' ? `${to.channelId};messageid=${this.n}` : `chat:${to.aadObjectId}`;
    const delivery = { conversationId, activityId: String(this.n) };
    this.sent.push({ to, message, delivery });
    return delivery;
  }

  async update(delivery: Delivery, message: OutgoingMessage): Promise<void> {
    this.updates.push({ delivery, message });
  }

  async teamsUserIds(aadObjectIds: readonly string[]): Promise<Map<string, string>> {
    return new Map(aadObjectIds.map((a) => [a, `29:${a}`]));
  }

  to(aadObjectId: string): Sent[] {
    return this.sent.filter((s) => s.to.kind === 'person' && s.to.aadObjectId === aadObjectId);
  }

  inChannel(): Sent[] {
    return this.sent.filter((s) => s.to.kind === 'channel');
  }
}

export class FakeWorkspace implements Workspace {
  readonly channels: CaseChannel[] = [];
  created = 0;
  failCreate?: Error;

  async findChannel(name: string): Promise<CaseChannel | null> {
    return this.channels.find((c) => c.name === name) ?? null;
  }

  async createChannel(name: string, _description: string): Promise<CaseChannel> {
    if (this.failCreate) throw this.failCreate;
    this.created++;
    const channel = { channelId: `19:${this.created}@thread.tacv2`, name };
    this.channels.push(channel);
    return channel;
  }
}

export interface BotWorld {
  policy: Policy;
  dataDir: string;
  stores: SqliteStores;
  service: CaseService;
  /** The outbox worker: `idle()` waits for the side effects of what was recorded. */
  deliveries: OutboxWorker;
  /** The reactors the outbox worker runs (the case workspace; a test may add its own). */
  reactors: Reactors;
  directory: Directory;
  messenger: FakeMessenger;
  workspace: FakeWorkspace;
  caseWorkspace: CaseWorkspace;
  returnCards: ReturnCards;
  /** A card verb as the bot routes it. */
  cardAction(verb: string, data: unknown, by: Person, invokeKey?: string): Promise<CardActionResult>;
  reminders: Reminders;
  logs: string[];
  sleeps: number[];
  spoc: Person;
  person(id: string): Person;
  /** Moves the clock to 10:00 London time (winter: UTC) on a date, or to an instant. */
  at(dateOrInstant: string): void;
  now(): Date;
  close(): Promise<void>;
}

export function createBotWorld(options: { start?: string; dataDir?: string } = {}): BotWorld {
  const owned = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'asb-bot-'));
  let current = new Date(`${options.start ?? '2026-03-02'}T10:00:00Z`);
  const now = () => current;
  const policy = getPolicy('statutory');
  const stores = openSqliteStores({ dataDir, projector: caseProjector(policy, now), clock: now });
  const directory = sampleDirectory(policy);
  const logs: string[] = [];
  const log = (m: string) => void logs.push(m);
  const { reactors, deliveries, service } = caseCore({ stores, policy, directory, now, log });
  const messenger = new FakeMessenger();
  const workspace = new FakeWorkspace();
  const sleeps: number[] = [];
  // The Teams side as the server wires it, with Teams and Graph faked.
  const teams = wireTeams(
    {
      policy,
      directory,
      stores,
      service,
      workspace,
      teamId: PLAYGROUND_TEAM.aadGroupId,
      botAuth: { kind: 'unauthenticated' },
      reminderSchedule: '0 8 * * 1-5',
      now,
      log,
    },
    { messenger, sleep: async (ms) => void sleeps.push(ms) },
  );
  const { caseWorkspace, returnCards, reminders } = teams;
  reactors.register(caseWorkspace);
  return {
    policy,
    dataDir,
    stores,
    service,
    deliveries,
    reactors,
    directory,
    messenger,
    workspace,
    caseWorkspace,
    returnCards,
    cardAction: teams.cardAction,
    reminders,
    logs,
    sleeps,
    spoc: directory.get('spoc-1')!,
    person: (id) => directory.get(id)!,
    at(value) {
      current = new Date(value.length === 10 ? `${value}T10:00:00Z` : value);
    },
    now,
    async close() {
      await deliveries.idle();
      await teams.stop();
      await stores.close();
      if (owned) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const VICTIM_NAME = 'Alice Smithson';

/** Opens a case with two incidents, naming a victim (whose name must never reach Teams). */
export async function openCase(
  world: BotWorld,
  options: { receivedOn?: string; title?: string; agencies?: string[] } = {},
): Promise<{ caseId: string; reference: string }> {
  const receivedOn = options.receivedOn ?? '2026-03-02';
  const opened = await world.service.openCase(
    {
      requestId: randomUUID(),
      receivedVia: 'email',
      application: sampleApplication(receivedOn, ['2026-01-05', '2026-02-10']),
      agencies: options.agencies ?? ['police', 'icb'],
      parties: { victim: { name: VICTIM_NAME, email: 'alice@example.org' } },
      title: options.title ?? 'Noise, Example Road area',
    },
    world.spoc,
  );
  await world.deliveries.idle(); // the channel and the case card follow the answer
  return opened;
}

/**
 * Asks agencies for their returns; the request ids are `req-<agency><suffix>` (a request id belongs to one
 * case: give each further case in a world its own suffix).
 */
export async function requestReturns(
  world: BotWorld,
  caseId: string,
  agencies = ['police', 'icb'],
  on?: string,
  suffix = '',
) {
  await world.service.recordEvent(
    caseId,
    {
      id: randomUUID(),
      type: 'returns-requested',
      payload: {
        requestedOn: on ?? world.service.today(),
        requests: agencies.map((agencyId) => ({ requestId: `req-${agencyId}${suffix}`, agencyId })),
        incidentIds: [],
      },
    },
    world.spoc,
  );
  await world.deliveries.idle(); // the return cards follow the answer
}

/** A filled-in return form as Action.Execute sends it (inputs merged into the action's data). */
export function filledForm(caseId: string, submissionId = 'sub-1', extra: Record<string, string> = {}) {
  return {
    caseId,
    requestId: 'req-police',
    submissionId,
    holds_1: 'yes',
    reference_1: 'PC/2026/001',
    reportedOn_1: '2026-01-05',
    actionTaken_1: 'Officer attended; warning given.',
    holds_2: 'no',
    otherInformation: 'Nothing further.',
    ...extra,
  };
}

/**
 * Issue 15: the threshold met and a review held whose action plan gives the police and the ICB an action
 * each (`act-police`, due 16 March 2026, with a named person; `act-icb`).
 */
export async function reviewWithActions(world: BotWorld, caseId: string, on = '2026-03-02'): Promise<void> {
  const record = (type: string, payload: object) =>
    world.service.recordEvent(caseId, { id: randomUUID(), type, payload }, world.spoc);
  await record('threshold-decided', {
    decidedOn: on,
    notifiedOn: on,
    outcome: 'met',
    route: 'count',
    advisedOutcome: 'met',
    reasons: [],
    decidedBy: 'spoc-1',
  });
  const attendee = (agencyId: string) => ({ name: `Member of ${agencyId}`, agencyId, role: 'member' });
  await record('review-held', {
    heldOn: on,
    attendees: [attendee('police'), attendee('icb'), attendee('council')],
    victimParticipation: 'none',
    recommendations: [],
    actions: [
      {
        id: 'act-police',
        description: 'Patrols on Example Road',
        ownerAgency: 'police',
        ownerPerson: 'PC Jones',
        dueOn: '2026-03-16',
        status: 'open',
      },
      { id: 'act-icb', description: 'Health visit', ownerAgency: 'icb', dueOn: '2026-03-16', status: 'open' },
    ],
  });
  await world.deliveries.idle();
}
