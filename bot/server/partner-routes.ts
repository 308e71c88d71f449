import type express from 'express';
import { expressPath, routes, type Person } from '../api/contract';
import type { EmailIntake } from '../app/email-intake';
import { ForbiddenError, NotFoundError } from '../app/errors';
import type { PartnerReturns } from '../app/partner-returns';
import type { OutboxMailer } from '../adapters/local/outbox-mailer';
import { asyncRoute } from './async-route';

export interface PartnerRouteDeps {
  partnerReturns: PartnerReturns;
  emailIntake: EmailIntake;
  /** Local mode only: the emails that would have been sent. */
  outbox?: OutboxMailer;
}

const spoc = (p: Person) => p.roles.includes('spoc') || p.roles.includes('manager');

/** The partner return page's API, the Outlook add-in's API, and local mode's outbox. */
export function registerPartnerRoutes(
  app: express.Express,
  authenticate: express.RequestHandler,
  deps: PartnerRouteDeps,
): void {
  app.get(
    routes.myRequests.path,
    authenticate,
    asyncRoute(async (req, res) => {
      res.json(await deps.partnerReturns.mine(req.person!));
    }),
  );
  app.get(
    expressPath(routes.returnRequest),
    authenticate,
    asyncRoute(async (req, res) => {
      res.json(
        await deps.partnerReturns.view(String(req.params.caseId), String(req.params.requestId), req.person!),
      );
    }),
  );
  app.post(
    expressPath(routes.submitReturn),
    authenticate,
    asyncRoute(async (req, res) => {
      res
        .status(201)
        .json(
          await deps.partnerReturns.submit(
            String(req.params.caseId),
            String(req.params.requestId),
            req.body,
            req.person!,
          ),
        );
    }),
  );

  app.get(
    routes.emailCase.path,
    authenticate,
    asyncRoute(async (req, res) => {
      if (!spoc(req.person!)) throw new ForbiddenError('Only a SPOC records applications.');
      const emailId = typeof req.query.emailId === 'string' ? req.query.emailId : '';
      const found = emailId ? await deps.emailIntake.caseOf(emailId) : null;
      if (!found) throw new NotFoundError('This email has not been recorded as an application.');
      res.json(found);
    }),
  );
  app.post(
    routes.emailApplication.path,
    authenticate,
    asyncRoute(async (req, res) => {
      const result = await deps.emailIntake.record(req.body, req.person!);
      res.status(result.alreadyRecorded ? 200 : 201).json(result);
    }),
  );

  const outbox = deps.outbox;
  if (outbox) {
    app.get(
      routes.outbox.path,
      authenticate,
      asyncRoute(async (req, res) => {
        if (!spoc(req.person!)) throw new ForbiddenError('Only a SPOC sees the outbox.');
        res.json({ messages: outbox.list() });
      }),
    );
    app.get(
      expressPath(routes.outboxMessage),
      authenticate,
      asyncRoute(async (req, res) => {
        if (!spoc(req.person!)) throw new ForbiddenError('Only a SPOC sees the outbox.');
        const eml = outbox.read(String(req.params.id));
        if (!eml) throw new NotFoundError('There is no such message.');
        res.setHeader('Content-Type', 'message/rfc822');
        res.send(eml);
      }),
    );
  }
}
