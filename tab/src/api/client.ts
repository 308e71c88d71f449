// The route table is plain data (no schemas), so the first screen's client carries no zod.
import { pathTo, routes } from '../../../bot/api/routes';
import type {
  AccessLogPage,
  AddedDocument,
  BookingResult,
  BookPanelBody,
  CancelPanelBody,
  CaseDetail,
  CaseListPage,
  CaseListQuery,
  EmailApplication,
  EmailCase,
  IssuedLetter,
  IssueLetterBody,
  LegalHoldInput,
  LegalHoldSet,
  LetterKind,
  LetterList,
  LetterOptionsBody,
  LetterPreview,
  Me,
  MeetingEnded,
  MeetingNoteBody,
  MeetingView,
  StageContent,
  MyReturnRequests,
  NewApplication,
  OutboxList,
  PanelPapers,
  PanelPeople,
  PanelSlots,
  PanelSlotsBody,
  Person,
  QuorumView,
  RecordedEmail,
  RecordEvent,
  ReschedulePanelBody,
  RetentionReport,
  ReturnRequestView,
  StatisticsResponse,
  SubjectMatches,
  SubjectQuery,
  SubmitReturn,
  SweepResult,
} from '../../../bot/api/contract';
import type { VictimVoiceView } from '../../../bot/api/public'; // issue 17
import { ApiRequestError, asApiError, toApiRequestError } from '../lib/api-error';

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

/** What POST /api/cases answers (OpenedCase); only `caseId` is relied on, the reference when given. */
export interface CreatedCase {
  caseId: string;
  reference?: string;
}

export type ListParams = Partial<Omit<CaseListQuery, 'limit'>> & { limit?: number };

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
          // A form (a document) goes as multipart, its boundary set by the browser.
          ...(body !== undefined && !(body instanceof FormData)
            ? { 'Content-Type': 'application/json' }
            : {}),
          ...(token && init.auth !== false ? { Authorization: `Bearer ${token}` } : {}),
        },
        ...(body instanceof FormData ? { body } : body !== undefined ? { body: JSON.stringify(body) } : {}),
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
    return this.json<Me>('GET', routes.me.path, undefined, signal);
  }

  /** GET /api/me without a token and without signing out on 401: how the tab learns it must sign in. */
  meAnonymous(): Promise<Me> {
    return this.json<Me>('GET', routes.me.path, undefined, undefined, false);
  }

  listCases(params: ListParams, signal?: AbortSignal): Promise<CaseListPage> {
    return this.json<CaseListPage>('GET', pathTo(routes.listCases, {}, params), undefined, signal);
  }

  async createCase(body: NewApplication): Promise<CreatedCase> {
    const out = await this.json<unknown>('POST', routes.createCase.path, body);
    const caseId = pick(out, 'caseId');
    if (!caseId)
      throw new ApiRequestError(200, 'unexpected', 'The server did not say which case it created.');
    const reference = pick(out, 'reference');
    return { caseId, ...(reference ? { reference } : {}) };
  }

  /** Issue 17: the online application's contact preferences, messages and the victim's own voice. */
  victimVoice(caseId: string, signal?: AbortSignal): Promise<VictimVoiceView> {
    return this.json<VictimVoiceView>('GET', pathTo(routes.victimVoice, { caseId }), undefined, signal);
  }

  getCase(caseId: string, signal?: AbortSignal): Promise<CaseDetail> {
    return this.json<CaseDetail>('GET', pathTo(routes.getCase, { caseId }), undefined, signal);
  }

  /** Records an event; answers the updated case when the server sends it, else undefined (reload it). */
  async recordEvent(caseId: string, event: RecordEvent): Promise<CaseDetail | undefined> {
    const out = await this.json<unknown>('POST', pathTo(routes.recordEvent, { caseId }), event);
    return isCaseDetail(out) ? out : undefined;
  }

  /** Sends the agency a reminder now; answers how many people it reached when the server says. */
  async remind(caseId: string, requestId: string): Promise<{ sent?: number }> {
    const out = await this.json<unknown>('POST', pathTo(routes.remindNow, { caseId, requestId }), {});
    return isRecord(out) && typeof out.sent === 'number' ? { sent: out.sent } : {};
  }

  statistics(from: string, to: string, signal?: AbortSignal): Promise<StatisticsResponse> {
    return this.json('GET', pathTo(routes.statistics, {}, { from, to }), undefined, signal);
  }

  /** One table a file (issue 15): the period's figures, or the figures by month. */
  async statisticsCsv(from: string, to: string, table: 'figures' | 'months' = 'figures'): Promise<Blob> {
    return (await this.send('GET', pathTo(routes.statisticsCsv, {}, { from, to, table }))).blob();
  }

  /** Issue 15: adds a document to a case (a retry with the same `id` lands once). */
  addDocument(
    caseId: string,
    fields: { id: string; kind: string; description?: string; sharedWithPanel?: boolean },
    file: File,
  ): Promise<AddedDocument> {
    const form = new FormData();
    form.set('id', fields.id);
    form.set('kind', fields.kind);
    if (fields.description) form.set('description', fields.description);
    if (fields.sharedWithPanel) form.set('sharedWithPanel', 'true');
    form.set('file', file, file.name);
    return this.json<AddedDocument>('POST', pathTo(routes.addDocument, { caseId }), form);
  }

  async file(caseId: string, fileId: string): Promise<Blob> {
    return (await this.send('GET', pathTo(routes.getFile, { caseId, fileId }))).blob();
  }

  // ---- Outlook, partner returns and the outbox (issue 8): bot/api/outlook.ts, returns.ts, outbox.ts ----

  /** The case an email was already recorded as; null when it has not been (the server answers 404). */
  async emailCase(emailId: string): Promise<EmailCase | null> {
    try {
      return await this.json('GET', pathTo(routes.emailCase, {}, { emailId }));
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 404) return null;
      throw err;
    }
  }

  /** Records an email as an application; one case per email (`alreadyRecorded` on a repeat). */
  recordEmail(body: EmailApplication): Promise<RecordedEmail> {
    return this.json<RecordedEmail>('POST', routes.emailApplication.path, body);
  }

  /** The signed-in agency member's requests (every status), soonest due first. */
  myRequests(signal?: AbortSignal): Promise<MyReturnRequests> {
    return this.json('GET', routes.myRequests.path, undefined, signal);
  }

  /** One request of the member's own agency; another agency's answers 404. */
  returnRequest(caseId: string, requestId: string, signal?: AbortSignal): Promise<ReturnRequestView> {
    return this.json('GET', pathTo(routes.returnRequest, { caseId, requestId }), undefined, signal);
  }

  /** Sends the return; the same `id` again (a double click, a retry) records one return. */
  submitReturn(caseId: string, requestId: string, body: SubmitReturn): Promise<ReturnRequestView> {
    return this.json('POST', pathTo(routes.submitReturn, { caseId, requestId }), body);
  }

  /** Managers: who looked at what, newest first (for one case or person when given). */
  accessLog(
    params: { caseId?: string; personId?: string; cursor?: string },
    signal?: AbortSignal,
  ): Promise<AccessLogPage> {
    return this.json('GET', pathTo(routes.accessLog, {}, params), undefined, signal);
  }

  // ---- Data protection (issue 18): bot/api/data-protection.ts ----

  retention(signal?: AbortSignal): Promise<RetentionReport> {
    return this.json('GET', routes.retention.path, undefined, signal);
  }

  runRetention(): Promise<SweepResult> {
    return this.json('POST', routes.retentionSweep.path, {});
  }

  setLegalHold(caseId: string, input: LegalHoldInput): Promise<LegalHoldSet> {
    return this.json('POST', pathTo(routes.legalHold, { caseId }), input);
  }

  /** The terms go in the body, never the URL (a person's name or address must not reach logs). */
  subjectSearch(query: SubjectQuery): Promise<SubjectMatches> {
    return this.json('POST', routes.subjectAccessSearch.path, query);
  }

  async subjectExport(query: SubjectQuery): Promise<Blob> {
    return (await this.send('POST', routes.subjectAccessExport.path, query)).blob();
  }

  /** Local mode only: the emails that would have been sent, newest first. */
  outbox(signal?: AbortSignal): Promise<OutboxList> {
    return this.json('GET', routes.outbox.path, undefined, signal);
  }

  /** Local mode only: one outbox message as .eml. */
  async outboxMessage(id: string): Promise<Blob> {
    return (await this.send('GET', pathTo(routes.outboxMessage, { id }))).blob();
  }

  /** Local mode only: the people one may sign in as. Throws (404) in m365 mode. */
  async people(): Promise<Person[]> {
    const out = await this.json<unknown>('GET', routes.people.path, undefined, undefined, false);
    const list = Array.isArray(out)
      ? out
      : isRecord(out) && Array.isArray(out.people)
        ? out.people
        : undefined;
    if (!list) throw new ApiRequestError(200, 'unexpected', 'The server did not list the people.');
    return list as Person[];
  }

  async signIn(personId: string): Promise<string> {
    const response = await this.send('POST', routes.signIn.path, { personId }, { auth: false });
    const out = await readJson(response);
    const token = pick(out, 'token');
    if (!token) throw new ApiRequestError(200, 'unexpected', 'The server did not return a sign-in token.');
    return token;
  }

  // ---- Letters and the panel (issue 6): bot/api/letters.ts and panel.ts ----

  /** Every kind of letter, whether it applies now (and why not), and the ones already issued. */
  letters(caseId: string, signal?: AbortSignal): Promise<LetterList> {
    return this.json('GET', pathTo(routes.letters, { caseId }), undefined, signal);
  }

  /** The letter as it would be issued today; POST, so a redact list never appears in a URL. */
  previewLetter(
    caseId: string,
    kind: LetterKind,
    options: LetterOptionsBody,
    signal?: AbortSignal,
  ): Promise<LetterPreview> {
    return this.json('POST', pathTo(routes.previewLetter, { caseId, kind }), options, signal);
  }

  /** Issues the letter; the same `requestId` again (a retry) stores and records nothing twice. */
  issueLetter(caseId: string, kind: LetterKind, body: IssueLetterBody): Promise<IssuedLetter> {
    return this.json('POST', pathTo(routes.issueLetter, { caseId, kind }), body);
  }

  panelQuorum(caseId: string, agencies: readonly string[], signal?: AbortSignal): Promise<QuorumView> {
    const path = pathTo(routes.panelQuorum, { caseId }, { agencies: agencies.join(',') });
    return this.json('GET', path, undefined, signal);
  }

  /** Issue 15: the directory's people the SPOC can pick for the panel. */
  panelPeople(caseId: string, signal?: AbortSignal): Promise<PanelPeople> {
    return this.json('GET', pathTo(routes.panelPeople, { caseId }), undefined, signal);
  }

  panelSlots(caseId: string, body: PanelSlotsBody): Promise<PanelSlots> {
    return this.json('POST', pathTo(routes.panelSlots, { caseId }), body);
  }

  bookPanel(caseId: string, body: BookPanelBody): Promise<BookingResult> {
    return this.json('POST', pathTo(routes.bookPanel, { caseId }), body);
  }

  reschedulePanel(caseId: string, body: ReschedulePanelBody): Promise<BookingResult> {
    return this.json('POST', pathTo(routes.reschedulePanel, { caseId }), body);
  }

  cancelPanel(caseId: string, body: CancelPanelBody): Promise<BookingResult> {
    return this.json('POST', pathTo(routes.cancelPanel, { caseId }), body);
  }

  /** Collates the panel papers into a .docx kept with the case; download it with `file`. */
  panelPapers(caseId: string, requestId: string): Promise<PanelPapers> {
    return this.json('POST', pathTo(routes.panelPapers, { caseId }), { requestId });
  }

  // ---- The review in the panel's meeting (issue 16): bot/api/meeting.ts ----

  meetingView(caseId: string, signal?: AbortSignal): Promise<MeetingView> {
    return this.json('GET', pathTo(routes.meetingView, { caseId }), undefined, signal);
  }

  /**
   * The side panel as it changes: the server's `view` events, the view now and after every change
   * (server-sent events read through fetch, so the sign-in header goes with them). Resolves when the
   * stream ends; abort `signal` to close it.
   */
  meetingStream(caseId: string, onView: (view: MeetingView) => void, signal: AbortSignal): Promise<void> {
    return this.events(pathTo(routes.meetingStream, { caseId }), onView, signal);
  }

  /** The stage's stream: what it shows this viewer now, then after every change (as meetingStream). */
  meetingStageStream(
    caseId: string,
    onView: (content: StageContent) => void,
    signal: AbortSignal,
  ): Promise<void> {
    return this.events(pathTo(routes.meetingStageStream, { caseId }), onView, signal);
  }

  /** Reads server-sent events' data as JSON until the stream ends (resolves) or fails (rejects). */
  private async events<T>(path: string, onEvent: (data: T) => void, signal: AbortSignal): Promise<void> {
    const response = await this.send('GET', path, undefined, { signal });
    const reader = response.body?.getReader();
    if (!reader) return;
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n');
        buffer = buffer.slice(end + 2);
        if (data) onEvent(JSON.parse(data) as T);
      }
    }
  }

  meetingNote(caseId: string, body: MeetingNoteBody): Promise<MeetingView> {
    return this.json('POST', pathTo(routes.meetingNote, { caseId }), body);
  }

  meetingEnd(caseId: string, requestId: string): Promise<MeetingEnded> {
    return this.json('POST', pathTo(routes.meetingEnd, { caseId }), { requestId });
  }

  /** The latest .ics of the booking (local mode), with the token, as a blob. */
  async panelCalendar(caseId: string): Promise<Blob> {
    return (await this.send('GET', pathTo(routes.panelCalendar, { caseId }))).blob();
  }
}

// The contract's request and answer types, for the views (they import the client, not bot/api, for these).
export type {
  BookingResult,
  BookPanelBody,
  CancelPanelBody,
  IssuedLetter,
  IssueLetterBody,
  LetterKind,
  LetterList,
  LetterOptionsBody,
  LetterPreview,
  LetterSummary,
  MyReturnRequest,
  OutboxMessage,
  PanelPapers,
  PanelSlots,
  PanelSlotsBody,
  QuorumView,
  RecordedEmail,
  ReschedulePanelBody,
  ReturnRequestView,
} from '../../../bot/api/contract';

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
