import type {
  Availability,
  Calendar,
  CalendarBooking,
  CalendarFile,
  PanelMeetingDetails,
} from '../../ports/calendar';
import { writeIcs, type IcsPerson } from './ics';

export interface IcsCalendarOptions {
  /** Who the invitation comes from (local mode: the SPOC's mailbox or a configured one). */
  organiser: IcsPerson;
  now: () => Date;
  /** The UID's domain part, so UIDs are globally unique (RFC 5545 3.8.4.7). */
  uidDomain?: string;
}

const ICS_TYPE = 'text/calendar; charset=utf-8';

/**
 * Local mode's calendar: no free/busy is known (every attendee answers the offered slots), and each booking,
 * change and cancellation is an .ics file kept with the case, for the SPOC to send or import.
 */
export class IcsCalendar implements Calendar {
  readonly provider = 'ics' as const;

  constructor(private readonly options: IcsCalendarOptions) {}

  async availability(emails: readonly string[]): Promise<Availability[]> {
    return emails.map((email) => ({ email, known: false, busy: [] }));
  }

  async book(meeting: PanelMeetingDetails): Promise<CalendarBooking> {
    const uid = this.uid(meeting.bookingId);
    return { providerEventId: uid, file: this.file(meeting, uid, 'REQUEST') };
  }

  async reschedule(providerEventId: string, meeting: PanelMeetingDetails): Promise<CalendarBooking> {
    return { providerEventId, file: this.file(meeting, providerEventId, 'REQUEST') };
  }

  async cancel(providerEventId: string, meeting: PanelMeetingDetails): Promise<{ file?: CalendarFile }> {
    return { file: this.file(meeting, providerEventId, 'CANCEL') };
  }

  uid(bookingId: string): string {
    return `${bookingId}@${this.options.uidDomain ?? 'asb-case-review.local'}`;
  }

  private file(meeting: PanelMeetingDetails, uid: string, method: 'REQUEST' | 'CANCEL'): CalendarFile {
    const text = writeIcs({
      method,
      uid,
      sequence: meeting.sequence,
      stamp: this.options.now(),
      start: meeting.start,
      end: meeting.end,
      summary: method === 'CANCEL' ? `Cancelled: ${meeting.subject}` : meeting.subject,
      description: [
        meeting.body,
        meeting.link ? `Case channel: ${meeting.link}` : '',
        // No Teams meeting exists in local mode; the organiser adds one when sending the invitation.
        'Online meeting: a Microsoft Teams link is added when the panel is booked in Microsoft 365.',
      ]
        .filter(Boolean)
        .join('\n\n'),
      ...(meeting.location ? { location: meeting.location } : {}),
      ...(meeting.link ? { url: meeting.link } : {}),
      organiser: this.options.organiser,
      attendees: meeting.attendees ?? [],
    });
    const name =
      method === 'CANCEL'
        ? 'panel meeting (cancelled).ics'
        : meeting.sequence === 0
          ? 'panel meeting.ics'
          : `panel meeting (update ${meeting.sequence}).ics`;
    return {
      name,
      contentType: `${ICS_TYPE}; method=${method}`,
      bytes: new TextEncoder().encode(text),
    };
  }
}
