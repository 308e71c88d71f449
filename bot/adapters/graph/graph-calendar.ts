/**
 * The Microsoft Graph calendar. Panels are booked in the organiser mailbox (PANEL_ORGANISER) with an
 * app-only token; "find a time" uses findMeetingTimes with the SPOC's own token (delegated only, exchanged
 * on-behalf-of), or getSchedule app-only with the free slots computed in shared/panel/slots.ts.
 *
 * Every request is retried on 429/502/503/504 (Retry-After honoured). Creating an event sends a
 * `transactionId` derived from the booking, so a retried create returns the event already made.
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

export interface GraphCalendarOptions {
  /** The mailbox that organises panels (config PANEL_ORGANISER). */
  organiser: string;
  /** An app-only Graph token (client credentials or managed identity): `tokenProvider(...).getToken`. */
  appToken: () => Promise<string>;
  /** Exchanges the SPOC's incoming token for a delegated Graph token (on-behalf-of); enables findMeetingTimes. */
  onBehalfOf?: (userAssertion: string) => Promise<string>;
  /** Default https://graph.microsoft.com/v1.0; tests point it at a loopback double. */
  baseUrl?: string;
  fetch?: typeof fetch;
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
}

const RETRYABLE = new Set([429, 502, 503, 504]);
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

function retryAfterMs(header: string | null, attempt: number): number {
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return Math.min(Math.max(seconds, 0), 120) * 1000;
    const at = Date.parse(header);
    if (!Number.isNaN(at)) return Math.min(Math.max(at - Date.now(), 0), 120_000);
  }
  return Math.min(1000 * 2 ** attempt, 30_000) + Math.floor(Math.random() * 250);
}

export class GraphCalendar implements Calendar {
  readonly provider = 'graph' as const;
  private readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: GraphCalendarOptions) {
    this.base = (options.baseUrl ?? 'https://graph.microsoft.com/v1.0').replace(/\/$/, '');
    this.fetch = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
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

  async book(meeting: PanelMeetingDetails): Promise<CalendarBooking> {
    const event = await this.request<GraphEvent>(
      'POST',
      `${this.organiserPath}/events`,
      'book the panel meeting',
      {
        body: {
          ...this.eventBody(meeting),
          isOnlineMeeting: true,
          onlineMeetingProvider: 'teamsForBusiness',
          allowNewTimeProposals: true,
          transactionId: meeting.transactionId,
        },
      },
    );
    return this.withJoinUrl(event);
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
    method: string,
    path: string,
    what: string,
    options: { body?: unknown; token?: string } = {},
  ): Promise<T> {
    const maxRetries = this.options.maxRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      const token = options.token ?? (await this.options.appToken());
      let res: Response;
      try {
        res = await this.fetch(`${this.base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            prefer: 'outlook.timezone="UTC"',
            ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        });
      } catch (err) {
        if (attempt < maxRetries) {
          await this.sleep(retryAfterMs(null, attempt));
          continue;
        }
        throw new CalendarError(`Could not reach Microsoft Graph to ${what}: ${(err as Error).message}`);
      }
      if (res.ok) {
        const text = await res.text();
        return (text ? JSON.parse(text) : {}) as T;
      }
      if (RETRYABLE.has(res.status) && attempt < maxRetries) {
        await res.body?.cancel();
        await this.sleep(retryAfterMs(res.headers.get('retry-after'), attempt));
        continue;
      }
      // Only Graph's error code is kept: the message may quote addresses or subjects.
      let code: string | undefined;
      try {
        code = ((await res.json()) as { error?: { code?: string } }).error?.code;
      } catch {
        code = undefined;
      }
      throw new CalendarError(
        `Microsoft Graph answered ${res.status}${code ? ` (${code})` : ''} when asked to ${what}.`,
        res.status,
        code,
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

/** The delegated scopes findMeetingTimes needs, for the SPOC's token exchanged on-behalf-of. */
export const FIND_MEETING_TIMES_SCOPES = [
  'https://graph.microsoft.com/Calendars.Read.Shared',
  'https://graph.microsoft.com/User.Read',
];

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
