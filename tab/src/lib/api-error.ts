import type { ApiError } from '../../../bot/api/contract';
import { apiErrorCodes } from '../../../bot/api/errors';
import type { Problem } from './problems';

/**
 * A failed API call, as the tab shows it: the server's code and message (apiErrorSchema in the contract),
 * the problems by path, and the HTTP status. Parsed by hand rather than with zod so the first screen's
 * JavaScript stays small; the shape is the contract's `ApiError`.
 */
export type ApiErrorCode = ApiError['error']['code'] | 'network' | 'unexpected';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

const CODES = new Set<string>(apiErrorCodes);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a status means when the body says nothing useful, in words for the SPOC. */
export function messageForStatus(status: number): string {
  if (status === 401) return 'Your sign-in has expired. Sign in again.';
  if (status === 403) return 'You do not have permission to do this.';
  if (status === 404) return 'This was not found. It may have been removed, or the link is wrong.';
  if (status === 409) return 'Someone else changed this case at the same time. Reload it and try again.';
  if (status === 413) return 'This is too large to send.';
  if (status === 429) return 'The server is busy. Wait a moment and try again.';
  if (status >= 500)
    return 'The server could not complete this. Try again; if it keeps failing, tell support.';
  return `The request failed (HTTP ${status}).`;
}

const CODE_FOR_STATUS: Record<number, ApiErrorCode> = {
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  422: 'invalid',
};

/** The error for a non-2xx response, from its parsed JSON body (or undefined when it had none). */
export function toApiRequestError(status: number, body: unknown): ApiRequestError {
  if (isRecord(body) && isRecord(body.error)) {
    const e = body.error;
    const code = typeof e.code === 'string' && CODES.has(e.code) ? (e.code as ApiErrorCode) : undefined;
    const message = typeof e.message === 'string' && e.message.trim() ? e.message : messageForStatus(status);
    const problems: Problem[] = Array.isArray(e.problems)
      ? e.problems
          .filter(isRecord)
          .filter((p) => typeof p.message === 'string')
          .map((p) => ({ path: typeof p.path === 'string' ? p.path : '', message: String(p.message) }))
      : [];
    return new ApiRequestError(status, code ?? CODE_FOR_STATUS[status] ?? 'unexpected', message, problems);
  }
  return new ApiRequestError(status, CODE_FOR_STATUS[status] ?? 'unexpected', messageForStatus(status));
}

/** Any thrown value as an ApiRequestError, so every catch shows the same kind of message. */
export function asApiError(err: unknown): ApiRequestError {
  if (err instanceof ApiRequestError) return err;
  if (err instanceof DOMException && err.name === 'AbortError')
    return new ApiRequestError(0, 'network', 'The request was cancelled.');
  if (err instanceof TypeError)
    return new ApiRequestError(
      0,
      'network',
      'Could not reach the server. Check your connection and try again.',
    );
  return new ApiRequestError(0, 'unexpected', 'Something went wrong. Try again.');
}
