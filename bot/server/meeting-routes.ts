/**
 * Issue 16: the review in the panel's meeting. The side panel, its live stream (server-sent events: the
 * member's view now and after every change, read with fetch so the sign-in header goes with it), the
 * chair's notes, the end of the meeting and the stage. Schemas are the contract's (bot/api/meeting.ts).
 */
import type express from 'express';
import type { Request, Response } from 'express';
import { expressPath, meetingEndSchema, meetingNoteSchema, routes, type Person } from '../api/contract';
import type { CaseService } from '../app/case-service';
import type { MeetingService } from '../app/meeting-service';
import { tokenDeadline } from '../auth/token-expiry';
import { asyncRoute } from './async-route';

export interface MeetingRouteDeps {
  meeting: MeetingService;
  service: Pick<CaseService, 'today'>;
  /** How often a stream checks the case for changes made elsewhere (another instance, another route). */
  pollMs?: number;
  /** A comment line that keeps proxies from closing an idle stream. */
  heartbeatMs?: number;
}

/** setTimeout's longest wait (about 24.8 days); a token's life is hours. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function registerMeetingRoutes(
  app: express.Express,
  authenticate: express.RequestHandler,
  deps: MeetingRouteDeps,
): void {
  const person = (req: Request): Person => req.person!;
  const caseId = (req: Request) => String(req.params.caseId);

  app.get(
    expressPath(routes.meetingView),
    authenticate,
    asyncRoute(async (req, res) => {
      res.json(await deps.meeting.view(caseId(req), person(req), { audit: true }));
    }),
  );

  app.get(
    expressPath(routes.meetingStream),
    authenticate,
    asyncRoute((req, res) =>
      openStream(
        req,
        res,
        deps,
        () => deps.meeting.view(caseId(req), person(req), { audit: true }),
        () => deps.meeting.view(caseId(req), person(req)),
      ),
    ),
  );

  app.post(
    expressPath(routes.meetingNote),
    authenticate,
    asyncRoute(async (req, res) => {
      const body = meetingNoteSchema.parse(req.body);
      const { view, changed } = await deps.meeting.note(caseId(req), body, person(req));
      res.status(changed ? 201 : 200).json(view);
    }),
  );

  app.post(
    expressPath(routes.meetingEnd),
    authenticate,
    asyncRoute(async (req, res) => {
      meetingEndSchema.parse(req.body);
      const ended = await deps.meeting.end(caseId(req), person(req), deps.service.today());
      res.status(ended.alreadyRecorded ? 200 : 201).json(ended);
    }),
  );

  app.get(
    expressPath(routes.meetingStage),
    authenticate,
    asyncRoute(async (req, res) => {
      res.json(await deps.meeting.stage(caseId(req), person(req)));
    }),
  );

  // The stage in every attendee's Teams: a change the chair makes through this instance is on it at once;
  // one made through another instance, at the stream's poll (as for the side panel).
  app.get(
    expressPath(routes.meetingStageStream),
    authenticate,
    asyncRoute((req, res) => {
      const stage = () => deps.meeting.stage(caseId(req), person(req));
      return openStream(req, res, deps, stage, stage);
    }),
  );
}

/**
 * Sends `view` events: the first at once, then whenever the case's meeting changes (told by the meeting
 * service in this instance, or found by the poll), each only when what this person sees has changed. The
 * first is read before the stream opens, so a refusal is an ordinary error answer.
 */
async function openStream(
  req: Request,
  res: Response,
  deps: MeetingRouteDeps,
  first: () => Promise<unknown>,
  read: () => Promise<unknown>,
): Promise<void> {
  // Heard before the first read: a viewer who leaves during it must leave no listener or timer behind
  // ('close' fires once, and would have fired already by the time the stream opened).
  let gone = false;
  const stops: (() => void)[] = [];
  res.on('close', () => {
    gone = true;
    for (const stop of stops) stop();
  });
  const firstJson = JSON.stringify(await first());
  // Gone during the read, or before this handler ran (its 'close' came before the listener above).
  if (gone || req.socket.destroyed) return;
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  let last = firstJson;
  let running = false;
  let again = false;
  const send = (json: string) => res.write(`event: view\ndata: ${json}\n\n`);
  send(firstJson);
  const refresh = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const json = JSON.stringify(await read());
        if (json !== last) {
          last = json;
          send(json);
        }
      } while (again);
    } catch {
      // The case went (purged) or the person lost access: close; the panel says it could not reload.
      res.end();
    } finally {
      running = false;
    }
  };
  const unsubscribe = deps.meeting.subscribe(String(req.params.caseId), () => void refresh());
  const poll = setInterval(() => void refresh(), deps.pollMs ?? 5000);
  const beat = setInterval(() => res.write(': still here\n\n'), deps.heartbeatMs ?? 15_000);
  // A stream outlives no token: it ends when the server would refuse the one it was opened with, and the
  // tab opens it again with a fresh one (so a member whose sign-in ends stops hearing the meeting).
  const deadline = tokenDeadline(req.headers.authorization);
  const expiry =
    deadline === undefined
      ? undefined
      : setTimeout(() => res.end(), Math.min(MAX_TIMER_MS, deadline - Date.now()));
  // The response closes when the viewer leaves (or the stream is ended): stop listening then.
  stops.push(
    () => clearTimeout(expiry),
    unsubscribe,
    () => clearInterval(poll),
    () => clearInterval(beat),
  );
}
