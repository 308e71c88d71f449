/**
 * Panel API: the quorum, free slots, booking, rescheduling, cancelling, the papers and the .ics download.
 * Mounted by the composition root through `registerPanelRoutes(app, authenticate, { panel })`; the request
 * and answer schemas are the contract's (bot/api/panel.ts).
 */
import type express from 'express';
import type { Request } from 'express';
import {
  bookPanelSchema,
  cancelPanelSchema,
  expressPath,
  panelPapersSchema,
  panelQuorumQuery,
  panelSlotsSchema,
  reschedulePanelSchema,
  routes,
  type Person,
} from '../api/contract';
import type { CaseService } from '../app/case-service';
import { NotFoundError } from '../app/errors';
import type { PanelService } from '../app/panel-service';
import { asyncRoute } from './async-route';
import { bearerToken } from '../auth/bearer';

export interface PanelRouteDeps {
  panel: PanelService;
  /** To serve the .ics (the same checks as the files route). */
  service: CaseService;
}

/** Drops undefined optional fields (exactOptionalPropertyTypes-friendly inputs for the service). */
const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function registerPanelRoutes(
  app: express.Express,
  authenticate: express.RequestHandler,
  deps: PanelRouteDeps,
): void {
  const person = (req: Request): Person => req.person!;
  const caseId = (req: Request) => String(req.params.caseId);
  /** The SPOC's own token, for findMeetingTimes on-behalf-of (Graph calendar in m365 mode only). */
  const bearer = (req: Request) => bearerToken(req.headers.authorization);

  app.get(
    expressPath(routes.panelQuorum),
    authenticate,
    asyncRoute(async (req, res) => {
      const q = panelQuorumQuery.parse(req.query);
      const agencies = q.agencies
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean);
      res.json(await deps.panel.quorum(caseId(req), agencies, person(req)));
    }),
  );

  app.get(
    expressPath(routes.panelPeople),
    authenticate,
    asyncRoute(async (req, res) => {
      res.json(await deps.panel.people(caseId(req), person(req)));
    }),
  );

  app.post(
    expressPath(routes.panelSlots),
    authenticate,
    asyncRoute(async (req, res) => {
      const body = panelSlotsSchema.parse(req.body);
      res.json(
        await deps.panel.proposeSlots(
          caseId(req),
          defined({ ...body, attendees: body.attendees.map(defined) }),
          person(req),
          bearer(req),
        ),
      );
    }),
  );

  app.post(
    expressPath(routes.bookPanel),
    authenticate,
    asyncRoute(async (req, res) => {
      const body = bookPanelSchema.parse(req.body);
      const result = await deps.panel.book(
        caseId(req),
        defined({ ...body, members: body.members.map(defined), chair: defined(body.chair) }),
        person(req),
      );
      res.status(result.changed ? 201 : 200).json(result);
    }),
  );

  app.post(
    expressPath(routes.reschedulePanel),
    authenticate,
    asyncRoute(async (req, res) => {
      const body = reschedulePanelSchema.parse(req.body);
      const result = await deps.panel.reschedule(
        caseId(req),
        defined({
          ...body,
          ...(body.members ? { members: body.members.map(defined) } : {}),
          ...(body.chair ? { chair: defined(body.chair) } : {}),
        }),
        person(req),
      );
      res.status(result.changed ? 201 : 200).json(result);
    }),
  );

  app.post(
    expressPath(routes.cancelPanel),
    authenticate,
    asyncRoute(async (req, res) => {
      const result = await deps.panel.cancel(caseId(req), cancelPanelSchema.parse(req.body), person(req));
      res.status(result.changed ? 201 : 200).json(result);
    }),
  );

  app.post(
    expressPath(routes.panelPapers),
    authenticate,
    asyncRoute(async (req, res) => {
      res
        .status(201)
        .json(await deps.panel.papers(caseId(req), panelPapersSchema.parse(req.body), person(req)));
    }),
  );

  app.get(
    expressPath(routes.panelCalendar),
    authenticate,
    asyncRoute(async (req, res) => {
      const latest = await deps.panel.latestCalendarFile(caseId(req), person(req));
      if (!latest) throw new NotFoundError('No calendar file has been made for this case.');
      const file = await deps.service.file(caseId(req), latest.fileId, person(req));
      res.setHeader('Content-Type', file.file.contentType);
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${file.file.name.replace(/[^\w .()-]/g, '_')}"`,
      );
      res.send(file.bytes);
    }),
  );
}
