import type {
  CaseDetail,
  CaseListPage,
  CaseListQuery,
  Me,
  NewApplication,
  Person,
  RecordEvent,
  StatisticsResponse,
} from '../../../bot/api/contract';
import { ApiRequestError, asApiError, toApiRequestError } from '../lib/api-error';

/**
 * The typed client for the routes in bot/api/contract.ts. Every call sends `Authorization: Bearer <token>`;
 * a 401 asks the session for a fresh token once (Teams SSO renews silently) and otherwise signs out.
 */

export interface TokenSource {
  /** The current token, or undefined when signed out. */
  get(): string | undefined;
  /** A fresh token after a 401 (Teams: getAuthToken again); undefined when there is none. */
  refresh(): Promise<string | undefined>;
  /** Called when the server refuses the token and no fresh one can be had. */
  expired(): void;
}

/** What POST /api/cases answers; the contract does not fix it, so only `caseId` is relied on. */
export interface CreatedCase {
  caseId: string;
  reference?: string;
}

export type ListParams = Partial<Omit<CaseListQuery, 'limit'>> & { limit?: number };

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export class Api {
  constructor(
    private readonly tokens: TokenSource,
    private readonly base = '',
  ) {}

  private async send(
    method: string,
    path: string,
    body?: unknown,
    init: { signal?: AbortSignal; auth?: boolean } = {},
  ): Promise<Response> {
    const attempt = async (token: string | undefined) =>
      fetch(this.base + path, {
        method,
        headers: {
          Accept: 'application/json',
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(token && init.auth !== false ? { Authorization: `Bearer ${token}` } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
        credentials: 'same-origin',
      });
    let response: Response;
    try {
      response = await attempt(this.tokens.get());
      if (response.status === 401 && init.auth !== false) {
        const fresh = await this.tokens.refresh();
        if (fresh) response = await attempt(fresh);
        if (response.status === 401) this.tokens.expired();
      }
    } catch (err) {
      throw asApiError(err);
    }
    if (!response.ok) throw toApiRequestError(response.status, await readJson(response));
    return response;
  }

  private async json<T>(
    method: string,
    path: string,
    body?: unknown,
    signal?: AbortSignal,
    auth = true,
  ): Promise<T> {
    const response = await this.send(method, path, body, { ...(signal ? { signal } : {}), auth });
    return (await readJson(response)) as T;
  }

  me(signal?: AbortSignal): Promise<Me> {
    return this.json<Me>('GET', '/api/me', undefined, signal);
  }

  /** GET /api/me without a token and without signing out on 401: how the tab learns it must sign in. */
  meAnonymous(): Promise<Me> {
    return this.json<Me>('GET', '/api/me', undefined, undefined, false);
  }

  listCases(params: ListParams, signal?: AbortSignal): Promise<CaseListPage> {
    return this.json<CaseListPage>('GET', `/api/cases${query(params)}`, undefined, signal);
  }

  async createCase(body: NewApplication): Promise<CreatedCase> {
    const out = await this.json<unknown>('POST', '/api/cases', body);
    const caseId = pick(out, 'caseId');
    if (!caseId)
      throw new ApiRequestError(200, 'unexpected', 'The server did not say which case it created.');
    const reference = pick(out, 'reference');
    return { caseId, ...(reference ? { reference } : {}) };
  }

  getCase(caseId: string, signal?: AbortSignal): Promise<CaseDetail> {
    return this.json<CaseDetail>('GET', `/api/cases/${encodeURIComponent(caseId)}`, undefined, signal);
  }

  /** Records an event; answers the updated case when the server sends it, else undefined (reload it). */
  async recordEvent(caseId: string, event: RecordEvent): Promise<CaseDetail | undefined> {
    const out = await this.json<unknown>('POST', `/api/cases/${encodeURIComponent(caseId)}/events`, event);
    return isCaseDetail(out) ? out : undefined;
  }

  /** Sends the agency a reminder now; answers how many people it reached when the server says. */
  async remind(caseId: string, requestId: string): Promise<{ sent?: number }> {
    const out = await this.json<unknown>(
      'POST',
      `/api/cases/${encodeURIComponent(caseId)}/requests/${encodeURIComponent(requestId)}/remind`,
      {},
    );
    return isRecord(out) && typeof out.sent === 'number' ? { sent: out.sent } : {};
  }

  statistics(from: string, to: string, signal?: AbortSignal): Promise<StatisticsResponse> {
    return this.json<StatisticsResponse>('GET', `/api/statistics${query({ from, to })}`, undefined, signal);
  }

  async statisticsCsv(from: string, to: string): Promise<Blob> {
    const response = await this.send('GET', `/api/statistics.csv${query({ from, to })}`);
    return response.blob();
  }

  async file(caseId: string, fileId: string): Promise<Blob> {
    const response = await this.send(
      'GET',
      `/api/cases/${encodeURIComponent(caseId)}/files/${encodeURIComponent(fileId)}`,
    );
    return response.blob();
  }

  /** Local mode only: the people one may sign in as. Throws (404) in m365 mode. */
  async people(): Promise<Person[]> {
    const out = await this.json<unknown>('GET', '/api/local/people', undefined, undefined, false);
    const list = Array.isArray(out)
      ? out
      : isRecord(out) && Array.isArray(out.people)
        ? out.people
        : undefined;
    if (!list) throw new ApiRequestError(200, 'unexpected', 'The server did not list the people.');
    return list as Person[];
  }

  async signIn(personId: string): Promise<string> {
    const response = await this.send('POST', '/api/local/sign-in', { personId }, { auth: false });
    const out = await readJson(response);
    const token = pick(out, 'token');
    if (!token) throw new ApiRequestError(200, 'unexpected', 'The server did not return a sign-in token.');
    return token;
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pick(value: unknown, key: string): string | undefined {
  if (!isRecord(value)) return undefined;
  const direct = value[key];
  if (typeof direct === 'string' && direct) return direct;
  // Some servers wrap the created resource: { case: {...} }.
  for (const inner of Object.values(value))
    if (isRecord(inner) && typeof inner[key] === 'string' && inner[key]) return inner[key];
  return undefined;
}

function isCaseDetail(value: unknown): value is CaseDetail {
  return isRecord(value) && typeof value.caseId === 'string' && isRecord(value.state);
}

/** Saves a blob as a download with the given file name. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
