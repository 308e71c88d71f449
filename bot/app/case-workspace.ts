/**
 * A channel per case, and the cards in it. A CaseReactor: when an application is recorded it makes the
 * case's channel (Workspace port) and posts the case card (Messenger port); when returns are requested it
 * posts a return card per agency; when a return arrives it refreshes that card for everyone.
 *
 * Each provisioning step is recorded as an event with an id derived from the case and the step, and the
 * state is checked before each step, so a retry after a crash (the reactor again, the `open case` command,
 * the reminder sweep) resumes where it stopped: no second channel, no second card.
 */
import { agencyName, nextDeadline, type CaseEvent, type CaseState, type Policy } from '../../shared';
import type { Person } from '../api/contract';
import { caseCard } from '../cards/case-card';
import { UnreachableError, type CardJson, type Delivery, type Messenger } from '../ports/messenger';
import type { CaseChannel, Workspace } from '../ports/workspace';
import type { CaseLog, CaseRecord } from '../store/case-log';
import type { ConversationRefs } from '../store/conversation-refs';
import type { Json } from '../store/json';
import { isOfficer } from './access-policy';
import type { CaseLinks } from './case-links';
import type { CaseService } from './case-service';
import type { Directory } from './directory';
import { ForbiddenError, NotFoundError } from './errors';
import type { CaseReactor, RecordedChange } from './reactors';
import type { ReturnCards } from './return-cards';
import { stableUuid } from './stable-uuid';

/** The service actor the bot records its housekeeping events as. */
export const BOT_PERSON: Person = { id: 'bot', name: 'ASB Case Review bot', roles: ['manager'] };

const MAX_CHANNEL_NAME = 50;
// Characters Teams refuses in a channel name.
const FORBIDDEN = /[~#%&*{}+/\\:<>?|'"]+/g;

/**
 * The channel's name: the reference, with the case title when the whole of it fits in Teams' 50
 * characters. The title is left out if it carries a name given for the victim or applicant.
 */
export function channelName(
  reference: string,
  title: string | undefined,
  avoidNames: readonly string[] = [],
): string {
  const clean = (title ?? '')
    .replace(FORBIDDEN, ' ')
    .replace(/\.{2,}/g, '.')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.+$/, '');
  if (!clean || clean === reference) return reference;
  const words = new Set(clean.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  const named = avoidNames.some((name) =>
    name
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .some((part) => part.length >= 3 && words.has(part)),
  );
  const full = `${reference} ${clean}`;
  return !named && full.length <= MAX_CHANNEL_NAME ? full : reference;
}

export interface CaseWorkspaceDeps {
  service: CaseService;
  /** Issue 15: where the case opens, for the case card's "Open the case". */
  links?: CaseLinks;
  cases: Pick<CaseLog, 'findByReference'>;
  /** Where each posted card is (its conversation and activity), to update it: shared by every instance. */
  conversations: ConversationRefs;
  directory: Directory;
  policy: Policy;
  workspace: Workspace;
  messenger: Messenger;
  /** The return cards, as the channel shows them. */
  returnCards: Pick<ReturnCards, 'summary'>;
  log: (message: string) => void;
}

const caseCardKey = (caseId: string) => `card:case:${caseId}`;
const returnCardKey = (caseId: string, requestId: string) => `card:return:${caseId}:${requestId}`;

/** Card refreshes wait for this much quiet (ms), and never more than MAX_WAIT_MS after the first. */
const QUIET_MS = 40;
const MAX_WAIT_MS = 500;

/** Events that change nothing on the channel or its cards: our own steps, meeting notes, what was sent. */
const NOTHING_TO_SHOW = new Set<CaseEvent['type']>([
  'channel-created',
  'case-card-posted',
  'meeting-noted',
  'reminder-sent',
  'partner-emailed',
]);

export class CaseWorkspace implements CaseReactor {
  readonly name = 'case-workspace';
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly queue: string[] = [];
  private readonly queued = new Map<string, () => Promise<void>>();
  private draining?: Promise<void>;
  private lastQueued = 0;

  constructor(private readonly deps: CaseWorkspaceDeps) {}

  /** Every change shows on the case card, except the workspace's own steps and the meeting's notes (issue 16). */
  wants(events: readonly CaseEvent[]): boolean {
    return events.some((e) => !NOTHING_TO_SHOW.has(e.type));
  }

  async react(change: RecordedChange): Promise<void> {
    for (const event of change.events) {
      switch (event.type) {
        case 'channel-created':
        case 'case-card-posted':
          break; // our own steps
        case 'application-received':
        case 'returns-requested':
          await this.ensure(change.caseId);
          break;
        case 'return-received':
          this.inBackground(returnCardKey(change.caseId, event.payload.requestId), () =>
            this.refreshReturnCard(change.caseId, event.payload.requestId),
          );
          this.inBackground(caseCardKey(change.caseId), () => this.refreshCaseCard(change.caseId));
          break;
        default:
          this.inBackground(caseCardKey(change.caseId), () => this.refreshCaseCard(change.caseId));
      }
    }
  }

  /**
   * Card refreshes run after the answers, one at a time: the person who acted gets their card from the
   * invoke at once, and a burst of returns neither waits on Teams' rate limit nor competes with the
   * answers (the queue starts once submissions pause for a moment). A card queued twice is refreshed
   * once (the run reads the latest state); a failure is logged, and the next event or sweep refreshes it.
   */
  private inBackground(key: string, refresh: () => Promise<void>): void {
    if (!this.queued.has(key)) this.queue.push(key);
    this.queued.set(key, refresh);
    this.lastQueued = Date.now();
    this.draining ??= this.drain();
  }

  private async drain(): Promise<void> {
    const first = Date.now();
    while (Date.now() - this.lastQueued < QUIET_MS && Date.now() - first < MAX_WAIT_MS)
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS / 2));
    for (let key = this.queue.shift(); key !== undefined; key = this.queue.shift()) {
      const refresh = this.queued.get(key)!;
      this.queued.delete(key);
      await refresh().catch((err: unknown) =>
        this.deps.log(`card refresh failed: ${(err as Error).name}: ${(err as Error).message}`),
      );
    }
    this.draining = undefined;
  }

  /** Resolves when no card refresh is running (tests, and before the store closes). */
  async idle(): Promise<void> {
    while (this.draining || this.running.size > 0)
      await Promise.all([this.draining, ...[...this.running.values()].map((p) => p.catch(() => undefined))]);
  }

  /**
   * Brings the case's workspace up to date: the channel, the case card, a card per return request.
   * Safe to call any number of times; calls for one case run one after another.
   */
  ensure(caseId: string): Promise<CaseChannel> {
    const previous = this.running.get(caseId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.provision(caseId));
    this.running.set(caseId, next);
    void next
      .finally(() => {
        if (this.running.get(caseId) === next) this.running.delete(caseId);
      })
      .catch(() => undefined);
    return next;
  }

  /** The `open case <reference>` command: a SPOC sets up the workspace of a case opened elsewhere. */
  async openByReference(reference: string, by: Person): Promise<string> {
    if (!isOfficer(by)) throw new ForbiddenError('Only a SPOC can set up a case channel.');
    const found = await this.deps.cases.findByReference(reference);
    if (!found) throw new NotFoundError(`There is no case ${reference.trim()}.`);
    const channel = await this.ensure(found.caseId);
    return `The channel for ${found.reference} is ready: "${channel.name}". Its case card and return requests are posted there.`;
  }

  private async provision(caseId: string): Promise<CaseChannel> {
    const { record, state } = await this.load(caseId);
    const reference = record.projection.reference;
    let channel = state.teamsChannel
      ? { channelId: state.teamsChannel.channelId, name: state.teamsChannel.name }
      : undefined;
    if (!channel) {
      const name = channelName(reference, state.title, partyNames(record));
      // Look first: a crash after the channel was made but before it was recorded must not make another.
      channel =
        (await this.deps.workspace.findChannel(name)) ??
        (await this.deps.workspace.createChannel(name, `ASB case review ${reference}`));
      await this.record(caseId, 'channel-created', { channelId: channel.channelId, name: channel.name });
    }
    if (!state.teamsChannel?.cardActivityId) {
      const delivery =
        (await this.cachedDelivery(caseCardKey(caseId))) ??
        (await this.post(
          caseCardKey(caseId),
          channel.channelId,
          this.caseCardFor(caseId, reference, state),
          `Case ${reference}`,
        ));
      await this.record(caseId, 'case-card-posted', {
        channelId: channel.channelId,
        activityId: delivery.activityId,
      });
    }
    for (const request of state.requests) {
      const key = returnCardKey(caseId, request.requestId);
      if (await this.cachedDelivery(key)) continue;
      const { card, view } = await this.deps.returnCards.summary(caseId, record, state, request);
      await this.post(key, channel.channelId, card, `${view.agencyName}: return for ${reference}`);
    }
    return channel;
  }

  /** Updates a return card for everyone after a return (from the card or the tab). */
  async refreshReturnCard(caseId: string, requestId: string): Promise<void> {
    const delivery = await this.cachedDelivery(returnCardKey(caseId, requestId));
    if (!delivery) return void (await this.ensure(caseId));
    const { record, state } = await this.load(caseId);
    const request = state.requests.find((r) => r.requestId === requestId);
    if (!request) return;
    const { card, view } = await this.deps.returnCards.summary(caseId, record, state, request);
    await this.updateOrRepost(
      returnCardKey(caseId, requestId),
      delivery,
      state,
      card,
      `${view.agencyName}: return for ${view.reference}`,
    );
  }

  async refreshCaseCard(caseId: string): Promise<void> {
    const delivery = await this.cachedDelivery(caseCardKey(caseId));
    if (!delivery) return;
    const { record, state } = await this.load(caseId);
    const reference = record.projection.reference;
    await this.updateOrRepost(
      caseCardKey(caseId),
      delivery,
      state,
      this.caseCardFor(caseId, reference, state),
      `Case ${reference}`,
    );
  }

  /** Updates a card; if its message is gone (deleted, or a restarted Playground), posts it again. */
  private async updateOrRepost(
    key: string,
    delivery: Delivery,
    state: CaseState,
    card: CardJson,
    summary: string,
  ): Promise<void> {
    try {
      await this.deps.messenger.update(delivery, { card });
    } catch (err) {
      if (!(err instanceof UnreachableError) || !state.teamsChannel) throw err;
      await this.post(key, state.teamsChannel.channelId, card, summary);
    }
  }

  private caseCardFor(caseId: string, reference: string, state: CaseState): CardJson {
    const today = this.deps.service.today();
    const next = nextDeadline(state, this.deps.policy, today);
    return caseCard({
      reference,
      ...(state.title ? { title: state.title } : {}),
      status: state.status,
      receivedOn: state.receivedOn,
      spocName: this.deps.directory.nameOf(state.spoc),
      agencies: state.agencies.map((a) => agencyName(this.deps.policy, a)),
      ...(next ? { next } : {}),
      today,
      ...(this.deps.links ? { url: this.deps.links.teams(caseId, `ASB case review ${reference}`) } : {}),
    });
  }

  private async load(caseId: string): Promise<{ record: CaseRecord; state: CaseState }> {
    const loaded = await this.deps.service.load(caseId);
    if (!loaded) throw new NotFoundError(`There is no case ${caseId}.`);
    return loaded;
  }

  private async record(
    caseId: string,
    type: 'channel-created' | 'case-card-posted',
    payload: Record<string, string>,
  ) {
    await this.deps.service.recordEvent(caseId, { id: stableUuid(caseId, type), type, payload }, BOT_PERSON);
  }

  private async post(key: string, channelId: string, card: CardJson, summary: string): Promise<Delivery> {
    const delivery = await this.deps.messenger.send({ kind: 'channel', channelId }, { card, summary });
    // Kept beside the conversation references: where each card is, to update it (shared by every instance).
    await this.deps.conversations.putConversationRef(key, { ...delivery } as unknown as Json);
    return delivery;
  }

  private async cachedDelivery(key: string): Promise<Delivery | undefined> {
    const found = await this.deps.conversations.getConversationRef(key);
    const d = found?.ref as Partial<Delivery> | undefined;
    return d?.conversationId && d.activityId
      ? { conversationId: d.conversationId, activityId: d.activityId }
      : undefined;
  }
}

/** Names given for the victim and applicant, to keep them out of the channel name. Never logged. */
function partyNames(record: CaseRecord): string[] {
  const first = record.events.find((e) => e.type === 'application-received');
  const parties = (
    first?.payload as { parties?: { victim?: { name?: string }; applicant?: { name?: string } } } | undefined
  )?.parties;
  return [parties?.victim?.name, parties?.applicant?.name].filter((n): n is string => !!n);
}
