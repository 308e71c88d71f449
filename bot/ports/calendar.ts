/**
 * The Calendar port: finding a time for the case review panel and booking it. Two adapters implement it:
 * the Microsoft Graph calendar (m365 mode) and an .ics writer (local mode). Booking state (times, members,
 * status) lives in the case's events; the calendar only holds the meeting itself.
 */
import type { Interval, Slot } from '../../shared/panel';

export interface CalendarPerson {
  email: string;
  name: string;
}

/** One meeting as the SPOC booked it; every field is safe to send to every attendee (no victim data). */
export interface PanelMeetingDetails {
  /** Our id for the booking; the .ics UID and the Graph transactionId are derived from it. */
  bookingId: string;
  /** Sent with the create request so a retried booking is made once (Graph `transactionId`). */
  transactionId: string;
  /** "Case review panel: CT-2026-0007": never the victim's name. */
  subject: string;
  /** Plain text; each adapter formats it (HTML for Graph, DESCRIPTION for .ics). */
  body: string;
  /** A link for the body (the case channel), when known. */
  link?: string;
  start: string;
  end: string;
  location?: string;
  /** Everyone invited; left out of a change, the calendar keeps its invitation list as it was. */
  attendees?: CalendarPerson[];
  /** 0 for the first booking, then one more for each reschedule or the cancellation (.ics SEQUENCE). */
  sequence: number;
}

/** A calendar file to keep with the case (the .ics in local mode). */
export interface CalendarFile {
  /** e.g. "panel meeting.ics"; the service prefixes the case reference. */
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface CalendarBooking {
  /** The calendar's id of the meeting (Graph event id, or the .ics UID). */
  providerEventId: string;
  joinUrl?: string;
  file?: CalendarFile;
}

/** What is known of one attendee's time: `known` is false for people whose calendar we cannot read. */
export interface Availability {
  email: string;
  known: boolean;
  busy: Interval[];
}

export interface SuggestTimesRequest {
  attendees: string[];
  /** The search range as instants. */
  from: string;
  to: string;
  durationMinutes: number;
  maxCandidates: number;
}

export interface Calendar {
  readonly provider: 'graph' | 'ics';
  /** Free/busy of each attendee over the range (app-only in Graph: getSchedule). */
  availability(emails: readonly string[], from: string, to: string): Promise<Availability[]>;
  /**
   * Suggestions computed by the calendar for the signed-in SPOC (Graph findMeetingTimes, delegated only:
   * `userAssertion` is the SPOC's incoming token, exchanged on-behalf-of). Absent when not available.
   */
  suggestTimes?(request: SuggestTimesRequest, userAssertion: string): Promise<Slot[]>;
  book(meeting: PanelMeetingDetails): Promise<CalendarBooking>;
  /** Updates the same meeting (new time, place or attendees). */
  reschedule(providerEventId: string, meeting: PanelMeetingDetails): Promise<CalendarBooking>;
  /** Cancels the meeting, telling attendees why; cancelling one already gone is not an error. */
  cancel(
    providerEventId: string,
    meeting: PanelMeetingDetails,
    comment: string,
  ): Promise<{ file?: CalendarFile }>;
}

/** A calendar request that failed; `status` is the HTTP status when there was one. No body is kept. */
export class CalendarError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}
