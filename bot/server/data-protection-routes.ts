/**
 * Data protection API: the retention report and sweep, legal holds, subject access search and export.
 * Searches go in a POST body: a person's name or address must not sit in a URL (URLs end up in logs).
 */
import type express from 'express';
import { expressPath, legalHoldSchema, routes, type Person } from '../api/contract';
import type { Retention } from '../app/retention';
import type { SubjectAccess } from '../app/subject-access';
import { asyncRoute } from './async-route';

export interface DataProtectionDeps {
  retention: Retention;
  subjectAccess: SubjectAccess;
}

export function registerDataProtectionRoutes(
  app: express.Express,
  authenticate: express.RequestHandler,
  deps: DataProtectionDeps,
): void {
  const person = (req: express.Request): Person => req.person!;

  app.get(
    routes.retention.path,
    authenticate,
    asyncRoute(async (req, res) => {
      res.json(await deps.retention.report(person(req)));
    }),
  );
  app.post(
    routes.retentionSweep.path,
    authenticate,
    asyncRoute(async (req, res) => {
      const purged = await deps.retention.runNow(person(req));
      res.json({ purged: purged.map(({ facts: _facts, ...p }) => p) });
    }),
  );
  app.post(
    expressPath(routes.legalHold),
    authenticate,
    asyncRoute(async (req, res) => {
      const input = legalHoldSchema.parse(req.body);
      const result = await deps.retention.setLegalHold(String(req.params.caseId), input, person(req));
      res.status(result.alreadyRecorded ? 200 : 201).json(result);
    }),
  );
  app.post(
    routes.subjectAccessSearch.path,
    authenticate,
    asyncRoute(async (req, res) => {
      res.json(await deps.subjectAccess.search(req.body, person(req)));
    }),
  );
  app.post(
    routes.subjectAccessExport.path,
    authenticate,
    asyncRoute(async (req, res) => {
      const archive = await deps.subjectAccess.export(req.body, person(req));
      res.setHeader('Content-Type', 'application/zip');
      res.setHeader('Content-Disposition', `attachment; filename="${archive.name}"`);
      res.send(archive.bytes);
    }),
  );
}
