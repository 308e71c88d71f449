/**
 * The doors: security headers on every answer, and in local mode a guard against DNS rebinding.
 *
 * Framing: only the hosts Microsoft documents for Teams, Outlook and the Microsoft 365 app may frame the
 * tab ("Tab requirements", Set Content Security Policy headers: https://learn.microsoft.com/microsoftteams/
 * platform/tabs/how-to/tab-requirements). X-Frame-Options is not sent: it cannot list several hosts, and
 * frame-ancestors supersedes it in every browser Teams supports.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** Hosts that may frame the app (the page above, plus outlook.live.com for Outlook on the web). */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://*.cloud.microsoft',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
  'https://outlook.live.com',
];

/** Office.js for the Outlook task pane comes from Microsoft's CDN; Entra sign-in from its login host. */
const OFFICE_JS = 'https://appsforoffice.microsoft.com';
const ENTRA = 'https://login.microsoftonline.com';

/**
 * The security headers, the same on every answer: helmet's choice of headers and values, worked out once
 * at start-up and set on each answer in one pass (helmet's own chain of a dozen middlewares rebuilt the
 * same strings for every request, a noticeable part of a card return's cost).
 */
export function securityHeaders(mode: 'local' | 'm365'): RequestHandler {
  const put = securityHeaderSetter(mode);
  return (_req, res, next) => {
    put(res);
    next();
  };
}

/** The same headers set on any answer (express's or node's own: bot/server/bot-lane.ts). */
export function securityHeaderSetter(mode: 'local' | 'm365'): (res: ServerResponse) => void {
  const { set, removed } = headersOf(helmetFor(mode));
  return (res) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
  };
}

/** What a middleware that only sets headers does to an answer, recorded once. */
function headersOf(middleware: RequestHandler): { set: [string, string][]; removed: string[] } {
  const set = new Map<string, string>();
  const removed = new Set<string>();
  const res = {
    setHeader(name: string, value: string) {
      set.set(name, value);
      removed.delete(name);
    },
    removeHeader(name: string) {
      set.delete(name);
      removed.add(name);
    },
  };
  let passed = false;
  middleware({} as never, res as never, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    passed = true;
  });
  if (!passed) throw new Error('The security headers middleware did not finish at start-up.');
  return { set: [...set], removed: [...removed] };
}

function helmetFor(mode: 'local' | 'm365'): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", OFFICE_JS],
        // Fluent UI (Griffel) inserts its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ENTRA],
        frameSrc: ["'self'", ENTRA, OFFICE_JS],
        frameAncestors: FRAME_ANCESTORS,
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        ...(mode === 'm365' ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // frame-ancestors above decides framing; X-Frame-Options would forbid Teams.
    xFrameOptions: false,
    // MSAL's sign-in popup reports back to this window.
    crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS only where the app is served over https (m365 mode); local mode is plain http on loopback.
    strictTransportSecurity: mode === 'm365' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Local mode answers only requests addressed to this machine by name: a page on another site that points
 * its own domain at 127.0.0.1 (DNS rebinding) sends its own Host header and is refused, so it can neither
 * take a local sign-in token nor read a case.
 */
export function loopbackHostsOnly(extraHosts: readonly string[] = []): RequestHandler {
  const addressedHere = loopbackHost(extraHosts);
  return (req, res, next) => {
    if (addressedHere(req)) return next();
    res
      .status(421)
      .type('text/plain')
      .send('Local mode answers only http://localhost or http://127.0.0.1 on this machine.');
  };
}

/** Whether a request is addressed to this machine by name (or to one of `extraHosts`). */
export function loopbackHost(extraHosts: readonly string[] = []): (req: IncomingMessage) => boolean {
  const allowed = new Set([...LOOPBACK_NAMES, ...extraHosts.map((h) => h.toLowerCase())]);
  return (req) => {
    const host = (req.headers.host ?? '').toLowerCase();
    const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
    return allowed.has(name) || allowed.has(host);
  };
}
