/**
 * Letters API: which letters apply, a preview, and issuing one. Mounted by the composition root through
 * `registerLetterRoutes(app, authenticate, { letters })`; errors go to the app's error handler. The
 * request and answer schemas are the contract's (bot/api/letters.ts).
 */
import type express from 'express';
import type { Request } from 'express';
import type { z } from 'zod';
import {
  expressPath,
  issueLetterSchema,
  letterOptionsSchema,
  previewLetterQuery,
  routes,
  type Person,
} from '../api/contract';
import type { LetterService } from '../app/letter-service';
import { NotFoundError } from '../app/errors';
import type { LetterOptions } from '../letters/compose-letter';
import { isLetterKind, letterKinds, type LetterKind } from '../letters/letter-kinds';
import { asyncRoute } from './async-route';

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
    expressPath(routes.letters),
    authenticate,
    asyncRoute(async (req, res) => {
      res.json(await deps.letters.list(caseId(req), person(req)));
    }),
  );

  app.get(
    expressPath(routes.previewLetterByQuery),
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
    expressPath(routes.previewLetter),
    authenticate,
    asyncRoute(async (req, res) => {
      const kind = kindOf(req);
      const options = optionsFrom(letterOptionsSchema.parse(req.body ?? {}));
      res.json(await deps.letters.preview(caseId(req), kind, person(req), options));
    }),
  );

  app.post(
    expressPath(routes.issueLetter),
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
