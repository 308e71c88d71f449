/**
 * A GOV.UK Notify double for tests (issue 17), as strict as Notify's API documentation. Each rule names
 * its source:
 * - [auth] REST API documentation, "Headers: Authorisation header": a JWT (typ JWT, alg HS256) whose `iss`
 *   is the service id and `iat` the current time in epoch seconds, signed with the key's secret; "the token
 *   expires within 30 seconds of the current time". notifications-api app/authentication/auth.py: no header
 *   401 "Unauthorized, authentication token must be provided"; not Bearer 401; no iss 403 "Invalid token:
 *   iss field not provided"; an unknown service 403; a wrong signature 403 "Invalid token: signature, api
 *   token not found"; iat more than 30 s either side 403 "Error: Your system clock must be accurate to
 *   within 30 seconds". Every error body is `{ status_code, errors: [{ error, message }] }`.
 * - [send] "Send a message": POST /v2/notifications/email|sms|letter; 201 with id, reference, content,
 *   uri, template; ValidationError (400) for a missing or malformed template_id, email_address or
 *   phone_number; BadRequestError (400) "Template not found", "Missing personalisation: a, b" (every
 *   placeholder of the template must be given), a template of the wrong type.
 * - [letter] "Send a letter": personalisation is required; address_line_1.. at least 3 lines, at most 7,
 *   the last a real UK postcode ("Last line of address must be a real UK postcode or another country").
 * - [limits] "Rate limits": 3,000 requests per minute per key type, then 429 RateLimitError.
 * - [status] "Get the status of one message": GET /v2/notifications/{id}; 404 NoResultFound.
 * - [callbacks] "Callbacks: Delivery receipts": POST to the service's URL with its bearer token, JSON with
 *   id, reference, to, status, created_at, completed_at, sent_at, notification_type, template_id,
 *   template_version (all strings but the version).
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

export interface DoubleTemplate {
  id: string;
  type: 'email' | 'sms' | 'letter';
  subject?: string;
  body: string;
}

export interface SentNotification {
  id: string;
  type: 'email' | 'sms' | 'letter';
  templateId: string;
  to: string;
  personalisation: Record<string, string>;
  reference?: string;
  status: string;
  body: string;
  subject?: string;
  createdAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const POSTCODE = /^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/i;

const b64 = (s: string) => Buffer.from(s, 'base64url').toString('utf8');

export class NotifyDouble {
  readonly serviceId = randomUUID();
  readonly secret = randomUUID();
  readonly apiKey = `asb_test-${this.serviceId}-${this.secret}`;
  readonly templates = new Map<string, DoubleTemplate>();
  readonly sent: SentNotification[] = [];
  /** Every request's verdict, for tests of the auth itself. */
  readonly requests: { path: string; status: number; claims?: Record<string, unknown> }[] = [];
  /** Answers to give the next sends instead of sending (a 429, a 500...). */
  readonly failNext: { status: number; error: string; message: string }[] = [];
  rateLimit = 3000;
  private window: number[] = [];
  private server?: Server;
  private callback?: { url: string; token: string };
  base = '';

  addTemplate(type: DoubleTemplate['type'], body: string, subject?: string): string {
    const id = randomUUID();
    this.templates.set(id, { id, type, body, ...(subject ? { subject } : {}) });
    return id;
  }

  /** Where delivery receipts go (the service's Callbacks settings). */
  setCallback(url: string, token: string): void {
    this.callback = { url, token };
  }

  async start(): Promise<string> {
    const app = express();
    app.use(express.json({ limit: '2mb' }));
    const fail = (res: express.Response, status: number, error: string, message: string) => {
      res.status(status).json({ status_code: status, errors: [{ error, message }] });
    };
    app.use((req, res, next) => {
      const verdict = this.authenticate(req.headers.authorization);
      this.requests.push({
        path: req.path,
        status: verdict.status,
        ...(verdict.claims ? { claims: verdict.claims } : {}),
      });
      if (verdict.status !== 200) return fail(res, verdict.status, 'AuthError', verdict.message!);
      // [limits]
      const now = Date.now();
      this.window = this.window.filter((t) => now - t < 60_000);
      if (this.window.length >= this.rateLimit)
        return fail(
          res,
          429,
          'RateLimitError',
          `Exceeded rate limit for key type TEAM of ${this.rateLimit} requests per 60 seconds`,
        );
      this.window.push(now);
      next();
    });
    app.post('/v2/notifications/:type', (req, res) => {
      const type = req.params.type as 'email' | 'sms' | 'letter';
      if (!['email', 'sms', 'letter'].includes(type))
        return fail(res, 404, 'NoResultFound', 'No result found');
      const forced = this.failNext.shift();
      if (forced) return fail(res, forced.status, forced.error, forced.message);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const templateId = body.template_id;
      if (templateId === undefined)
        return fail(res, 400, 'ValidationError', 'template_id is a required property');
      if (typeof templateId !== 'string' || !UUID.test(templateId))
        return fail(res, 400, 'ValidationError', 'template_id is not a valid UUID');
      const template = this.templates.get(templateId);
      if (!template) return fail(res, 400, 'BadRequestError', 'Template not found');
      if (template.type !== type)
        return fail(
          res,
          400,
          'BadRequestError',
          `${template.type} template is not suitable for ${type} notification`,
        );
      const personalisation = (body.personalisation ?? {}) as Record<string, string>;
      let to = '';
      if (type === 'email') {
        const email = body.email_address;
        if (email === undefined)
          return fail(res, 400, 'ValidationError', 'email_address is a required property');
        if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
          return fail(res, 400, 'ValidationError', 'email_address Not a valid email address');
        to = email;
      } else if (type === 'sms') {
        const phone = body.phone_number;
        if (phone === undefined)
          return fail(res, 400, 'ValidationError', 'phone_number is a required property');
        const digits = String(phone).replace(/[\s()-]/g, '');
        if (/[^\d+]/.test(digits))
          return fail(res, 400, 'ValidationError', 'phone_number Must not contain letters or symbols');
        if (!/^(?:\+44|0044|0)7\d{9}$/.test(digits))
          return fail(res, 400, 'ValidationError', 'phone_number Not a UK mobile number');
        to = digits;
      } else {
        if (body.personalisation === undefined)
          return fail(res, 400, 'ValidationError', 'personalisation is a required property');
        if (!personalisation.address_line_1)
          return fail(res, 400, 'ValidationError', 'personalisation address_line_1 is a required property');
        const lines = [1, 2, 3, 4, 5, 6, 7]
          .map((n) => personalisation[`address_line_${n}`])
          .filter((l): l is string => !!l?.trim());
        if (lines.length < 3) return fail(res, 400, 'ValidationError', 'Address must be at least 3 lines');
        if (Object.keys(personalisation).some((k) => /^address_line_([89]|\d\d)$/.test(k)))
          return fail(res, 400, 'ValidationError', 'Address must be no more than 7 lines');
        if (!POSTCODE.test(lines.at(-1)!.trim()))
          return fail(
            res,
            400,
            'ValidationError',
            'Last line of address must be a real UK postcode or another country',
          );
        to = lines.join(', ');
      }
      const text = `${template.subject ?? ''}\n${template.body}`;
      const placeholders = [...new Set([...text.matchAll(/\(\(([^)]+)\)\)/g)].map((m) => m[1]!.trim()))];
      const missing = placeholders.filter(
        (p) => personalisation[p] === undefined || personalisation[p] === null,
      );
      if (missing.length)
        return fail(res, 400, 'BadRequestError', `Missing personalisation: ${missing.join(', ')}`);
      const fill = (s: string) =>
        s.replace(/\(\(([^)]+)\)\)/g, (_w, p: string) => String(personalisation[p.trim()]));
      const id = randomUUID();
      const notification: SentNotification = {
        id,
        type,
        templateId,
        to,
        personalisation,
        ...(typeof body.reference === 'string' ? { reference: body.reference } : {}),
        status: type === 'letter' ? 'accepted' : 'created',
        body: fill(template.body),
        ...(template.subject ? { subject: fill(template.subject) } : {}),
        createdAt: new Date().toISOString(),
      };
      this.sent.push(notification);
      res.status(201).json({
        id,
        reference: notification.reference ?? null,
        content: {
          body: notification.body,
          ...(type === 'email'
            ? { subject: notification.subject, from_email: 'council@notifications.service.gov.uk' }
            : {}),
          ...(type === 'sms' ? { from_number: 'COUNCIL' } : {}),
          ...(type === 'letter' ? { subject: notification.subject } : {}),
        },
        uri: `${this.base}/v2/notifications/${id}`,
        template: { id: templateId, version: 1, uri: `${this.base}/v2/template/${templateId}` },
        ...(type === 'letter' ? { scheduled_for: null } : {}),
      });
    });
    app.get('/v2/notifications/:id', (req, res) => {
      const n = this.sent.find((x) => x.id === req.params.id);
      if (!n) return fail(res, 404, 'NoResultFound', 'No result found');
      res.json({
        id: n.id,
        reference: n.reference ?? null,
        type: n.type,
        status: n.status,
        body: n.body,
        created_at: n.createdAt,
      });
    });
    this.server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    await new Promise((r) => this.server?.close(r));
  }

  /** [callbacks] The provider's verdict on a sent message, posted to the service's callback URL. */
  async deliver(
    id: string,
    status: 'delivered' | 'permanent-failure' | 'temporary-failure' | 'technical-failure',
  ): Promise<number> {
    const n = this.sent.find((x) => x.id === id);
    if (!n || !this.callback) throw new Error('no such notification, or no callback set');
    n.status = status;
    const now = new Date().toISOString();
    const answer = await fetch(this.callback.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.callback.token}` },
      body: JSON.stringify({
        id: n.id,
        reference: n.reference ?? null,
        to: n.to,
        status,
        created_at: n.createdAt,
        completed_at: now,
        sent_at: now,
        notification_type: n.type,
        template_id: n.templateId,
        template_version: 1,
      }),
    });
    return answer.status;
  }

  /** [auth] */
  private authenticate(header: string | undefined): {
    status: number;
    message?: string;
    claims?: Record<string, unknown>;
  } {
    if (!header) return { status: 401, message: 'Unauthorized, authentication token must be provided' };
    if (header.slice(0, 7).toLowerCase() !== 'bearer ')
      return { status: 401, message: 'Unauthorized, authentication bearer scheme must be used' };
    const token = header.slice(7);
    const parts = token.split('.');
    if (parts.length !== 3)
      return { status: 403, message: 'Invalid token: signature, api token is not valid' };
    let head: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      head = JSON.parse(b64(parts[0]!)) as Record<string, unknown>;
      claims = JSON.parse(b64(parts[1]!)) as Record<string, unknown>;
    } catch {
      return { status: 403, message: 'Invalid token: signature, api token is not valid' };
    }
    if (!('iss' in claims)) return { status: 403, message: 'Invalid token: iss field not provided', claims };
    if (claims.iss !== this.serviceId)
      return { status: 403, message: 'Invalid token: service not found', claims };
    const signature = createHmac('sha256', this.secret).update(`${parts[0]}.${parts[1]}`).digest('base64url');
    if (head.alg !== 'HS256' || head.typ !== 'JWT' || signature !== parts[2])
      return { status: 403, message: 'Invalid token: signature, api token not found', claims };
    const iat = Number(claims.iat);
    if (!Number.isFinite(iat) || Math.abs(Date.now() / 1000 - iat) > 30)
      return {
        status: 403,
        message: 'Error: Your system clock must be accurate to within 30 seconds',
        claims,
      };
    return { status: 200, claims };
  }
}
