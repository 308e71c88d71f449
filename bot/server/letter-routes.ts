/**
 * Letters API: which letters apply, a preview, and issuing one. Mounted by the composition root through
 * `registerLetterRoutes(app, authenticate, { letters })`; errors go to the app's error handler.
 */
import type express from 'express';
import type { Request } from 'express';
import { z } from 'zod';
import { closureReason, isoDate } from '../../shared';
import type { Person } from '../api/contract';
import type { LetterService } from '../app/letter-service';
import { NotFoundError } from '../app/errors';
import type { LetterOptions } from '../letters/compose-letter';
import { isLetterKind, letterKinds, type LetterKind } from '../letters/letter-kinds';
import { asyncRoute } from './async-route';

const id = z.string().min(1).max(100);

/** Choices a letter may need; the same for the preview and the issue. */
export const letterOptionsSchema = z.strictObject({
  to: z.enum(['victim', 'applicant']).optional(),
  /** Names that must not appear in the letter (alleged perpetrator, third parties): the letter is refused. */
  redact: z.array(z.string().trim().min(2).max(200)).max(50).optional(),
  recommendations: z.array(id).max(100).optional(),
  actions: z.array(id).max(200).optional(),
  appealId: id.optional(),
  closure: z
    .strictObject({ closesOn: isoDate, reason: closureReason, detail: z.string().max(2000).optional() })
    .optional(),
  victimConsultedOn: isoDate.optional(),
  notConsultedReason: z.string().trim().min(1).max(2000).optional(),
});

/** POST /api/cases/:caseId/letters/:kind: `requestId` (a UUID) makes a retried issue record nothing twice. */
export const issueLetterSchema = letterOptionsSchema.extend({ requestId: z.uuid() });

/**
 * GET .../preview query: the options without names (a URL may be logged on the way); to check a redact
 * list, POST the options to .../preview instead.
 */
export const previewLetterQuery = z.strictObject({
  to: z.enum(['victim', 'applicant']).optional(),
  recommendations: z.string().max(4000).optional(),
  actions: z.string().max(8000).optional(),
  appealId: id.optional(),
});

export const letterKindSchema = z.enum(letterKinds);

export interface LetterRouteDeps {
  letters: LetterService;
}

const list = (s: string | undefined) =>
  s
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function kindOf(req: Request): LetterKind {
  const kind = String(req.params.kind);
  if (!isLetterKind(kind))
    throw new NotFoundError(`There is no letter "${kind}"; the letters are ${letterKinds.join(', ')}.`);
  return kind;
}

function optionsFrom(parsed: z.infer<typeof letterOptionsSchema>): LetterOptions {
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as LetterOptions;
}

export function registerLetterRoutes(
  app: express.Express,
  authenticate: express.RequestHandler,
  deps: LetterRouteDeps,
): void {
  const person = (req: Request): Person => req.person!;
  const caseId = (req: Request) => String(req.params.caseId);

  app.get(
    '/api/cases/:caseId/letters',
    authenticate,
    asyncRoute(async (req, res) => {
      res.json(await deps.letters.list(caseId(req), person(req)));
    }),
  );

  app.get(
    '/api/cases/:caseId/letters/:kind/preview',
    authenticate,
    asyncRoute(async (req, res) => {
      const kind = kindOf(req);
      const q = previewLetterQuery.parse(req.query);
      const options = optionsFrom(
        letterOptionsSchema.parse({
          ...(q.to ? { to: q.to } : {}),
          ...(q.appealId ? { appealId: q.appealId } : {}),
          ...(q.recommendations !== undefined ? { recommendations: list(q.recommendations) } : {}),
          ...(q.actions !== undefined ? { actions: list(q.actions) } : {}),
        }),
      );
      res.json(await deps.letters.preview(caseId(req), kind, person(req), options));
    }),
  );

  app.post(
    '/api/cases/:caseId/letters/:kind/preview',
    authenticate,
    asyncRoute(async (req, res) => {
      const kind = kindOf(req);
      const options = optionsFrom(letterOptionsSchema.parse(req.body ?? {}));
      res.json(await deps.letters.preview(caseId(req), kind, person(req), options));
    }),
  );

  app.post(
    '/api/cases/:caseId/letters/:kind',
    authenticate,
    asyncRoute(async (req, res) => {
      const kind = kindOf(req);
      const { requestId, ...rest } = issueLetterSchema.parse(req.body);
      const issued = await deps.letters.issue(caseId(req), kind, person(req), {
        ...optionsFrom(rest),
        requestId,
      });
      res.status(issued.recorded.length ? 201 : 200).json(issued);
    }),
  );
}
