/**
 * Issue 16: the app in the panel's Teams meeting through Graph. A meeting booked as a calendar event has
 * a chat, whose id (`19:meeting_...@thread.v2`) is in the event's Teams join link
 * (`https://teams.microsoft.com/l/meetup-join/<chat id>/...`). Installing the app in that chat installs it
 * in the meeting (`POST /chats/{chat-id}/installedApps`, TeamsAppInstallation.ReadWriteSelfForChat.All);
 * its configurable tab is then pinned on the case (`POST /chats/{chat-id}/tabs`, TeamsTab.Create), which
 * the meeting shows as the chat tab, the details tab and the side panel. Each step is safe to repeat: an
 * app installed already answers 409, which is success here.
 */
import type { MeetingApps, MeetingTab } from '../../ports/meeting-apps';
import { GraphRequestError, type GraphApi } from './graph-client';

/** The chat id in a Teams join link, or undefined when the link has none (the short `/meet/` links). */
export function meetingChatId(joinUrl: string): string | undefined {
  const m = /\/l\/meetup-join\/([^/?#]+)/.exec(joinUrl);
  if (!m) return undefined;
  const id = decodeURIComponent(m[1]!);
  return /^19:meeting_[^@\s]+@thread\.v2$/.test(id) ? id : undefined;
}

export class GraphMeetingApps implements MeetingApps {
  constructor(
    private readonly graph: GraphApi,
    private readonly settings: {
      /** The app's id in the organisation's app catalog (Teams admin centre, or `GET /appCatalogs/teamsApps`). */
      catalogAppId: string;
      /** Where the tab is served: the meeting page is `<tabEndpoint>/meeting?caseId=...`. */
      tabEndpoint: string;
    },
  ) {}

  async addToMeeting(tab: MeetingTab): Promise<'added' | 'no-chat'> {
    const chatId = meetingChatId(tab.joinUrl);
    if (!chatId) return 'no-chat';
    const chat = `/chats/${encodeURIComponent(chatId)}`;
    const app = `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${encodeURIComponent(this.settings.catalogAppId)}`;
    try {
      await this.graph.request('POST', `${chat}/installedApps`, { body: { 'teamsApp@odata.bind': app } });
    } catch (err) {
      if (!(err instanceof GraphRequestError && err.status === 409)) throw err; // installed already
    }
    const origin = this.settings.tabEndpoint.replace(/\/$/, '');
    const caseId = encodeURIComponent(tab.caseId);
    await this.graph.request('POST', `${chat}/tabs`, {
      body: {
        displayName: tab.reference,
        'teamsApp@odata.bind': app,
        configuration: {
          entityId: tab.caseId,
          contentUrl: `${origin}/meeting?caseId=${caseId}`,
          websiteUrl: `${origin}/#/cases/${caseId}`,
        },
      },
    });
    return 'added';
  }
}
