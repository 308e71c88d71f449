/**
 * Conversation references: what the bot must keep to message someone later (proactively). Captured on
 * installation and first contact and kept in the ConversationRefs store under `user:<aadObjectId>`, `team:<teamId>`
 * (both the Entra group id, which TEAM_ID names, and the Teams team id) and `channel:<channelId>`. Only
 * ids and the service URL are kept, no names. A cache: a send that answers 403 or 404 drops it.
 */
import type { Activity, ConversationReference } from 'botbuilder';
import type { ConversationRefs } from '../../store/conversation-refs';
import type { Json } from '../../store/json';

export const refKeys = {
  user: (aadObjectId: string) => `user:${aadObjectId}`,
  team: (teamId: string) => `team:${teamId}`,
  channel: (channelId: string) => `channel:${channelId}`,
};

/** What is stored: a reference without names, plus the Teams team id for team references. */
export interface StoredRef {
  ref: Partial<ConversationReference>;
  teamId?: string;
}

export function minimalRef(
  activity: Partial<Activity>,
  conversationId?: string,
): Partial<ConversationReference> {
  const tenantId =
    activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } })?.tenant?.id;
  return {
    channelId: activity.channelId ?? 'msteams',
    serviceUrl: activity.serviceUrl!,
    bot: { id: activity.recipient?.id ?? '', name: '' },
    conversation: {
      id: conversationId ?? activity.conversation!.id,
      isGroup: activity.conversation?.isGroup ?? false,
      conversationType: activity.conversation?.conversationType ?? '',
      ...(tenantId ? { tenantId } : {}),
      name: '',
    },
    ...(activity.from?.id
      ? {
          user: {
            id: activity.from.id,
            name: '',
            ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
          },
        }
      : {}),
  };
}

interface TeamsChannelData {
  team?: { id?: string; aadGroupId?: string };
  channel?: { id?: string };
}

/** Stores the references an incoming activity gives; returns the keys written (for logs and tests). */
export async function rememberConversation(
  store: ConversationRefs,
  activity: Partial<Activity>,
): Promise<string[]> {
  if (!activity.serviceUrl || !activity.conversation?.id) return [];
  const keys: string[] = [];
  const put = async (key: string, value: StoredRef) => {
    await store.putConversationRef(key, value as unknown as Json);
    keys.push(key);
  };
  const data = (activity.channelData ?? {}) as TeamsChannelData;
  const type = activity.conversation.conversationType;
  if (type === 'personal' && activity.from?.aadObjectId)
    await put(refKeys.user(activity.from.aadObjectId), { ref: minimalRef(activity) });
  if (data.team?.id) {
    // A team's General channel shares the team's id; the team reference is that channel's conversation.
    const teamRef: StoredRef = { ref: minimalRef(activity, data.team.id), teamId: data.team.id };
    await put(refKeys.team(data.team.id), teamRef);
    if (data.team.aadGroupId) await put(refKeys.team(data.team.aadGroupId), teamRef);
  }
  if (type === 'channel') {
    const channelId = data.channel?.id ?? activity.conversation.id.split(';')[0]!;
    await put(refKeys.channel(channelId), { ref: minimalRef(activity, channelId) });
  }
  return keys;
}

/** Forgets what an uninstall removed. */
export async function forgetConversation(
  store: ConversationRefs,
  activity: Partial<Activity>,
): Promise<void> {
  const data = (activity.channelData ?? {}) as TeamsChannelData;
  if (activity.conversation?.conversationType === 'personal' && activity.from?.aadObjectId)
    await store.deleteConversationRef(refKeys.user(activity.from.aadObjectId));
  if (data.team?.id) await store.deleteConversationRef(refKeys.team(data.team.id));
  if (data.team?.aadGroupId) await store.deleteConversationRef(refKeys.team(data.team.aadGroupId));
}

export async function loadRef(store: ConversationRefs, key: string): Promise<StoredRef | undefined> {
  const found = await store.getConversationRef(key);
  const value = found?.ref as unknown as StoredRef | undefined;
  return value?.ref?.serviceUrl && value.ref.conversation?.id ? value : undefined;
}
