import type {
  AccessLogPage,
  CaseDetail,
  LegalHoldInput,
  RetentionReport,
  SubjectMatch,
  SubjectQuery,
  CaseListPage,
  CaseListQuery,
  Me,
  NewApplication,
  Person,
  RecordEvent,
  StatisticsResponse,
} from '../../../bot/api/contract';
// Outlook, partner returns and the outbox (issue 8).
import type {
  EmailApplication,
  OutboxMessage,
  ReturnRequestView,
  SubmitReturn,
} from '../../../bot/api/contract';
import type { VictimVoiceView } from '../../../bot/api/public'; // issue 17
import { ApiRequestError, asApiError, toApiRequestError } from '../lib/api-error';
// Letters and the panel (issue 6): the server's own types and body schemas, as types only (no runtime cost).
import type { z } from 'zod';
import type { IssuedLetter, LetterPreview, LetterSummary } from '../../../bot/app/letter-service';
import type { LetterKind } from '../../../bot/letters/letter-kinds';
import type { BookingResult, PanelService, QuorumView } from '../../../bot/app/panel-service';
import type { issueLetterSchema, letterOptionsSchema } from '../../../bot/server/letter-routes';
import type {
  bookPanelSchema,
  cancelPanelSchema,
  panelSlotsSchema,
  reschedulePanelSchema,
} from '../../../bot/server/panel-routes';

/**
 * The typed client for the routes in bot/api/contract.ts. Every call sends `Authorization: Bearer <token>`;
 * a 401 asks the session for a fresh token once (Teams SSO renews silently) and otherwise signs out.
 */

export interface TokenSource {
  /**
   * The token for the next call, or undefined when signed out. In Teams it asks teams-js each time (it
   * caches and renews the token), so the tab keeps none of its own.
   */
  get(): string | undefined | Promise<string | undefined>;
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
      response = await attempt(await this.tokens.get());
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

  /** Issue 17: the online application's contact preferences, messages and the victim's own voice. */
  victimVoice(caseId: string, signal?: AbortSignal): Promise<VictimVoiceView> {
    return this.json<VictimVoiceView>(
      'GET',
      `/api/cases/${encodeURIComponent(caseId)}/victim-voice`,
      undefined,
      signal,
    );
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

  // ---- Outlook, partner returns and the outbox (issue 8): bot/server/partner-routes.ts ----

  /** The case an email was already recorded as; null when it has not been (the server answers 404). */
  async emailCase(emailId: string): Promise<{ caseId: string; reference: string } | null> {
    try {
      return await this.json('GET', `/api/outlook/email-case${query({ emailId })}`);
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 404) return null;
      throw err;
    }
  }

  /** Records an email as an application; one case per email (`alreadyRecorded` on a repeat). */
  recordEmail(body: EmailApplication): Promise<RecordedEmail> {
    return this.json<RecordedEmail>('POST', '/api/outlook/cases', body);
  }

  /** The signed-in agency member's requests (every status), soonest due first. */
  myRequests(signal?: AbortSignal): Promise<{ items: MyReturnRequest[] }> {
    return this.json('GET', '/api/returns', undefined, signal);
  }

  /** One request of the member's own agency; another agency's answers 404. */
  returnRequest(caseId: string, requestId: string, signal?: AbortSignal): Promise<ReturnRequestView> {
    return this.json<ReturnRequestView>('GET', returnPath(caseId, requestId), undefined, signal);
  }

  /** Sends the return; the same `id` again (a double click, a retry) records one return. */
  submitReturn(caseId: string, requestId: string, body: SubmitReturn): Promise<ReturnRequestView> {
    return this.json<ReturnRequestView>('POST', returnPath(caseId, requestId), body);
  }

  /** Local mode only: the emails that would have been sent, newest first. */
  /** Managers: who looked at what, newest first (for one case or person when given). */
  accessLog(
    params: { caseId?: string; personId?: string; cursor?: string },
    signal?: AbortSignal,
  ): Promise<AccessLogPage> {
    return this.json('GET', `/api/access-log${query(params)}`, undefined, signal);
  }

  // ---- Data protection (issue 18): bot/server/data-protection-routes.ts ----

  retention(signal?: AbortSignal): Promise<RetentionReport> {
    return this.json('GET', '/api/retention', undefined, signal);
  }

  runRetention(): Promise<{ purged: RetentionReport['purged'] }> {
    return this.json('POST', '/api/retention/sweep', {});
  }

  setLegalHold(caseId: string, input: LegalHoldInput): Promise<{ legalHold: boolean }> {
    return this.json('POST', `/api/cases/${encodeURIComponent(caseId)}/legal-hold`, input);
  }

  /** The terms go in the body, never the URL (a person's name or address must not reach logs). */
  subjectSearch(query: SubjectQuery): Promise<{ matches: SubjectMatch[] }> {
    return this.json('POST', '/api/subject-access/search', query);
  }

  async subjectExport(query: SubjectQuery): Promise<Blob> {
    return (await this.send('POST', '/api/subject-access/export', query)).blob();
  }

  outbox(signal?: AbortSignal): Promise<{ messages: OutboxMessage[] }> {
    return this.json('GET', '/api/outbox', undefined, signal);
  }

  /** Local mode only: one outbox message as .eml. */
  async outboxMessage(id: string): Promise<Blob> {
    return (await this.send('GET', `/api/outbox/${encodeURIComponent(id)}`)).blob();
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

  // ---- Letters and the panel (issue 6): bot/server/letter-routes.ts and panel-routes.ts ----

  /** Every kind of letter, whether it applies now (and why not), and the ones already issued. */
  letters(caseId: string, signal?: AbortSignal): Promise<LetterList> {
    return this.json<LetterList>('GET', `${casePath(caseId)}/letters`, undefined, signal);
  }

  /** The letter as it would be issued today; POST, so a redact list never appears in a URL. */
  previewLetter(
    caseId: string,
    kind: LetterKind,
    options: LetterOptionsBody,
    signal?: AbortSignal,
  ): Promise<LetterPreview> {
    return this.json<LetterPreview>(
      'POST',
      `${casePath(caseId)}/letters/${encodeURIComponent(kind)}/preview`,
      options,
      signal,
    );
  }

  /** Issues the letter; the same `requestId` again (a retry) stores and records nothing twice. */
  issueLetter(caseId: string, kind: LetterKind, body: IssueLetterBody): Promise<IssuedLetter> {
    return this.json<IssuedLetter>('POST', `${casePath(caseId)}/letters/${encodeURIComponent(kind)}`, body);
  }

  panelQuorum(caseId: string, agencies: readonly string[], signal?: AbortSignal): Promise<QuorumView> {
    return this.json<QuorumView>(
      'GET',
      `${casePath(caseId)}/panel/quorum${query({ agencies: agencies.join(',') })}`,
      undefined,
      signal,
    );
  }

  panelSlots(caseId: string, body: PanelSlotsBody): Promise<PanelSlots> {
    return this.json<PanelSlots>('POST', `${casePath(caseId)}/panel/slots`, body);
  }

  bookPanel(caseId: string, body: BookPanelBody): Promise<BookingResult> {
    return this.json<BookingResult>('POST', `${casePath(caseId)}/panel/book`, body);
  }

  reschedulePanel(caseId: string, body: ReschedulePanelBody): Promise<BookingResult> {
    return this.json<BookingResult>('POST', `${casePath(caseId)}/panel/reschedule`, body);
  }

  cancelPanel(caseId: string, body: CancelPanelBody): Promise<BookingResult> {
    return this.json<BookingResult>('POST', `${casePath(caseId)}/panel/cancel`, body);
  }

  /** Collates the panel papers into a .docx kept with the case; download it with `file`. */
  panelPapers(caseId: string, requestId: string): Promise<PanelPapers> {
    return this.json<PanelPapers>('POST', `${casePath(caseId)}/panel/papers`, { requestId });
  }

  /** The latest .ics of the booking (local mode), with the token, as a blob. */
  async panelCalendar(caseId: string): Promise<Blob> {
    return (await this.send('GET', `${casePath(caseId)}/panel/calendar.ics`)).blob();
  }
}

// ---- Letters and the panel (issue 6): request and answer types ----
export type { BookingResult, IssuedLetter, LetterKind, LetterPreview, LetterSummary, QuorumView };
export interface LetterList {
  reference: string;
  letters: LetterSummary[];
}
export type LetterOptionsBody = z.input<typeof letterOptionsSchema>;
export type IssueLetterBody = z.input<typeof issueLetterSchema>;
export type PanelSlotsBody = z.input<typeof panelSlotsSchema>;
export type PanelSlots = Awaited<ReturnType<PanelService['proposeSlots']>>;
export type BookPanelBody = z.input<typeof bookPanelSchema>;
export type ReschedulePanelBody = z.input<typeof reschedulePanelSchema>;
export type CancelPanelBody = z.input<typeof cancelPanelSchema>;
export type PanelPapers = Awaited<ReturnType<PanelService['papers']>>;
const casePath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;

// ---- Outlook, partner returns and the outbox (issue 8): answer types ----
export type { OutboxMessage, ReturnRequestView };
export interface RecordedEmail {
  caseId: string;
  reference: string;
  alreadyRecorded: boolean;
}
/** What GET /api/returns lists (the store's request record with the case reference). */
export interface MyReturnRequest {
  requestId: string;
  caseId: string;
  reference: string;
  agencyId: string;
  requestedAt: string;
  dueOn: string;
  status: 'requested' | 'returned' | 'withdrawn';
  late: boolean;
}
const returnPath = (caseId: string, requestId: string) =>
  `/api/returns/${encodeURIComponent(caseId)}/${encodeURIComponent(requestId)}`;

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
