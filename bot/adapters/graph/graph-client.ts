/**
 * The one Graph client of the server - the SharePoint store, provisioning, the Teams channels, the
 * calendar and the mailer all go through it: `@microsoft/microsoft-graph-client` with our own middleware
 * chain - a bearer token from a TokenProvider (or the caller's own delegated token), then one throttling
 * retry that honours `Retry-After` on 429, 503 and 504 (bounded, with an injectable sleep so tests do not
 * wait; Microsoft Learn "Microsoft Graph throttling guidance"), then fetch. Answers come back raw so
 * callers see every status, etag and header themselves.
 */
import {
  Client,
  HTTPMessageHandler,
  ResponseType,
  type Context,
  type Middleware,
  type MiddlewareOptions,
} from '@microsoft/microsoft-graph-client';
import type { TokenProvider } from './token-provider';

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface GraphApiOptions {
  /** e.g. https://graph.microsoft.com/v1.0 (GRAPH_BASE_URL points it at a test double). */
  baseUrl: string;
  tokens: TokenProvider;
  sleep?: Sleep;
  /** Attempts for one request answered 429 or 503, the first included (6 when not given). */
  maxAttempts?: number;
  /** The longest single wait honoured, in seconds, whatever Retry-After says (120 when not given). */
  maxRetryAfterSeconds?: number;
}

/** A non-2xx answer from Graph (or no answer: status 0). Carries no request body or query values. */
export class GraphRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly graphMessage: string,
    readonly method: string,
    readonly resource: string,
  ) {
    super(`Graph answered ${status || 'nothing'} (${code}) to ${method} ${resource}: ${graphMessage}`);
    this.name = 'GraphRequestError';
  }
}

export interface GraphResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The statuses the Graph SDK's RetryHandler retries too (429, 503, 504), honouring Retry-After. */
export const RETRYABLE = new Set([429, 503, 504]);

/** Milliseconds to wait before attempt `attempt + 1`: Retry-After when given, else 1, 2, 4 ... s. */
export function retryDelayMs(
  retryAfter: string | null | undefined,
  attempt: number,
  maxSeconds: number,
): number {
  let seconds: number | undefined;
  if (retryAfter !== null && retryAfter !== undefined && retryAfter.trim() !== '') {
    const n = Number(retryAfter);
    if (Number.isFinite(n)) seconds = Math.max(0, n);
    else {
      const at = Date.parse(retryAfter);
      if (!Number.isNaN(at)) seconds = Math.max(0, (at - Date.now()) / 1000);
    }
  }
  seconds ??= Math.min(2 ** (attempt - 1), 30);
  return Math.round(Math.min(seconds, maxSeconds) * 1000);
}

function setHeader(context: Context, key: string, value: string): void {
  if (typeof Request !== 'undefined' && context.request instanceof Request) {
    context.request.headers.set(key, value);
    return;
  }
  context.options ??= {};
  const headers = context.options.headers;
  if (headers instanceof Headers) headers.set(key, value);
  else if (Array.isArray(headers)) headers.push([key, value]);
  else context.options.headers = { ...(headers ?? {}), [key]: value };
}

function hasHeader(context: Context, key: string): boolean {
  const lower = key.toLowerCase();
  if (typeof Request !== 'undefined' && context.request instanceof Request)
    return context.request.headers.has(key);
  const headers = context.options?.headers;
  if (!headers) return false;
  if (headers instanceof Headers) return headers.has(key);
  if (Array.isArray(headers)) return headers.some(([k]) => k.toLowerCase() === lower);
  return Object.keys(headers).some((k) => k.toLowerCase() === lower);
}

/** The app's token, unless the request already carries a (delegated) one. */
class BearerToken implements Middleware {
  private next?: Middleware;
  constructor(private readonly tokens: TokenProvider) {}
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    if (!hasHeader(context, 'Authorization'))
      setHeader(context, 'Authorization', `Bearer ${await this.tokens.getToken()}`);
    await this.next?.execute(context);
  }
}

/**
 * Marks a request that must not be sent twice blind (creating a meeting, sending mail): it is retried after
 * 429 and 503, which Graph answers without doing the work, but not after 504, whose work may be done. The
 * caller looks for the result before trying again.
 */
class NotIdempotent implements MiddlewareOptions {}

/** Retries a whole request answered 429, 503 or 504 after its Retry-After; batch sub-requests: graph-batch. */
class ThrottleRetry implements Middleware {
  private next?: Middleware;
  constructor(
    private readonly sleep: Sleep,
    private readonly maxAttempts: number,
    private readonly maxSeconds: number,
    private readonly onRetry: (status: number, delayMs: number) => void,
  ) {}
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    const once = !!context.middlewareControl?.getMiddlewareOptions(NotIdempotent);
    for (let attempt = 1; ; attempt++) {
      await this.next?.execute(context);
      const response = context.response;
      if (!response || !RETRYABLE.has(response.status) || attempt >= this.maxAttempts) return;
      if (once && response.status === 504) return;
      const delay = retryDelayMs(response.headers.get('retry-after'), attempt, this.maxSeconds);
      await response.arrayBuffer().catch(() => undefined); // release the connection
      this.onRetry(response.status, delay);
      await this.sleep(delay);
    }
  }
}

export class GraphApi {
  readonly client: Client;
  readonly baseUrl: string;
  readonly sleep: Sleep;
  readonly maxAttempts: number;
  readonly maxRetryAfterSeconds: number;
  /** Answers retried after 429/503 (whole requests and batch sub-requests). */
  readonly throttled = { retries: 0, waitedMs: 0 };

  constructor(options: GraphApiOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const m = /^(https?:\/\/[^/]+)\/([^/]+)$/.exec(this.baseUrl);
    if (!m)
      throw new Error(`A Graph base URL looks like https://graph.microsoft.com/v1.0, not ${options.baseUrl}`);
    this.sleep = options.sleep ?? realSleep;
    this.maxAttempts = options.maxAttempts ?? 6;
    this.maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? 120;
    this.client = Client.initWithMiddleware({
      baseUrl: m[1],
      defaultVersion: m[2],
      middleware: [
        new ThrottleRetry(this.sleep, this.maxAttempts, this.maxRetryAfterSeconds, (_status, delay) =>
          this.noteRetry(delay),
        ),
        new BearerToken(options.tokens),
        new HTTPMessageHandler(),
      ],
    });
  }

  noteRetry(delayMs: number): void {
    this.throttled.retries++;
    this.throttled.waitedMs += delayMs;
  }

  /**
   * Sends one request; resolves with any 2xx answer, throws GraphRequestError otherwise. `token` sends a
   * delegated token (a user's, on-behalf-of) instead of the app's.
   */
  async request<T = unknown>(
    method: Method,
    path: string,
    options: {
      headers?: Record<string, string>;
      body?: unknown;
      binary?: boolean;
      token?: string;
      /** Not retried after 504 (see NotIdempotent). */
      notIdempotent?: boolean;
    } = {},
  ): Promise<GraphResponse<T>> {
    const headers: Record<string, string> = {
      ...(options.headers ?? {}),
      ...(options.token !== undefined ? { Authorization: `Bearer ${options.token}` } : {}),
    };
    const request = this.client.api(path).headers(headers).responseType(ResponseType.RAW);
    if (options.notIdempotent) request.middlewareOptions([new NotIdempotent()]);
    const resource = path.split('?')[0] ?? path;
    let response: Response;
    try {
      response = (await (method === 'GET'
        ? request.get()
        : method === 'POST'
          ? request.post(options.body ?? {})
          : method === 'PATCH'
            ? request.patch(options.body ?? {})
            : method === 'PUT'
              ? request.put(options.body)
              : request.delete())) as Response;
    } catch (err) {
      throw new GraphRequestError(
        0,
        'networkError',
        err instanceof Error ? err.message : String(err),
        method,
        resource,
      );
    }
    const body =
      options.binary && response.ok ? Buffer.from(await response.arrayBuffer()) : await readJson(response);
    if (!response.ok) {
      const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      throw new GraphRequestError(
        response.status,
        typeof error?.code === 'string' ? error.code : String(response.status),
        typeof error?.message === 'string' ? error.message : response.statusText,
        method,
        resource,
      );
    }
    return { status: response.status, headers: response.headers, body: body as T };
  }

  async get<T = unknown>(path: string, headers?: Record<string, string>): Promise<T> {
    return (await this.request<T>('GET', path, { headers })).body;
  }

  /** An `@odata.nextLink` as a path for `request` (it must point at the same Graph). */
  relative(nextLink: string): string {
    if (!nextLink.startsWith(`${this.baseUrl}/`))
      throw new Error('A nextLink pointed away from the Graph endpoint.');
    return nextLink.slice(this.baseUrl.length);
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
