/**
 * The doors every public request passes (issue 17): security headers with a fresh CSP nonce, the session,
 * rate limits per address and per session, the CSRF token and honeypot on every form, and the pages a
 * refused, missing or failed request gets. None of them logs an answer or a body.
 */
import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import type { PageKit, Values } from './page-kit';
import { sameToken, type SessionStore } from './sessions';

export interface PublicLimits {
  /** Requests to the public pages per address per window. */
  perAddress: number;
  /** Applications sent per address per hour. */
  submissionsPerAddress: number;
  /** Requests per session per window. */
  perSession: number;
  windowMs: number;
}

export class Doors {
  constructor(
    private readonly kit: PageKit,
    private readonly options: {
      sessions: SessionStore;
      /** Cookies marked Secure and http upgraded (https, m365 mode). */
      secure: boolean;
      limits: PublicLimits;
      log: (message: string) => void;
    },
  ) {}

  /** Public pages are framed by no one; scripts come from this app, and the one inline snippet carries a nonce. */
  headers(): RequestHandler {
    return (_req, res, next) => {
      const nonce = randomBytes(16).toString('base64');
      res.locals.nonce = nonce;
      res.setHeader(
        'Content-Security-Policy',
        [
          "default-src 'self'",
          `script-src 'self' 'nonce-${nonce}'`,
          "style-src 'self'",
          "img-src 'self' data:",
          "font-src 'self'",
          "connect-src 'self'",
          "form-action 'self'",
          "frame-ancestors 'none'",
          "base-uri 'none'",
          "object-src 'none'",
          ...(this.options.secure ? ['upgrade-insecure-requests'] : []),
        ].join('; '),
      );
      res.setHeader('X-Frame-Options', 'DENY');
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
      next();
    };
  }

  /** Loads (or starts) the session, and takes the language asked for in `?lang=` when there is one. */
  session(): RequestHandler {
    return (req, res, next) => {
      const asked = typeof req.query.lang === 'string' ? req.query.lang : undefined;
      const { session } = this.options.sessions.load(req, res, 'en');
      if (asked && this.kit.deps.messages.has(asked)) session.lang = asked;
      res.locals.publicSession = session;
      next();
    };
  }

  /** Per address, per session (after `session()`), and applications sent per address per hour. */
  limiters(): { perAddress: RequestHandler; perSession: RequestHandler; submissions: RequestHandler } {
    const { limits } = this.options;
    const handler = (req: Request, res: Response) => this.kit.message(req, res, 'tooMany', 429);
    return {
      perAddress: rateLimit({
        windowMs: limits.windowMs,
        limit: limits.perAddress,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        keyGenerator: (req) => `a:${ipKeyGenerator(req.ip ?? '')}`,
        handler,
      }),
      perSession: rateLimit({
        windowMs: limits.windowMs,
        limit: limits.perSession,
        standardHeaders: false,
        legacyHeaders: false,
        keyGenerator: (_req, res) => `s:${res.locals.publicSession!.id}`,
        handler,
      }),
      submissions: rateLimit({
        windowMs: 60 * 60_000,
        limit: limits.submissionsPerAddress,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        keyGenerator: (req) => `x:${ipKeyGenerator(req.ip ?? '')}`,
        handler,
      }),
    };
  }

  /** Every form post: the session's token must come back, and the field people never see must be empty. */
  checked(): RequestHandler {
    return (req, res, next) => {
      if (!this.refused((req.body ?? {}) as Values, req, res)) next();
    };
  }

  /** Answers a form that fails the CSRF or honeypot check (and says so); multipart forms call it themselves. */
  refused(body: Values, req: Request, res: Response): boolean {
    if (!sameToken(body._csrf, res.locals.publicSession!.csrf)) {
      this.kit.message(req, res, 'csrf', 403);
      return true;
    }
    if (typeof body.website === 'string' && body.website.trim()) {
      this.options.log('public form: a post filled the honeypot field and was not recorded');
      this.kit.message(req, res, 'csrf', 403);
      return true;
    }
    return false;
  }

  notFound(): RequestHandler {
    return (req, res) => this.kit.message(req, res, 'notFound', 404);
  }

  /** The error handler: Express knows it by its four parameters, so `_next` stays. */
  failed(): (err: unknown, req: Request, res: Response, next: NextFunction) => void {
    return (err, req, res, _next) => {
      const e = err as { type?: string; status?: number; name?: string; message?: string };
      if (e.type === 'entity.too.large' || e.status === 413)
        return this.kit.message(req, res, 'tooLarge', 413);
      if (e.status && e.status >= 400 && e.status < 500) return this.kit.message(req, res, 'csrf', 400);
      // The name and message only: never a body or an answer.
      this.options.log(`public door: ${e.name}: ${e.message}`);
      this.kit.message(req, res, 'error', 500);
    };
  }
}

/** An async page handler whose failure goes to the doors' error page. */
export function wrap(fn: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req, res, next) => void fn(req, res).catch(next);
}
