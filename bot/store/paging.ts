/** Page sizes and opaque cursors (base64url JSON) shared by the adapters. */
import { z } from 'zod';
import { InvalidChangeError } from './store-errors';

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  next: string | null;
}

export const DEFAULT_PAGE = 25;
export const MAX_PAGE = 100;

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1)
    throw new InvalidChangeError('A page limit is a whole number from 1.');
  return Math.min(limit, MAX_PAGE);
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decode<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidChangeError('The cursor is not one this store gave out.');
  }
}

/** Case lists page on the case number, newest first: the cursor is the last number shown. */
export function decodeCursor(cursor: string | undefined): number | null {
  return cursor === undefined ? null : decode(cursor, z.number().int().positive());
}

/** Agency requests page on (dueOn, requestId). */
export function decodeRequestCursor(cursor: string | undefined): [string, string] | null {
  return cursor === undefined ? null : decode(cursor, z.tuple([z.string(), z.string()]));
}

/** Deadline-ordered case lists page on (deadline or "~" when none, case number). */
export function decodeDeadlineCursor(cursor: string | undefined): [string, number] | null {
  return cursor === undefined ? null : decode(cursor, z.tuple([z.string(), z.number().int().positive()]));
}

/** The sort key of a case's deadline: ISO dates sort as text, and "~" sorts after every date. */
export const NO_DEADLINE = '~';

/** Access log pages go back from the last entry shown (entry ids sort in the order written). */
export function decodeLogCursor(cursor: string | undefined): string | null {
  return cursor === undefined ? null : decode(cursor, z.string().min(1).max(200));
}
