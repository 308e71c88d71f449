import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZodError } from 'zod';
import { financialYear, problemsOf, TransitionError } from '../../shared';
import {
  accessLogQuery,
  caseListQuery,
  routes,
  statisticsCsvQuery,
  statisticsQuery,
  type ApiError,
  type DocumentRules,
  type Person,
} from '../api/contract';
import type { CaseService } from '../app/case-service';
import type { Directory } from '../app/directory';
import { ForbiddenError, InvalidInputError, NotFoundError, UnauthenticatedError } from '../app/errors';
import type { EntraTokens } from '../auth/entra-tokens';
import type { LocalTokens } from '../auth/local-tokens';
import { CalendarError } from '../ports/calendar';
import { CaseNotFoundError, ConcurrencyError, IdConflictError, InvalidChangeError } from '../store/case-log';
import { openApiDocument } from './openapi';
import { statisticsCsv } from './statistics-csv';
import { cleanDeep } from '../app/clean-text';
import { asyncRoute } from './async-route';
import { loopbackHostsOnly, securityHeaders } from './security-headers';
import { bearerToken } from '../auth/bearer';

/** The bot endpoint's body limit (express.json's '1mb'), for its route here and its lane (bot-lane.ts). */
export const BOT_BODY_LIMIT = 1_048_576;
/** The words of two refusals the bot's lane gives too, so that both say the same. */
export const BODY_NOT_JSON = 'The body is not valid JSON.';
export const SERVER_FAULT = 'Something went wrong on the server; nothing was half-saved. Try again.';

export interface HttpAppDeps {
  mode: 'local' | 'm365';
  service: CaseService;
  directory: Directory;
  localTokens?: LocalTokens;
  entraTokens?: EntraTokens;
  /** m365 mode: the Entra app and tenant, for sign-in outside Teams (GUIDs, validated by the config). */
  signIn?: { clientId: string; tenantId: string };
  /** The built tab (tab/dist); served with a fallback to index.html for the app's routes. */
  tabDir?: string;
  /** The bot's endpoint (POST /api/messages), from the Teams adapter. */
  botHandler?: (req: Request, res: Response) => Promise<void>;
  /** Issue 15: what a document added to a case may be, for the tab to check before sending. */
  documents?: DocumentRules;
  /** "Remind now" on an agency request. */
  remind?: (caseId: string, requestId: string, by: Person) => Promise<{ sent: number }>;
  /** Extra routes (letters, the panel, the partner return page, the Outlook add-in), before the error handler. */
  extensions?: ((app: express.Express, authenticate: express.RequestHandler) => void)[];
  log?: (message: string) => void;
  /** Local mode: host names besides localhost and 127.0.0.1 that may address the server (PUBLIC_URL's). */
  allowedHosts?: string[];
}

declare module 'express-serve-static-core' {
  interface Request {
    person?: Person;
  }
}

const spaRoutes = ['/', '/config', '/channel', '/taskpane', '/return'];
/** Issue 16: the meeting's side panel and stage have a page of their own (tab/meeting.html), light to open. */
const meetingRoute = '/meeting';

/** The server's HTTP surface: the tab's API, the bot endpoint and the built tab, on one port. */
export function createHttpApp(deps: HttpAppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  if (deps.mode === 'local') app.use(loopbackHostsOnly(deps.allowedHosts));
  app.use(securityHeaders(deps.mode));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', mode: deps.mode });
  });

  if (deps.botHandler) {
    const handler = deps.botHandler;
    app.post('/api/messages', express.json({ limit: BOT_BODY_LIMIT }), (req, res, next) => {
      handler(req, res).catch(next);
    });
  }

  // An email recorded from Outlook carries its .eml (base64, up to 20 MB); everything else is small.
  app.use('/api/outlook', express.json({ limit: '30mb' }));
  app.use('/api', express.json({ limit: '2mb' }));
  // Characters a letter (XML) cannot hold are cleaned at the door, before anything is recorded.
  app.use('/api', (req, _res, next) => {
    if (req.body !== undefined) req.body = cleanDeep(req.body);
    next();
  });
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  app.get(routes.openapi.path, (_req, res) => {
    res.json(openApiDocument());
  });

  // Local mode's sign-in: a pick of a configured person (its adapter set gives local tokens; m365's does not).
  if (deps.localTokens) {
    const tokens = deps.localTokens;
    app.get(routes.people.path, (_req, res) => {
      res.json({
        people: deps.directory.people.map(({ id, name, roles, agencyId }) => ({ id, name, roles, agencyId })),
      });
    });
    app.post(routes.signIn.path, (req, res, next) => {
      const personId = (req.body as { personId?: unknown })?.personId;
      const person = typeof personId === 'string' ? deps.directory.get(personId) : undefined;
      if (!person) {
        send(res, 400, 'invalid', 'Choose one of the configured people.', [
          { path: 'personId', message: 'unknown person' },
        ]);
        return;
      }
      tokens
        .issue(person.id)
        .then((token) => res.json({ token, person }))
        .catch(next);
    });
  }

  const authenticate: express.RequestHandler = (req, _res, next) => {
    identify(deps, req.headers.authorization)
      .then((person) => {
        req.person = person;
        next();
      })
      .catch(next);
  };

  const person = (req: Request) => req.person!;

  app.get(
    routes.me.path,
    authenticate,
    asyncRoute(async (req, res) => {
      res.json({
        person: person(req),
        mode: deps.mode,
        policy: deps.service.policy,
        today: deps.service.today(),
        documents: deps.documents ?? { maxBytes: 10 * 1_048_576, accept: '' },
      });
    }),
  );

  app.get(
    routes.listCases.path,
    authenticate,
    asyncRoute(async (req, res) => {
      const query = caseListQuery.parse(req.query);
      res.json(await deps.service.listCases(query, person(req)));
    }),
  );

  app.post(
    routes.createCase.path,
    authenticate,
    asyncRoute(async (req, res) => {
      const opened = await deps.service.openCase(req.body, person(req));
      // A retry (the first answer lost on the way) is told so, with the same case: never a second case.
      res.status(opened.alreadyRecorded ? 200 : 201).json(opened);
    }),
  );

  app.get(
    '/api/cases/:caseId',
    authenticate,
    asyncRoute(async (req, res) => {
      res.json(await deps.service.getCase(String(req.params.caseId), person(req)));
    }),
  );

  app.post(
    '/api/cases/:caseId/events',
    authenticate,
    asyncRoute(async (req, res) => {
      const { version, state, alreadyRecorded } = await deps.service.recordEvent(
        String(req.params.caseId),
        req.body,
        person(req),
      );
      res.status(alreadyRecorded ? 200 : 201).json({ version, status: state.status, alreadyRecorded });
    }),
  );

  app.post(
    '/api/cases/:caseId/requests/:requestId/remind',
    authenticate,
    asyncRoute(async (req, res) => {
      const caseId = String(req.params.caseId);
      const requestId = String(req.params.requestId);
      await deps.service.requestFor(caseId, requestId, person(req));
      const result = deps.remind ? await deps.remind(caseId, requestId, person(req)) : { sent: 0 };
      res.json(result);
    }),
  );

  app.get(
    '/api/cases/:caseId/files/:fileId',
    authenticate,
    asyncRoute(async (req, res) => {
      const file = await deps.service.file(String(req.params.caseId), String(req.params.fileId), person(req));
      res.setHeader('Content-Type', file.file.contentType);
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${file.file.name.replace(/[^\w .()-]/g, '_')}"`,
      );
      res.send(file.bytes);
    }),
  );

  const period = (req: Request) => {
    const q = statisticsQuery.parse(req.query);
    const year = financialYear(deps.service.today());
    return { from: q.from ?? year.from, to: q.to ?? year.to };
  };
  app.get(
    routes.statistics.path,
    authenticate,
    asyncRoute(async (req, res) => {
      const { from, to } = period(req);
      res.json(await deps.service.statistics(from, to, person(req)));
    }),
  );
  app.get(
    routes.statisticsCsv.path,
    authenticate,
    asyncRoute(async (req, res) => {
      const { from, to } = period(req);
      const table = statisticsCsvQuery.parse(req.query).table ?? 'figures';
      const stats = await deps.service.statistics(from, to, person(req));
      const name = `asb-case-reviews-${table === 'months' ? 'by-month-' : ''}${from}-to-${to}.csv`;
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
      res.send(statisticsCsv(stats, table));
    }),
  );

  app.get(
    routes.accessLog.path,
    authenticate,
    asyncRoute(async (req, res) => {
      res.json(await deps.service.accessLog(accessLogQuery.parse(req.query), person(req)));
    }),
  );

  for (const extend of deps.extensions ?? []) extend(app, authenticate);

  app.use('/api', (_req, res) => {
    send(res, 404, 'not-found', 'There is no such API route.');
  });

  // The Outlook add-in's ribbon icons are absolute URLs in the manifest.
  // Outlook loads them from its own origin.
  app.use(
    '/addin-icons',
    express.static(join(__dirname, '../../manifest/addin-icons'), {
      maxAge: '1d',
      setHeaders: (res) => res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin'),
    }),
  );

  if (deps.tabDir && existsSync(join(deps.tabDir, 'index.html'))) {
    const tabDir = deps.tabDir;
    app.use(express.static(tabDir, { index: false, maxAge: '1h' }));
    // Sign-in outside Teams (the Outlook task pane, a partner's return page) needs the app's client id and
    // tenant before it can sign in: they are public values, written into the page as meta tags.
    const meta = deps.signIn
      ? `<meta name="asb-client-id" content="${deps.signIn.clientId}"><meta name="asb-tenant-id" content="${deps.signIn.tenantId}">`
      : '';
    const index = readFileSync(join(tabDir, 'index.html'), 'utf8').replace('</head>', `${meta}</head>`);
    app.get(spaRoutes, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.type('html').send(index);
    });
    // The meeting's page: its own when built, else the workspace's (which sends it there in development).
    const meetingFile = join(tabDir, 'meeting.html');
    const meeting = existsSync(meetingFile) ? readFileSync(meetingFile, 'utf8') : index;
    app.get(meetingRoute, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.type('html').send(meeting);
    });
  }

  // Our own "not found", so the page keeps the headers above (Express's default sets its own policy).
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('There is no page here. The workspace is at /.');
  });

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ZodError)
      return send(res, 400, 'invalid', 'The request is not valid.', problemsOf(err));
    if (err instanceof InvalidInputError) return send(res, 400, 'invalid', err.message, err.problems);
    // The refusal names its field when it has one, so the tab shows it beside that field (issue 15).
    if (err instanceof TransitionError)
      return send(
        res,
        422,
        'not-allowed',
        err.reason,
        err.field ? [{ path: err.field, message: err.reason.replace(/^[\w.[\]]+: /, '') }] : undefined,
      );
    if (err instanceof ConcurrencyError)
      return send(res, 409, 'conflict', 'Someone else changed this case at the same moment; try again.');
    if (err instanceof IdConflictError)
      return send(res, 409, 'conflict', err.message, [
        { path: err.what === 'event' ? 'id' : 'requestId', message: 'already used on another case' },
      ]);
    if (err instanceof InvalidChangeError) return send(res, 400, 'invalid', err.message);
    if (err instanceof NotFoundError || err instanceof CaseNotFoundError)
      return send(res, 404, 'not-found', err.message);
    if (err instanceof UnauthenticatedError) return send(res, 401, 'unauthenticated', err.message);
    if (err instanceof CalendarError)
      return send(
        res,
        502,
        'internal',
        `The calendar did not answer as expected (${err.code ?? err.status ?? 'error'}); nothing was booked twice. Try again.`,
      );
    if (err instanceof ForbiddenError) return send(res, 403, 'forbidden', err.message);
    if ((err as { type?: string }).type === 'entity.too.large')
      return send(res, 413, 'invalid', 'The request is too large; attach big files to the case separately.');
    if ((err as { type?: string }).type === 'entity.parse.failed')
      return send(res, 400, 'invalid', BODY_NOT_JSON);
    // The body parser's other refusals (a body cut off on the way, an unknown charset): the request's
    // fault, not the server's, and nothing was recorded.
    const bodyError = err as { status?: number; expose?: boolean; type?: string };
    if (bodyError.expose && bodyError.status && bodyError.status >= 400 && bodyError.status < 500)
      return send(
        res,
        bodyError.status,
        'invalid',
        bodyError.type === 'request.aborted'
          ? 'The request did not arrive whole; nothing was recorded. Send it again.'
          : 'The request body could not be read; send it as UTF-8 JSON.',
      );
    // Unexpected: the name and message only, never a request body.
    deps.log?.(`internal error: ${(err as Error).name}: ${(err as Error).message}`);
    return send(res, 500, 'internal', SERVER_FAULT);
  });
  return app;
}

async function identify(deps: HttpAppDeps, header: string | undefined): Promise<Person> {
  const token = bearerToken(header);
  if (!token) throw new UnauthenticatedError('Sign in first.');
  if (deps.localTokens) {
    const id = await deps.localTokens.verify(token);
    const person = id ? deps.directory.get(id) : undefined;
    if (!person) throw new UnauthenticatedError('Your local sign-in has expired; sign in again.');
    return person;
  }
  let identity;
  try {
    identity = await deps.entraTokens!.verify(token);
  } catch {
    throw new UnauthenticatedError('Your sign-in token was not accepted; reopen the app in Teams.');
  }
  const person = deps.directory.find(identity);
  if (!person)
    throw new ForbiddenError(
      'You are not set up in the ASB Case Review directory; ask your administrator to add you.',
    );
  return person;
}

function send(
  res: Response,
  status: number,
  code: ApiError['error']['code'],
  message: string,
  problems?: { path: string; message: string }[],
): void {
  const body: ApiError = { error: { code, message, ...(problems?.length ? { problems } : {}) } };
  res.status(status).json(body);
}
