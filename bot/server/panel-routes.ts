/**
 * Panel API: the quorum, free slots, booking, rescheduling, cancelling, the papers and the .ics download.
 * Mounted by the composition root through `registerPanelRoutes(app, authenticate, { panel })`.
 */
import type express from 'express';
import type { Request } from 'express';
import { z } from 'zod';
import { panelMember, victimChoice, isoDate } from '../../shared';
import type { Person } from '../api/contract';
import type { CaseService } from '../app/case-service';
import { NotFoundError } from '../app/errors';
import type { PanelService } from '../app/panel-service';
import { asyncRoute } from './async-route';

const instant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);

/** A panel member: a person from the directory (personId) or anyone by email; `email` is never stored in the case. */
export const panelMemberInput = panelMember.extend({ email: z.email().optional() });

export const chairInput = z.strictObject({
  personId: z.string().min(1).max(100).optional(),
  name: text(200),
  organisation: text(200),
  independent: z.boolean(),
  email: z.email().optional(),
});

export const panelQuorumQuery = z.strictObject({ agencies: z.string().max(1000).default('') });

export const panelSlotsSchema = z.strictObject({
  /** London calendar dates, inclusive; at most 62 days. */
  from: isoDate,
  to: isoDate,
  durationMinutes: z.int().min(15).max(480),
  attendees: z
    .array(
      z
        .strictObject({
          personId: z.string().min(1).max(100).optional(),
          email: z.email().optional(),
          name: z.string().max(200).optional(),
          agencyId: z.string().min(1).max(40).optional(),
        })
        .refine((a) => a.personId || a.email || a.name, 'give a personId, an email or a name'),
    )
    .max(40),
  stepMinutes: z.union([z.literal(15), z.literal(30), z.literal(60)]).optional(),
  limit: z.int().min(1).max(100).optional(),
});

export const bookPanelSchema = z.strictObject({
  requestId: z.uuid(),
  start: instant,
  end: instant,
  members: z.array(panelMemberInput).min(1).max(40),
  chair: chairInput,
  victimParticipation: victimChoice,
  location: z.string().trim().min(1).max(500).optional(),
});

export const reschedulePanelSchema = z.strictObject({
  requestId: z.uuid(),
  start: instant,
  end: instant,
  location: z.string().trim().min(1).max(500).optional(),
  members: z.array(panelMemberInput).min(1).max(40).optional(),
  chair: chairInput.optional(),
  victimParticipation: victimChoice.optional(),
});

export const cancelPanelSchema = z.strictObject({ requestId: z.uuid(), reason: text(1000) });

export const panelPapersSchema = z.strictObject({ requestId: z.uuid() });

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
  const bearer = (req: Request) => /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];

  app.get(
    '/api/cases/:caseId/panel/quorum',
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

  app.post(
    '/api/cases/:caseId/panel/slots',
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
    '/api/cases/:caseId/panel/book',
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
    '/api/cases/:caseId/panel/reschedule',
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
    '/api/cases/:caseId/panel/cancel',
    authenticate,
    asyncRoute(async (req, res) => {
      const result = await deps.panel.cancel(caseId(req), cancelPanelSchema.parse(req.body), person(req));
      res.status(result.changed ? 201 : 200).json(result);
    }),
  );

  app.post(
    '/api/cases/:caseId/panel/papers',
    authenticate,
    asyncRoute(async (req, res) => {
      res
        .status(201)
        .json(await deps.panel.papers(caseId(req), panelPapersSchema.parse(req.body), person(req)));
    }),
  );

  app.get(
    '/api/cases/:caseId/panel/calendar.ics',
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
