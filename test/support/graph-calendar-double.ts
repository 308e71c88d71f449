/**
 * A Microsoft Graph calendar double on loopback, for the Graph calendar adapter's tests. It implements the
 * minimal shapes of: POST /users/{id}/events (honouring `transactionId`: a second create with the same id
 * returns the same event, as Graph does), GET and PATCH /users/{id}/events/{eventId}, POST
 * .../events/{eventId}/cancel, POST /users/{id}/calendar/getSchedule and POST /me/findMeetingTimes.
 * It answers 401 without a bearer token, and can be told to answer 429 with Retry-After once.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DoubleEvent {
  id: string;
  organiser: string;
  transactionId?: string;
  subject: string;
  body?: { contentType: string; content: string };
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  location?: { displayName: string };
  attendees: { emailAddress: { address: string; name?: string }; type: string }[];
  isOnlineMeeting: boolean;
  onlineMeeting: { joinUrl: string } | null;
  cancelled: boolean;
  cancelComment?: string;
  /** How many times it was changed (PATCH). */
  changes: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
  prefer?: string;
  body?: unknown;
}

export class GraphCalendarDouble {
  readonly events = new Map<string, DoubleEvent>();
  readonly requests: RecordedRequest[] = [];
  /** Busy items per mailbox for getSchedule (UTC); mailboxes not listed answer as outside the tenant. */
  schedules = new Map<string, { status: string; start: string; end: string }[]>();
  /** What findMeetingTimes suggests (UTC ISO instants). */
  suggestions: { start: string; end: string }[] = [];
  /** Tokens findMeetingTimes accepts (delegated); an app-only token is refused there, as in Graph. */
  delegatedTokens = new Set<string>(['delegated-token']);
  private failures: { status: number; retryAfter?: string; path?: RegExp }[] = [];
  private server?: Server;
  private next = 1;
  baseUrl = '';

  /** The next matching request is answered with this status (e.g. 429 with Retry-After) instead. */
  failNext(status: number, retryAfter?: string, path?: RegExp): void {
    this.failures.push({
      status,
      ...(retryAfter !== undefined ? { retryAfter } : {}),
      ...(path ? { path } : {}),
    });
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: Error) =>
        send(res, 500, { error: { code: 'DoubleError', message: err.message } }),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1.0`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  liveEvents(): DoubleEvent[] {
    return [...this.events.values()].filter((e) => !e.cancelled);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname.replace(/^\/v1\.0/, ''));
    const raw = await new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString('utf8')));
      req.on('end', () => resolve(data));
    });
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    const authorization = req.headers.authorization;
    this.requests.push({
      method: req.method ?? '',
      path,
      ...(authorization ? { authorization } : {}),
      ...(req.headers.prefer ? { prefer: String(req.headers.prefer) } : {}),
      ...(body ? { body } : {}),
    });
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token)
      return send(res, 401, {
        error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' },
      });
    const failure = this.failures.findIndex((f) => !f.path || f.path.test(path));
    if (failure >= 0) {
      const f = this.failures.splice(failure, 1)[0]!;
      if (f.retryAfter !== undefined) res.setHeader('Retry-After', f.retryAfter);
      return send(res, f.status, {
        error: { code: f.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', message: 'Try later.' },
      });
    }

    let m: RegExpExecArray | null;
    if (req.method === 'POST' && path === '/me/findMeetingTimes') {
      if (!this.delegatedTokens.has(token))
        return send(res, 403, {
          error: { code: 'ErrorAccessDenied', message: 'Delegated permission required.' },
        });
      return send(res, 200, {
        emptySuggestionsReason: this.suggestions.length ? '' : 'AttendeesUnavailable',
        meetingTimeSuggestions: this.suggestions.map((s) => ({
          confidence: 100,
          organizerAvailability: 'free',
          attendeeAvailability: [],
          meetingTimeSlot: { start: graphTime(s.start), end: graphTime(s.end) },
        })),
      });
    }
    if ((m = /^\/users\/([^/]+)\/calendar\/getSchedule$/.exec(path)) && req.method === 'POST') {
      const schedules = (body?.schedules as string[]) ?? [];
      return send(res, 200, {
        value: schedules.map((scheduleId) => {
          const items = this.schedules.get(scheduleId.toLowerCase());
          if (!items)
            return {
              scheduleId,
              error: {
                message: 'The user is outside your organization.',
                responseCode: 'ErrorMailRecipientNotFound',
              },
            };
          return {
            scheduleId,
            availabilityView: '',
            scheduleItems: items.map((i) => ({
              status: i.status,
              start: graphTime(i.start),
              end: graphTime(i.end),
            })),
          };
        }),
      });
    }
    if ((m = /^\/users\/([^/]+)\/events$/.exec(path)) && req.method === 'POST') {
      const organiser = m[1]!;
      const transactionId = body?.transactionId as string | undefined;
      const existing = transactionId
        ? [...this.events.values()].find(
            (e) => e.organiser === organiser && e.transactionId === transactionId,
          )
        : undefined;
      if (existing) return send(res, 201, view(existing));
      if (!body?.subject || !body.start || !body.end)
        return send(res, 400, {
          error: { code: 'ErrorInvalidRequest', message: 'subject, start and end are required.' },
        });
      const id = `AAMk-event-${this.next++}`;
      const event: DoubleEvent = {
        id,
        organiser,
        ...(transactionId ? { transactionId } : {}),
        subject: body.subject as string,
        ...(body.body ? { body: body.body as DoubleEvent['body'] } : {}),
        start: body.start as DoubleEvent['start'],
        end: body.end as DoubleEvent['end'],
        ...(body.location ? { location: body.location as DoubleEvent['location'] } : {}),
        attendees: (body.attendees as DoubleEvent['attendees']) ?? [],
        isOnlineMeeting: body.isOnlineMeeting === true,
        onlineMeeting:
          body.isOnlineMeeting === true
            ? { joinUrl: `https://teams.microsoft.com/l/meetup-join/${id}` }
            : null,
        cancelled: false,
        changes: 0,
      };
      this.events.set(id, event);
      return send(res, 201, view(event));
    }
    if ((m = /^\/users\/([^/]+)\/events\/([^/]+)\/cancel$/.exec(path)) && req.method === 'POST') {
      const event = this.events.get(m[2]!);
      if (!event || event.cancelled || event.organiser !== m[1])
        return send(res, 404, {
          error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' },
        });
      event.cancelled = true;
      if (typeof body?.comment === 'string') event.cancelComment = body.comment;
      return send(res, 202);
    }
    if ((m = /^\/users\/([^/]+)\/events\/([^/]+)$/.exec(path))) {
      const event = this.events.get(m[2]!);
      if (!event || event.cancelled || event.organiser !== m[1])
        return send(res, 404, {
          error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' },
        });
      if (req.method === 'GET') return send(res, 200, view(event));
      if (req.method === 'PATCH') {
        for (const key of ['subject', 'body', 'start', 'end', 'location', 'attendees'] as const)
          if (body && key in body) (event as unknown as Record<string, unknown>)[key] = body[key];
        event.changes += 1;
        return send(res, 200, view(event));
      }
    }
    return send(res, 404, { error: { code: 'ResourceNotFound', message: 'No such route in the double.' } });
  }
}

/** "2026-04-14T09:00:00.000Z" as Graph writes it in UTC: seven decimals, no zone suffix. */
function graphTime(instant: string) {
  return {
    dateTime: new Date(instant).toISOString().replace(/\.(\d{3})Z$/, (_m, ms: string) => `.${ms}0000`),
    timeZone: 'UTC',
  };
}

function view(e: DoubleEvent) {
  return {
    id: e.id,
    subject: e.subject,
    start: e.start,
    end: e.end,
    location: e.location ?? { displayName: '' },
    attendees: e.attendees,
    isOnlineMeeting: e.isOnlineMeeting,
    onlineMeeting: e.onlineMeeting,
    ...(e.transactionId ? { transactionId: e.transactionId } : {}),
  };
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  res.statusCode = status;
  if (body === undefined) {
    res.end();
    return;
  }
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}
