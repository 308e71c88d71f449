import type { Request, RequestHandler, Response } from 'express';

/** An async route handler whose rejection reaches the error handler (one answer per error, never a hang). */
export const asyncRoute =
  (fn: (req: Request, res: Response) => Promise<void>): RequestHandler =>
  (req, res, next) => {
    fn(req, res).catch(next);
  };
