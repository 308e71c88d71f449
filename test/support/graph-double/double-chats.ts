/**
 * A meeting's chat in the Graph double (issue 16), where the app is installed and its tab pinned. As strict
 * as Microsoft Learn:
 * - graph/api/chat-post-installedapps: the body binds `teamsApp@odata.bind` to
 *   `.../appCatalogs/teamsApps/{id}`; an app installed already answers 409 Conflict; success is 201;
 * - graph/api/chat-post-tabs: "the corresponding app must already be installed in the chat" (else
 *   refused); the tab's `displayName`, `teamsApp@odata.bind` and `configuration` (`entityId`,
 *   `contentUrl`, `websiteUrl`) are sent; success is 201 with the tab.
 */
import { randomUUID } from 'node:crypto';
import { graphError, type Reply } from './double-http';

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
