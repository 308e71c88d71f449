/**
 * The Teams endpoints of the Graph double (graph-double.ts routes here): a team's channels and, for
 * issue 16, a meeting's chat, where the app is installed and its tab pinned. As strict as Microsoft Learn:
 * - graph/api/channel-list, channel-post: `$filter` on the channel's fields; names unique in a team (409
 *   NameAlreadyExists), at most 50 characters, no reserved characters;
 * - graph/api/chat-post-installedapps: the body binds `teamsApp@odata.bind` to
 *   `.../appCatalogs/teamsApps/{id}`; an app installed already answers 409 Conflict; success is 201;
 * - graph/api/chat-post-tabs: "the corresponding app must already be installed in the chat" (else
 *   refused); the tab's `displayName`, `teamsApp@odata.bind` and `configuration` (`entityId`,
 *   `contentUrl`, `websiteUrl`) are sent; success is 201 with the tab.
 */
import { randomUUID } from 'node:crypto';
import { graphError } from './graph-auth';
import type { DoubleChannel, Reply } from './graph-double';
import { evaluate, parseFilter } from './odata-filter';

type TryParse = <T>(fn: () => T) => T | Reply;

/** graph/api/channel-list: `$filter` and `$select` supported. */
export function listChannels(
  teams: Map<string, DoubleChannel[]>,
  teamId: string,
  query: URLSearchParams,
  tryParse: TryParse,
): Reply {
  const channels = teams.get(teamId);
  if (!channels) return graphError(404, 'NotFound', 'No team found with Group Id ' + teamId);
  let found = channels;
  const filter = query.get('$filter');
  if (filter) {
    const parsed = tryParse(() => parseFilter(filter));
    if ('status' in parsed) return parsed;
    const field = (c: DoubleChannel, p: string) =>
      p === 'displayName'
        ? c.displayName
        : p === 'membershipType'
          ? c.membershipType
          : p === 'id'
            ? c.id
            : undefined;
    found = channels.filter((c) => evaluate(parsed, (p) => field(c, p)));
  }
  return { status: 200, body: { value: found.map((c) => ({ ...c })) } };
}

/** graph/api/channel-post. */
export function createChannel(
  teams: Map<string, DoubleChannel[]>,
  teamId: string,
  body: Record<string, unknown>,
): Reply {
  const channels = teams.get(teamId);
  if (!channels) return graphError(404, 'NotFound', 'No team found with Group Id ' + teamId);
  const name = body.displayName;
  if (typeof name !== 'string' || name.trim() === '')
    return graphError(400, 'invalidRequest', 'displayName is required.');
  if (name.length > 50 || /[~#%&*{}+/\\:<>?|'",]|\.\./.test(name) || /^[_.]/.test(name) || /\.$/.test(name))
    return graphError(400, 'BadRequest', `Channel name '${name}' is not valid.`);
  if (channels.some((c) => c.displayName.toLowerCase() === name.toLowerCase()))
    return graphError(409, 'NameAlreadyExists', 'Channel name already existed, please use other name.');
  const channel: DoubleChannel = {
    id: `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`,
    displayName: name,
    description: typeof body.description === 'string' ? body.description : '',
    membershipType: typeof body.membershipType === 'string' ? body.membershipType : 'standard',
  };
  channels.push(channel);
  return { status: 201, body: { ...channel } };
}

export interface DoubleChat {
  /** Catalog ids of the apps installed in the chat. */
  apps: Set<string>;
  tabs: { id: string; displayName: string; teamsAppId: string; configuration: Record<string, unknown> }[];
}

const APP_BINDING = /^https:\/\/graph\.microsoft\.com\/(v1\.0|beta)\/appCatalogs\/teamsApps\/([^/]+)$/;

/** The meeting chats the double knows (a test adds the chat of each meeting it books). */
export class DoubleChats {
  readonly chats = new Map<string, DoubleChat>();

  add(chatId: string): DoubleChat {
    const chat = { apps: new Set<string>(), tabs: [] };
    this.chats.set(chatId, chat);
    return chat;
  }

  /** graph/api/chat-post-installedapps */
  installApp(chatId: string, body: Record<string, unknown>): Reply {
    const chat = this.chats.get(chatId);
    if (!chat) return graphError(404, 'NotFound', `Chat ${chatId} was not found.`);
    const app = APP_BINDING.exec(String(body['teamsApp@odata.bind'] ?? ''))?.[2];
    if (!app)
      return graphError(400, 'BadRequest', 'teamsApp@odata.bind must name an app in the app catalog.');
    if (chat.apps.has(app)) return graphError(409, 'Conflict', 'The app is already installed in this chat.');
    chat.apps.add(app);
    return { status: 201 };
  }

  /** graph/api/chat-post-tabs */
  addTab(chatId: string, body: Record<string, unknown>): Reply {
    const chat = this.chats.get(chatId);
    if (!chat) return graphError(404, 'NotFound', `Chat ${chatId} was not found.`);
    const app = APP_BINDING.exec(String(body['teamsApp@odata.bind'] ?? ''))?.[2];
    if (!app)
      return graphError(400, 'BadRequest', 'teamsApp@odata.bind must name an app in the app catalog.');
    if (!chat.apps.has(app))
      return graphError(400, 'BadRequest', 'The app must be installed in the chat before its tab is added.');
    const configuration = body.configuration as Record<string, unknown> | undefined;
    if (typeof body.displayName !== 'string' || !body.displayName.trim())
      return graphError(400, 'BadRequest', 'displayName is required.');
    if (
      !configuration ||
      typeof configuration.contentUrl !== 'string' ||
      typeof configuration.entityId !== 'string'
    )
      return graphError(400, 'BadRequest', 'configuration needs entityId and contentUrl.');
    const tab = { id: randomUUID(), displayName: body.displayName, teamsAppId: app, configuration };
    chat.tabs.push(tab);
    return { status: 201, body: { ...tab } };
  }
}
