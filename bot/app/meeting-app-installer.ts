/**
 * Issue 16: booking the panel (m365 mode, when the app's catalog id is configured) puts the app in the
 * panel's Teams meeting, after the answer, through the outbox (retried until done). Done once per
 * booking: remembered beside the conversation references; a meeting moved keeps its chat and its tab.
 */
import type { CaseEvent } from '../../shared';
import type { MeetingApps } from '../ports/meeting-apps';
import type { ConversationRefs } from '../store/conversation-refs';
import type { CaseReactor, RecordedChange } from './reactors';

export class MeetingAppInstaller implements CaseReactor {
  readonly name = 'meeting-app';

  constructor(
    private readonly deps: {
      apps: MeetingApps;
      conversations: Pick<ConversationRefs, 'getConversationRef' | 'putConversationRef'>;
      log: (message: string) => void;
    },
  ) {}

  wants(events: readonly CaseEvent[]): boolean {
    return events.some((e) => e.type === 'panel-booked' && !!e.payload.joinUrl);
  }

  async react(change: RecordedChange): Promise<void> {
    for (const e of change.events) {
      if (e.type !== 'panel-booked' || !e.payload.joinUrl) continue;
      const key = `meeting-app:${change.caseId}:${e.payload.bookingId}`;
      if (await this.deps.conversations.getConversationRef(key)) continue;
      const done = await this.deps.apps.addToMeeting({
        joinUrl: e.payload.joinUrl,
        caseId: change.caseId,
        reference: change.reference,
      });
      // No chat in the link: the SPOC adds the app to the meeting by hand (docs/deployment.md).
      if (done === 'no-chat')
        this.deps.log(`meeting app: the join link of ${change.reference} names no chat`);
      await this.deps.conversations.putConversationRef(key, { done });
    }
  }
}
