/**
 * The Graph client the SharePoint store uses: `@microsoft/microsoft-graph-client` with our own
 * middleware chain - a bearer token from a TokenProvider, then a throttling retry that honours
 * `Retry-After` on 429 and 503 (bounded, with an injectable sleep so tests do not wait), then fetch.
 * Answers come back raw so the store sees every status, etag and header itself.
 */
import {
  Client,
  HTTPMessageHandler,
  ResponseType,
  type Context,
  type Middleware,
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

export const RETRYABLE = new Set([429, 503]);

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

class BearerToken implements Middleware {
  private next?: Middleware;
  constructor(private readonly tokens: TokenProvider) {}
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    setHeader(context, 'Authorization', `Bearer ${await this.tokens.getToken()}`);
    await this.next?.execute(context);
  }
}

/** Retries a whole request answered 429 or 503 after its Retry-After; batch sub-requests: graph-batch. */
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
    for (let attempt = 1; ; attempt++) {
      await this.next?.execute(context);
      const response = context.response;
      if (!response || !RETRYABLE.has(response.status) || attempt >= this.maxAttempts) return;
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

  /** Sends one request; resolves with any 2xx answer, throws GraphRequestError otherwise. */
  async request<T = unknown>(
    method: Method,
    path: string,
    options: { headers?: Record<string, string>; body?: unknown; binary?: boolean } = {},
  ): Promise<GraphResponse<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const request = this.client.api(path).headers(headers).responseType(ResponseType.RAW);
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
