/**
 * The Messenger port on the Bot Framework connector (botbuilder's CloudAdapter): proactive posts in the
 * case team's channels and 1:1 chats, from the stored conversation references. Every connector call goes
 * through the SendPolicy (rate limit, 429/412/502/504 retries). A personal reference that answers 403 or
 * 404 is dropped and the 1:1 chat opened again through the team roster.
 */
import {
  CardFactory,
  TeamsInfo,
  type Activity,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { ConversationRefs } from '../../store/conversation-refs';
import type { Json } from '../../store/json';
import {
  UnreachableError,
  type Delivery,
  type Destination,
  type Messenger,
  type OutgoingMessage,
} from '../../ports/messenger';
import { loadRef, refKeys, type StoredRef } from './conversation-refs';
import { SendPolicy, statusOf } from './send-policy';

export interface TeamsMessengerOptions {
  adapter: CloudAdapter;
  /** Empty in local mode (the Agents Playground sends and takes no tokens). */
  botAppId: string;
  conversations: ConversationRefs;
  /** The team the case channels are in: TEAM_ID (its Entra group id) in Microsoft 365. */
  teamId: string;
  policy?: SendPolicy;
  log: (message: string) => void;
  /** How long the team roster (Entra object id to Teams user id) is trusted. */
  rosterTtlMs?: number;
  now?: () => number;
}

const THREAD = ';messageid=';

export class TeamsMessenger implements Messenger {
  readonly policy: SendPolicy;
  private roster?: { until: number; ids: Map<string, string> };

  constructor(private readonly options: TeamsMessengerOptions) {
    this.policy = options.policy ?? new SendPolicy();
  }

  async send(to: Destination, message: OutgoingMessage): Promise<Delivery> {
    const activity = await this.activityOf(message);
    if (to.kind === 'person') return this.sendToPerson(to.aadObjectId, activity);
    const team = await this.team();
    // A new thread in the channel, through the connector (as TeamsInfo.sendMessageToTeamsChannel does).
    return this.gone('channel', () =>
      this.inTurn(team.ref, async (ctx) => {
        const tenantId = team.ref.conversation?.tenantId;
        const result = await this.client(ctx).conversations.createConversation({
          isGroup: true,
          bot: team.ref.bot!,
          channelData: { channel: { id: to.channelId }, ...(tenantId ? { tenant: { id: tenantId } } : {}) },
          activity: activity as Activity,
          ...(tenantId ? { tenantId } : {}),
        } as ConversationParameters);
        const activityId = result.activityId ?? result.id.split(THREAD)[1] ?? '';
        return { conversationId: result.id, activityId };
      }),
    );
  }

  async update(delivery: Delivery, message: OutgoingMessage): Promise<void> {
    const team = await this.team();
    const activity = await this.activityOf(message);
    const ref = { ...team.ref, conversation: { ...team.ref.conversation!, id: delivery.conversationId } };
    await this.gone('message', () =>
      this.inTurn(ref, (ctx) =>
        ctx.updateActivity({
          ...activity,
          id: delivery.activityId,
          conversation: ref.conversation,
        } as Partial<Activity>),
      ),
    );
  }

  /** 403 and 404 mean the channel or message is gone (or the app was removed): UnreachableError. */
  private async gone<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      const status = statusOf(err);
      if (status === 403 || status === 404)
        throw new UnreachableError(`The ${what} is gone or the app was removed (${status}).`);
      throw err;
    }
  }

  async teamsUserIds(aadObjectIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const roster = await this.rosterIds().catch(() => new Map<string, string>());
    for (const aad of aadObjectIds) {
      const id =
        roster.get(aad) ?? (await loadRef(this.options.conversations, refKeys.user(aad)))?.ref.user?.id;
      if (id) out.set(aad, id);
    }
    return out;
  }

  private async sendToPerson(aadObjectId: string, activity: Partial<Activity>): Promise<Delivery> {
    const key = refKeys.user(aadObjectId);
    let stored =
      (await loadRef(this.options.conversations, key)) ?? (await this.openPersonalChat(aadObjectId));
    for (let attempt = 1; stored; attempt++) {
      const ref = stored.ref;
      try {
        const id = await this.inTurn(ref, (ctx) => ctx.sendActivity(activity).then((r) => r?.id ?? ''));
        return { conversationId: ref.conversation!.id, activityId: id };
      } catch (err) {
        const status = statusOf(err);
        if (status !== 403 && status !== 404) throw err;
        // A stale reference (app removed, chat gone): forget it and open the chat again, once.
        await this.options.conversations.deleteConversationRef(key);
        if (attempt > 1) break;
        stored = await this.gone('chat', () => this.openPersonalChat(aadObjectId));
      }
    }
    throw new UnreachableError('The app is not installed for this person.');
  }

  /** Opens a 1:1 chat with a member of the team (the app is installed there) and keeps its reference. */
  private async openPersonalChat(aadObjectId: string): Promise<StoredRef | undefined> {
    const team = await this.team().catch(() => undefined);
    const userId = team
      ? (await this.rosterIds().catch(() => new Map<string, string>())).get(aadObjectId)
      : undefined;
    if (!team || !userId) return undefined;
    const tenantId = team.ref.conversation?.tenantId;
    const created = await this.inTurn(team.ref, (ctx) =>
      this.client(ctx).conversations.createConversation({
        isGroup: false,
        bot: team.ref.bot!,
        members: [{ id: userId, name: '' }],
        ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
      } as ConversationParameters),
    );
    const stored: StoredRef = {
      ref: {
        ...team.ref,
        conversation: {
          id: created.id,
          isGroup: false,
          conversationType: 'personal',
          name: '',
          ...(tenantId ? { tenantId } : {}),
        },
        user: { id: userId, name: '', aadObjectId },
      },
    };
    await this.options.conversations.putConversationRef(refKeys.user(aadObjectId), stored as unknown as Json);
    return stored;
  }

  /** The team's members (Entra object id to Teams user id), kept for a while; a failure is kept for a minute. */
  private async rosterIds(): Promise<Map<string, string>> {
    const now = (this.options.now ?? Date.now)();
    if (this.roster && now < this.roster.until) return this.roster.ids;
    const team = await this.team();
    const ids = new Map<string, string>();
    try {
      await this.inTurn(team.ref, async (ctx) => {
        let token: string | undefined;
        do {
          const page = await TeamsInfo.getPagedTeamMembers(
            ctx,
            team.teamId ?? team.ref.conversation!.id,
            500,
            token,
          );
          for (const m of page.members ?? []) if (m.aadObjectId) ids.set(m.aadObjectId, m.id);
          token = page.continuationToken;
        } while (token);
      });
      this.roster = { until: now + (this.options.rosterTtlMs ?? 10 * 60_000), ids };
    } catch (err) {
      this.options.log(`team roster unavailable: ${(err as Error).name}: ${(err as Error).message}`);
      this.roster = { until: now + 60_000, ids };
    }
    return ids;
  }

  private async team(): Promise<StoredRef> {
    const team = await loadRef(this.options.conversations, refKeys.team(this.options.teamId));
    if (!team)
      throw new UnreachableError(
        'The app is not installed in the case team yet: add it to the team in Teams.',
      );
    return team;
  }

  private async activityOf(message: OutgoingMessage): Promise<Partial<Activity>> {
    const ids = message.mentions?.length
      ? await this.teamsUserIds(message.mentions.map((m) => m.aadObjectId))
      : undefined;
    const entities = (message.mentions ?? []).flatMap((m) => {
      const id = ids?.get(m.aadObjectId);
      return id ? [{ type: 'mention', text: `<at>${m.name}</at>`, mentioned: { id, name: m.name } }] : [];
    });
    return {
      type: 'message',
      ...(message.text ? { text: message.text, textFormat: 'markdown' } : {}),
      ...(message.summary ? { summary: message.summary } : {}),
      ...(message.card ? { attachments: [CardFactory.adaptiveCard(message.card)] } : {}),
      ...(entities.length ? { entities } : {}),
    };
  }

  /**
   * Runs `logic` in a proactive turn on `ref`, under the send policy. The adapter hands a turn's errors to
   * onTurnError, so they are caught here and thrown to the caller (a 403, 404 or 429 must be seen).
   */
  private inTurn<T>(
    ref: Partial<ConversationReference>,
    logic: (ctx: TurnContext) => Promise<T>,
  ): Promise<T> {
    return this.policy.run(async () => {
      let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
      await this.options.adapter.continueConversationAsync(this.options.botAppId, ref, async (ctx) => {
        try {
          outcome = { ok: true, value: await logic(ctx) };
        } catch (error) {
          outcome = { ok: false, error };
        }
      });
      if (!outcome) throw new Error('The proactive turn did not run.');
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    });
  }

  private client(ctx: TurnContext): ConnectorClient {
    return ctx.turnState.get<ConnectorClient>(ctx.adapter.ConnectorClientKey);
  }
}
