/**
 * Sessions for the public pages (issue 17): no sign-in, so a random id in an HttpOnly cookie holds the
 * answers so far, the form's CSRF token, the language and, for the victim's link, the one case it opens.
 *
 * Kept in memory, bounded (the oldest idle session goes first) and idle-expired: an application is a few
 * minutes' work, and nothing half-answered is ever written to a case. Behind several instances the load
 * balancer keeps a browser on one instance (App Service's ARR affinity, docs/deployment.md).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Lang } from './i18n';
import type { Draft } from './draft';

export interface PublicSession {
  id: string;
  csrf: string;
  lang: Lang;
  lastSeen: number;
  draft: Draft;
  /** Set once the application is sent: the confirmation, and a repeat submit lands on the same case. */
  submitted?: { caseId: string; reference: string; requestId: string };
  /** The request id of the application being sent: a double submit records one case. */
  requestId: string;
  /** The victim's link, once opened: the one case this session may answer on, until `until` (ms). */
  voice?: { caseId: string; until: number };
}

export const COOKIE = 'asb-public';

export class SessionStore {
  private readonly sessions = new Map<string, PublicSession>();

  constructor(
    private readonly options: { idleMs: number; max: number; secure: boolean; now: () => number },
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  /** The request's session, or a new one (with its cookie set) when it has none or it expired. */
  load(
    req: Request,
    res: Response,
    lang: Lang,
  ): { session: PublicSession; fresh: boolean; expired: boolean } {
    const id = cookieValue(req.headers.cookie, COOKIE);
    const now = this.options.now();
    const found = id ? this.sessions.get(id) : undefined;
    if (found && now - found.lastSeen <= this.options.idleMs) {
      found.lastSeen = now;
      // Refresh the map order: the least recently seen session is first, and goes first when full.
      this.sessions.delete(found.id);
      this.sessions.set(found.id, found);
      return { session: found, fresh: false, expired: false };
    }
    if (found) this.sessions.delete(found.id);
    const session: PublicSession = {
      id: randomBytes(24).toString('base64url'),
      csrf: randomBytes(24).toString('base64url'),
      lang,
      lastSeen: now,
      draft: { incidents: [] },
      requestId: crypto.randomUUID(),
    };
    this.evict(now);
    this.sessions.set(session.id, session);
    res.append(
      'Set-Cookie',
      `${COOKIE}=${session.id}; Path=/; HttpOnly; SameSite=Lax${this.options.secure ? '; Secure' : ''}`,
    );
    return { session, fresh: true, expired: !!id };
  }

  /** A new id for the same answers (after the link is opened), so an id seen before is worthless. */
  rotate(session: PublicSession, res: Response): void {
    this.sessions.delete(session.id);
    session.id = randomBytes(24).toString('base64url');
    this.sessions.set(session.id, session);
    res.append(
      'Set-Cookie',
      `${COOKIE}=${session.id}; Path=/; HttpOnly; SameSite=Lax${this.options.secure ? '; Secure' : ''}`,
    );
  }

  private evict(now: number): void {
    for (const [id, s] of this.sessions) {
      if (this.sessions.size < this.options.max && now - s.lastSeen <= this.options.idleMs) break;
      this.sessions.delete(id);
    }
  }
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** Constant-time comparison of the form's token with the session's. */
export function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
