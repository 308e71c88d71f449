/**
 * What every part of the Graph double answers with: Graph's error shape (graph/errors: `error.code`,
 * `error.message`, `innerError` with the date and request id), and the small readers of requests.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { PermissionRule } from './graph-auth';
import { ODataSyntaxError } from './odata-filter';

export interface RequestInfo {
  method: string;
  /** The path and query after the version, e.g. `/sites/{id}/lists/{id}/items?$filter=...` (decoded). */
  path: string;
  inBatch: boolean;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  raw?: Buffer;
  /** Set by the permission check. */
  permission?: string;
  doc?: string;
}

/** Runs a route once its permission is checked (the scope, a site or a team, already bound). */
export type Guard = (rule: PermissionRule, run: () => Reply) => Reply;

/** A request routed to a resource: its path segments decoded, its headers in lower case, its JSON body. */
export interface Routed {
  method: string;
  parts: string[];
  query: URLSearchParams;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  guard: Guard;
}

/** Thrown to drop the connection without answering (a `reset` fault). */
export class Drop extends Error {}

export const graphError = (
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): Reply => ({
  status,
  headers,
  body: {
    error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } },
  },
});

export const notFound = (what: string) =>
  graphError(404, 'itemNotFound', `The specified ${what} was not found`);
export const bad = (message: string) => graphError(400, 'invalidRequest', message);
export const notAllowed = (): Reply => graphError(405, 'BadRequest', 'The HTTP method is not allowed here.');
export const ok = (status: number) => status >= 200 && status < 300;

/** An OData `$filter` or `$orderby` parsed, or the 400 Graph answers a malformed one with. */
export function tryParse<T>(fn: () => T): T | Reply {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ODataSyntaxError) return bad(err.message);
    throw err;
  }
}

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function json(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function lowerHeaders(h: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
