/**
 * Issue 16: after the panel's meeting (a `review-held` recorded from the meeting's notes), through the
 * outbox so each step is retried until done: the minutes (.docx, for the panel), the outcome letter's draft
 * (for the SPOC to check and issue), and a post in the case channel saying both are ready and when the
 * minutes and the outcome are due (their 5-working-day clocks run from the review). Each step is idempotent:
 * the files have derived ids and the post is remembered once sent.
 */
import { deadlines, londonDate, type CaseEvent, type CaseState, type Policy } from '../../shared';
import type { Person } from '../api/contract';
import { composeMinutes } from '../letters/minutes';
import { DOCX_TYPE, renderDocx } from '../letters/render-docx';
import { longDate } from '../letters/format';
import type { Messenger } from '../ports/messenger';
import type { CaseFiles } from '../store/case-files';
import type { ConversationRefs } from '../store/conversation-refs';
import type { Json } from '../store/json';
import type { CaseService } from './case-service';
import type { Directory } from './directory';
import type { LetterService } from './letter-service';
import { minutesFileId, type MeetingService } from './meeting-service';
import type { CaseReactor, RecordedChange } from './reactors';

export interface MeetingMinutesDeps {
  service: CaseService;
  files: Pick<CaseFiles, 'putFile'>;
  letters: Pick<LetterService, 'draft'> & Partial<Pick<LetterService, 'minutesLayout'>>;
  meeting: Pick<MeetingService, 'changed'>;
  policy: Policy;
  directory: Directory;
  /** Absent when Teams is not wired (tests): the files are still made. */
  messenger?: Pick<Messenger, 'send'>;
  conversations: Pick<ConversationRefs, 'getConversationRef' | 'putConversationRef'>;
  now: () => Date;
  /** The tab's address, for the link in the post. */
  publicUrl: string;
}

export class MeetingMinutes implements CaseReactor {
  readonly name = 'meeting-minutes';

  constructor(private readonly deps: MeetingMinutesDeps) {}

  /** A review recorded from the meeting's notes (a review recorded by hand has its own minutes). */
  wants(events: readonly CaseEvent[], state?: CaseState): boolean {
    return events.some((e) => e.type === 'review-held') && !!state?.liveReview;
  }

  async react(change: RecordedChange): Promise<void> {
    const loaded = await this.deps.service.load(change.caseId);
    const state = loaded?.state;
    if (!state?.panel || !state.liveReview) return;
    const { caseId, reference } = change;
    const bookingId = state.panel.bookingId;
    const doc = composeMinutes({ reference, state }, this.deps.policy, this.deps.letters.minutesLayout?.());
    await this.deps.files.putFile(
      caseId,
      {
        fileId: minutesFileId(caseId, bookingId),
        kind: 'minutes',
        name: `${reference} review minutes.docx`,
        contentType: DOCX_TYPE,
        storedBy: change.by.id,
      },
      await renderDocx(doc),
    );
    // The outcome letter is the SPOC's: its draft is written as them, for them to check and issue.
    const spoc: Person = this.deps.directory.get(state.spoc) ?? {
      id: state.spoc,
      name: state.spoc,
      roles: ['spoc'],
    };
    await this.deps.letters.draft(caseId, 'outcome', spoc, bookingId);
    this.deps.meeting.changed(caseId);
    await this.post(caseId, reference, state, bookingId);
  }

  private async post(caseId: string, reference: string, state: CaseState, bookingId: string) {
    const channel = state.teamsChannel;
    const { messenger, conversations } = this.deps;
    if (!channel || !messenger) return;
    const key = `meeting-minutes:${caseId}:${bookingId}`;
    if (await conversations.getConversationRef(key)) return; // posted already
    const today = londonDate(this.deps.now());
    const due = deadlines(state, this.deps.policy, today);
    const dueOn = (clock: string) => due.find((d) => d.clock === clock)?.dueOn;
    const minutesDue = dueOn('minutes');
    const outcomeDue = dueOn('outcome');
    const link = `${this.deps.publicUrl.replace(/\/$/, '')}/#/cases/${encodeURIComponent(caseId)}`;
    const text = [
      `The panel has reviewed ${reference}: the minutes and the action plan are ready for the panel, and the outcome letter draft is ready for the SPOC to check.`,
      minutesDue ? `Minutes to be circulated by ${longDate(minutesDue)}.` : '',
      outcomeDue ? `Outcome to the applicant by ${longDate(outcomeDue)}.` : '',
      `Open the case for the minutes and the draft: ${link}`,
    ]
      .filter(Boolean)
      .join('\n\n');
    // The reference only in the preview: notifications show on lock screens.
    const delivery = await messenger.send(
      { kind: 'channel', channelId: channel.channelId },
      { text, summary: `Minutes ready: ${reference}` },
    );
    await conversations.putConversationRef(key, { ...delivery } as unknown as Json);
  }
}
