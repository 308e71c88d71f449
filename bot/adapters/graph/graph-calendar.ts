/**
 * The Microsoft Graph calendar. Panels are booked in the organiser mailbox (PANEL_ORGANISER) with an
 * app-only token; "find a time" uses findMeetingTimes with the SPOC's own token (delegated only, exchanged
 * on-behalf-of for the least privileged scope, Calendars.Read), or getSchedule app-only with the free
 * slots computed in shared/panel/slots.ts.
 *
 * Requests go through the server's one Graph client (graph-client.ts): the same retry on 429/503/504 with
 * Retry-After as the store. A booking is not assumed to be de-duplicated by `transactionId` (Graph sends
 * it but promises nothing we can test): the event carries the transaction id in a single-value extended
 * property too, and before each attempt to create it the adapter looks for an event that already has it
 * (Microsoft Learn, singlevaluelegacyextendedproperty-get), so a retry never makes a second meeting.
 */
import { ConfidentialClientApplication } from '@azure/msal-node';
import { isWorkingDay } from '../../../shared/calendar';
import { londonWallTime, type Interval, type Slot } from '../../../shared/panel';
import {
  CalendarError,
  type Availability,
  type Calendar,
  type CalendarBooking,
  type CalendarFile,
  type PanelMeetingDetails,
  type SuggestTimesRequest,
} from '../../ports/calendar';
import { GraphApi, GraphRequestError, realSleep, type Method } from './graph-client';
import { odataString } from './odata';
import { staticToken } from './token-provider';

export interface GraphCalendarOptions {
  /** The mailbox that organises panels (config PANEL_ORGANISER). */
  organiser: string;
  /** The server's Graph client (app-only token, retry path); built from the options below when absent. */
  api?: GraphApi;
  /** An app-only Graph token (client credentials or managed identity): `tokenProvider(...).getToken`. */
  appToken?: () => Promise<string>;
  /** Exchanges the SPOC's incoming token for a delegated Graph token (on-behalf-of); enables findMeetingTimes. */
  onBehalfOf?: (userAssertion: string) => Promise<string>;
  /** Default https://graph.microsoft.com/v1.0; tests point it at a loopback double. */
  baseUrl?: string;
  /** Retries after the first attempt (3 when not given). */
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** The extended property that carries a booking's transaction id (a GUID of our own, and a name). */
export const TRANSACTION_PROPERTY =
  'String {5b1e4d0c-9a3f-4c7e-8f21-6d0a9b3c7e52} Name AsbPanelTransactionId';
/** Graph answers getSchedule for at most this many mailboxes per request. */
const SCHEDULES_PER_REQUEST = 20;

interface GraphDateTime {
  dateTime: string;
  timeZone: string;
}
interface GraphEvent {
  id: string;
  onlineMeeting?: { joinUrl?: string } | null;
}

/** An instant as Graph's dateTimeTimeZone, in UTC (unambiguous; Outlook shows it in each reader's zone). */
export function toGraphDateTime(instant: string): GraphDateTime {
  return { dateTime: new Date(instant).toISOString().replace(/Z$/, ''), timeZone: 'UTC' };
}

/** Graph's dateTimeTimeZone back to an ISO instant; we ask for UTC (Prefer: outlook.timezone="UTC"). */
export function fromGraphDateTime(value: GraphDateTime): string {
  if (value.timeZone !== 'UTC')
    throw new CalendarError(`Graph answered in time zone ${value.timeZone}, not UTC.`);
  const ms = Date.parse(`${value.dateTime.replace(/(\.\d{3})\d*$/, '$1')}Z`);
  if (Number.isNaN(ms)) throw new CalendarError('Graph answered a date and time that cannot be read.');
  return new Date(ms).toISOString();
}

/** ISO 8601 duration for findMeetingTimes, e.g. PT1H30M. */
export function isoDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `PT${h ? `${h}H` : ''}${m || !h ? `${m}M` : ''}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export class GraphCalendar implements Calendar {
  readonly provider = 'graph' as const;
  private readonly api: GraphApi;

  constructor(private readonly options: GraphCalendarOptions) {
    const appToken = options.appToken;
    this.api =
      options.api ??
      new GraphApi({
        baseUrl: options.baseUrl ?? 'https://graph.microsoft.com/v1.0',
        tokens: appToken ? { getToken: appToken } : staticToken(''),
        sleep: options.sleep ?? realSleep,
        maxAttempts: (options.maxRetries ?? 3) + 1,
      });
    if (options.onBehalfOf) this.suggestTimes = this.findMeetingTimes.bind(this);
  }

  suggestTimes?: (request: SuggestTimesRequest, userAssertion: string) => Promise<Slot[]>;

  private get organiserPath(): string {
    return `/users/${encodeURIComponent(this.options.organiser)}`;
  }

  async availability(emails: readonly string[], from: string, to: string): Promise<Availability[]> {
    const out: Availability[] = [];
    for (let i = 0; i < emails.length; i += SCHEDULES_PER_REQUEST) {
      const batch = emails.slice(i, i + SCHEDULES_PER_REQUEST);
      const answer = await this.request<{
        value: {
          scheduleId: string;
          scheduleItems?: { status: string; start: GraphDateTime; end: GraphDateTime }[];
          error?: { message?: string; responseCode?: string };
        }[];
      }>('POST', `${this.organiserPath}/calendar/getSchedule`, 'read free/busy', {
        body: {
          schedules: batch,
          startTime: toGraphDateTime(from),
          endTime: toGraphDateTime(to),
          availabilityViewInterval: 30,
        },
      });
      for (const email of batch) {
        const item = answer.value.find((v) => v.scheduleId.toLowerCase() === email.toLowerCase());
        // Mailboxes in other tenants come back with an error: their people answer the offered slots.
        if (!item || item.error) {
          out.push({ email, known: false, busy: [] });
          continue;
        }
        const busy: Interval[] = (item.scheduleItems ?? [])
          .filter((s) => s.status !== 'free' && s.status !== 'workingElsewhere')
          .map((s) => ({ start: fromGraphDateTime(s.start), end: fromGraphDateTime(s.end) }));
        out.push({ email, known: true, busy });
      }
    }
    return out;
  }

  /** POST /me/findMeetingTimes with the SPOC's delegated token; suggestions on bank holidays are dropped. */
  private async findMeetingTimes(request: SuggestTimesRequest, userAssertion: string): Promise<Slot[]> {
    const token = await this.options.onBehalfOf!(userAssertion);
    const answer = await this.request<{
      meetingTimeSuggestions?: { meetingTimeSlot: { start: GraphDateTime; end: GraphDateTime } }[];
    }>('POST', '/me/findMeetingTimes', 'find meeting times', {
      token,
      body: {
        attendees: request.attendees.map((address) => ({ type: 'required', emailAddress: { address } })),
        timeConstraint: {
          activityDomain: 'work',
          timeSlots: [{ start: toGraphDateTime(request.from), end: toGraphDateTime(request.to) }],
        },
        meetingDuration: isoDuration(request.durationMinutes),
        maxCandidates: request.maxCandidates,
        isOrganizerOptional: false,
        returnSuggestionReasons: false,
        minimumAttendeePercentage: 100,
      },
    });
    return (answer.meetingTimeSuggestions ?? [])
      .map((s) => ({
        start: fromGraphDateTime(s.meetingTimeSlot.start),
        end: fromGraphDateTime(s.meetingTimeSlot.end),
      }))
      .filter((s) => isWorkingDay(londonWallTime(s.start).date))
      .sort((a, b) => a.start.localeCompare(b.start));
  }

  /**
   * Books the panel once: looks for an event already carrying this booking's transaction id, and creates
   * one only when there is none. A create whose outcome is unknown (504, or no answer) is not re-sent
   * blind: the next attempt looks again first.
   */
  async book(meeting: PanelMeetingDetails): Promise<CalendarBooking> {
    const attempts = (this.options.maxRetries ?? 3) + 1;
    for (let attempt = 1; ; attempt++) {
      const existing = await this.findBooked(meeting.transactionId);
      if (existing) return this.withJoinUrl(existing);
      try {
        const event = await this.request<GraphEvent>(
          'POST',
          `${this.organiserPath}/events`,
          'book the panel meeting',
          {
            notIdempotent: true,
            body: {
              ...this.eventBody(meeting),
              isOnlineMeeting: true,
              onlineMeetingProvider: 'teamsForBusiness',
              allowNewTimeProposals: true,
              transactionId: meeting.transactionId,
              singleValueExtendedProperties: [{ id: TRANSACTION_PROPERTY, value: meeting.transactionId }],
            },
          },
        );
        return await this.withJoinUrl(event);
      } catch (err) {
        const unknown = err instanceof CalendarError && (err.status === 504 || err.status === 0);
        if (!unknown || attempt >= attempts) throw err;
        await this.api.sleep(1000 * 2 ** (attempt - 1));
      }
    }
  }

  /** The organiser's event that carries this transaction id, if it was made already. */
  private async findBooked(transactionId: string): Promise<GraphEvent | undefined> {
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq ${odataString(TRANSACTION_PROPERTY)} and ep/value eq ${odataString(transactionId)})`;
    const found = await this.request<{ value?: GraphEvent[] }>(
      'GET',
      `${this.organiserPath}/events?$filter=${encodeURIComponent(filter)}&$select=id,onlineMeeting`,
      'look for the panel meeting',
    );
    return found.value?.[0];
  }

  async reschedule(providerEventId: string, meeting: PanelMeetingDetails): Promise<CalendarBooking> {
    const event = await this.request<GraphEvent>(
      'PATCH',
      `${this.organiserPath}/events/${encodeURIComponent(providerEventId)}`,
      'reschedule the panel meeting',
      { body: this.eventBody(meeting) },
    );
    return this.withJoinUrl(event);
  }

  async cancel(
    providerEventId: string,
    _meeting: PanelMeetingDetails,
    comment: string,
  ): Promise<{ file?: CalendarFile }> {
    try {
      await this.request(
        'POST',
        `${this.organiserPath}/events/${encodeURIComponent(providerEventId)}/cancel`,
        'cancel the panel meeting',
        { body: { comment } },
      );
    } catch (err) {
      // A cancelled meeting leaves the organiser's calendar: a retried cancel finds nothing, which is done.
      if (!(err instanceof CalendarError && err.status === 404)) throw err;
    }
    return {};
  }

  private eventBody(meeting: PanelMeetingDetails) {
    const paragraphs = meeting.body
      .split(/\n{2,}/)
      .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
    if (meeting.link)
      paragraphs.push(`<p><a href="${escapeHtml(meeting.link)}">Open the case channel in Teams</a></p>`);
    return {
      subject: meeting.subject,
      body: { contentType: 'HTML', content: paragraphs.join('') },
      start: toGraphDateTime(meeting.start),
      end: toGraphDateTime(meeting.end),
      ...(meeting.location ? { location: { displayName: meeting.location } } : {}),
      ...(meeting.attendees
        ? {
            attendees: meeting.attendees.map((a) => ({
              type: 'required',
              emailAddress: { address: a.email, name: a.name },
            })),
          }
        : {}),
      showAs: 'busy',
      isReminderOn: true,
    };
  }

  /** The join link is sometimes filled in just after the event is created: read the event once more. */
  private async withJoinUrl(event: GraphEvent): Promise<CalendarBooking> {
    let joinUrl = event.onlineMeeting?.joinUrl;
    if (!joinUrl) {
      const again = await this.request<GraphEvent>(
        'GET',
        `${this.organiserPath}/events/${encodeURIComponent(event.id)}?$select=id,onlineMeeting`,
        'read the panel meeting',
      );
      joinUrl = again.onlineMeeting?.joinUrl;
    }
    return { providerEventId: event.id, ...(joinUrl ? { joinUrl } : {}) };
  }

  private async request<T>(
    method: Method,
    path: string,
    what: string,
    options: { body?: unknown; token?: string; notIdempotent?: boolean } = {},
  ): Promise<T> {
    try {
      const { body } = await this.api.request<T>(method, path, {
        headers: { Prefer: 'outlook.timezone="UTC"' },
        ...(options.body !== undefined ? { body: options.body } : {}),
        ...(options.token !== undefined ? { token: options.token } : {}),
        ...(options.notIdempotent ? { notIdempotent: true } : {}),
      });
      return (body ?? {}) as T;
    } catch (err) {
      if (!(err instanceof GraphRequestError)) throw err;
      // Only Graph's error code is kept: the message may quote addresses or subjects.
      if (err.status === 0)
        throw new CalendarError(`Could not reach Microsoft Graph to ${what}.`, 0, err.code);
      throw new CalendarError(
        `Microsoft Graph answered ${err.status} (${err.code}) when asked to ${what}.`,
        err.status,
        err.code,
      );
    }
  }
}

export interface MsalSettings {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Default https://login.microsoftonline.com */
  authorityHost?: string;
}

function msalApp(settings: MsalSettings): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      authority: `${settings.authorityHost ?? 'https://login.microsoftonline.com'}/${settings.tenantId}`,
    },
  });
}

/**
 * The delegated scope findMeetingTimes needs, for the SPOC's token exchanged on-behalf-of: the least
 * privileged one Microsoft Learn lists for `POST /me/findMeetingTimes` (user-findmeetingtimes).
 */
export const FIND_MEETING_TIMES_SCOPES = ['https://graph.microsoft.com/Calendars.Read'];

/** Exchanges the SPOC's incoming (Teams SSO) token for a delegated Graph token, on-behalf-of. */
export function msalOnBehalfOf(settings: MsalSettings): (userAssertion: string) => Promise<string> {
  const app = msalApp(settings);
  return async (oboAssertion) => {
    const result = await app.acquireTokenOnBehalfOf({ oboAssertion, scopes: FIND_MEETING_TIMES_SCOPES });
    if (!result?.accessToken)
      throw new CalendarError('The sign-in could not be exchanged for a Graph token.');
    return result.accessToken;
  };
}
