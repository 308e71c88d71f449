/**
 * A Microsoft Graph Outlook double on loopback (calendar and mail), for the Graph calendar and mailer
 * adapters' tests. It implements: POST /users/{id}/events, GET /users/{id}/events filtered on a
 * single-value extended property, GET and PATCH /users/{id}/events/{eventId}, POST
 * .../events/{eventId}/cancel, POST /users/{id}/calendar/getSchedule, POST /me/findMeetingTimes and
 * POST /users/{id}/sendMail. Strict as documented, never kinder (graph/api/<page> named at each rule):
 * - every call is checked against its Learn page's permissions (graph-double/graph-permissions.ts) and
 *   the grants the double was started with - by default what the package declares, Exchange roles scoped
 *   to the organiser and sender mailboxes only - and answered 401/403 (or 400 for `/me` app-only) as Graph;
 * - `transactionId` is kept on the event but not relied on to de-duplicate a retried create
 *   (resources/event: it is meant to avoid redundant POSTs, and the product must not assume it does):
 *   a second POST makes a second event, so the adapter must look before it creates;
 * - a filter on extended properties works as singlevaluelegacyextendedproperty-get documents (the id
 *   matched exactly, the value case-insensitively);
 * - it can be told to answer the next matching request 429/503/504 with Retry-After.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { declaredGrants } from './graph-double/declared-permissions';
import {
  appToken,
  authorize,
  callerOf,
  delegatedToken,
  type Grants,
  type PermissionRule,
} from './graph-double/graph-auth';
import { RULES } from './graph-double/graph-permissions';

export const DOUBLE_ORGANISER = 'asb-panels@council.example';
export const DOUBLE_SENDER = 'community.safety@council.example';

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
  singleValueExtendedProperties: { id: string; value: string }[];
}

export interface SentMail {
  sender: string;
  message: Record<string, unknown>;
  saveToSentItems?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
  prefer?: string;
  body?: unknown;
  status?: number;
  /** The permission that allowed the call. */
  permission?: string;
}

export class GraphCalendarDouble {
  readonly events = new Map<string, DoubleEvent>();
  readonly requests: RecordedRequest[] = [];
  readonly sent: SentMail[] = [];
  /** What the app has been granted (by default what the package declares). */
  grants: Grants;
  /** Busy items per mailbox for getSchedule (UTC); mailboxes not listed answer as outside the tenant. */
  schedules = new Map<string, { status: string; start: string; end: string }[]>();
  /** What findMeetingTimes suggests (UTC ISO instants). */
  suggestions: { start: string; end: string }[] = [];
  private failures: { status: number; retryAfter?: string; path?: RegExp }[] = [];
  private lost: { method: string; path?: RegExp }[] = [];
  private server?: Server;
  private next = 1;
  baseUrl = '';

  constructor(
    readonly mailboxes: { organiser: string; sender: string } = {
      organiser: DOUBLE_ORGANISER,
      sender: DOUBLE_SENDER,
    },
  ) {
    this.grants = declaredGrants({
      mailboxes: { PANEL_ORGANISER: mailboxes.organiser, MAIL_SENDER: mailboxes.sender },
    });
  }

  /** An app-only token with the application permissions granted in Entra. */
  appToken(): string {
    return appToken(this.grants.application);
  }

  /** A delegated token (the SPOC's, on-behalf-of) with the delegated permissions granted. */
  delegatedToken(): string {
    return delegatedToken(this.grants.delegated);
  }

  /** The next matching request is answered with this status (e.g. 429 with Retry-After) instead. */
  failNext(status: number, retryAfter?: string, path?: RegExp): void {
    this.failures.push({
      status,
      ...(retryAfter !== undefined ? { retryAfter } : {}),
      ...(path ? { path } : {}),
    });
  }

  /**
   * The next matching request is carried out, but its answer is lost on the way back: the caller gets 504
   * (a gateway timeout) and cannot tell whether the work was done.
   */
  loseNextAnswer(method: string, path?: RegExp): void {
    this.lost.push({ method, ...(path ? { path } : {}) });
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
    const record: RecordedRequest = {
      method: req.method ?? '',
      path,
      ...(authorization ? { authorization } : {}),
      ...(req.headers.prefer ? { prefer: String(req.headers.prefer) } : {}),
      ...(body ? { body } : {}),
    };
    this.requests.push(record);
    const lose = this.lost.findIndex((l) => l.method === req.method && (!l.path || l.path.test(path)));
    if (lose >= 0) this.lost.splice(lose, 1);
    const reply = (status: number, payload?: unknown) => {
      if (lose >= 0) {
        record.status = 504;
        return send(res, 504, { error: { code: 'GatewayTimeout', message: 'The gateway timed out.' } });
      }
      record.status = status;
      send(res, status, payload);
    };
    const caller = callerOf(authorization);
    if ('status' in caller) return reply(caller.status, caller.body);
    const failure = this.failures.findIndex((f) => !f.path || f.path.test(path));
    if (failure >= 0) {
      const f = this.failures.splice(failure, 1)[0]!;
      if (f.retryAfter !== undefined) res.setHeader('Retry-After', f.retryAfter);
      const code =
        f.status === 429 ? 'TooManyRequests' : f.status === 504 ? 'GatewayTimeout' : 'ServiceUnavailable';
      return reply(f.status, { error: { code, message: 'Try later.' } });
    }
    const guard = (rule: PermissionRule, mailbox: string | undefined, run: () => void) => {
      const verdict = authorize(rule, caller, this.grants, mailbox ? { mailbox } : {});
      if ('status' in verdict) return reply(verdict.status, verdict.body);
      record.permission = verdict.permission;
      run();
    };
    const notFound = () =>
      reply(404, {
        error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' },
      });

    let m: RegExpExecArray | null;
    if (req.method === 'POST' && path === '/me/findMeetingTimes')
      return guard(RULES.findMeetingTimes, undefined, () =>
        reply(200, {
          emptySuggestionsReason: this.suggestions.length ? '' : 'AttendeesUnavailable',
          meetingTimeSuggestions: this.suggestions.map((s) => ({
            confidence: 100,
            organizerAvailability: 'free',
            attendeeAvailability: [],
            meetingTimeSlot: { start: graphTime(s.start), end: graphTime(s.end) },
          })),
        }),
      );
    if ((m = /^\/users\/([^/]+)\/sendMail$/.exec(path)) && req.method === 'POST') {
      const sender = m[1]!;
      return guard(RULES.sendMail, sender, () => {
        const message = body?.message as Record<string, unknown> | undefined;
        if (!message || !Array.isArray(message.toRecipients) || message.toRecipients.length === 0)
          return reply(400, {
            error: { code: 'ErrorInvalidRecipients', message: 'At least one recipient is not valid.' },
          });
        this.sent.push({
          sender,
          message,
          ...(typeof body?.saveToSentItems === 'boolean' ? { saveToSentItems: body.saveToSentItems } : {}),
        });
        reply(202);
      });
    }
    if ((m = /^\/users\/([^/]+)\/calendar\/getSchedule$/.exec(path)) && req.method === 'POST')
      return guard(RULES.getSchedule, m[1], () => {
        const schedules = (body?.schedules as string[]) ?? [];
        reply(200, {
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
      });
    if ((m = /^\/users\/([^/]+)\/events$/.exec(path)) && req.method === 'GET') {
      const organiser = m[1]!;
      return guard(RULES.eventsFind, organiser, () => {
        const filter = url.searchParams.get('$filter');
        let wanted: ((e: DoubleEvent) => boolean) | undefined;
        if (filter) {
          // singlevaluelegacyextendedproperty-get: the id matched exactly, the value without case.
          const f =
            /^singleValueExtendedProperties\/Any\(ep: ep\/id eq '((?:[^']|'')*)' and ep\/value eq '((?:[^']|'')*)'\)$/.exec(
              filter,
            );
          if (!f)
            return reply(400, {
              error: {
                code: 'ErrorInvalidUrlQueryFilter',
                message: 'The query filter contains one or more invalid nodes.',
              },
            });
          const id = f[1]!.replace(/''/g, "'");
          const value = f[2]!.replace(/''/g, "'").toLowerCase();
          wanted = (e) =>
            e.singleValueExtendedProperties.some((p) => p.id === id && p.value.toLowerCase() === value);
        }
        const found = [...this.events.values()].filter(
          (e) => e.organiser === organiser && !e.cancelled && (!wanted || wanted(e)),
        );
        reply(200, { value: found.map(view) });
      });
    }
    if ((m = /^\/users\/([^/]+)\/events$/.exec(path)) && req.method === 'POST') {
      const organiser = m[1]!;
      return guard(RULES.eventCreate, organiser, () => {
        if (!body?.subject || !body.start || !body.end)
          return reply(400, {
            error: { code: 'ErrorInvalidRequest', message: 'subject, start and end are required.' },
          });
        const id = `AAMk-event-${this.next++}`;
        const transactionId = body.transactionId as string | undefined;
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
          singleValueExtendedProperties:
            (body.singleValueExtendedProperties as DoubleEvent['singleValueExtendedProperties']) ?? [],
        };
        this.events.set(id, event);
        reply(201, view(event));
      });
    }
    if ((m = /^\/users\/([^/]+)\/events\/([^/]+)\/cancel$/.exec(path)) && req.method === 'POST') {
      const [organiser, eventId] = [m[1]!, m[2]!];
      return guard(RULES.eventCancel, organiser, () => {
        const event = this.events.get(eventId);
        if (!event || event.cancelled || event.organiser !== organiser) return notFound();
        event.cancelled = true;
        if (typeof body?.comment === 'string') event.cancelComment = body.comment;
        reply(202);
      });
    }
    if ((m = /^\/users\/([^/]+)\/events\/([^/]+)$/.exec(path))) {
      const [organiser, eventId] = [m[1]!, m[2]!];
      const rule = req.method === 'PATCH' ? RULES.eventUpdate : RULES.eventGet;
      return guard(rule, organiser, () => {
        const event = this.events.get(eventId);
        if (!event || event.cancelled || event.organiser !== organiser) return notFound();
        if (req.method === 'GET') return reply(200, view(event));
        if (req.method === 'PATCH') {
          for (const key of ['subject', 'body', 'start', 'end', 'location', 'attendees'] as const)
            if (body && key in body) (event as unknown as Record<string, unknown>)[key] = body[key];
          event.changes += 1;
          return reply(200, view(event));
        }
        reply(405, { error: { code: 'ErrorInvalidRequest', message: 'Method not allowed.' } });
      });
    }
    return reply(400, {
      error: { code: 'BadRequest', message: `Resource not found for the segment in '${path}'.` },
    });
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
