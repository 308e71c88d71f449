/**
 * Every route the server serves, by name: the typed client builds its URLs from this table, the OpenAPI
 * document (bot/server/openapi.ts) must describe each one (its type says so), and a test checks the
 * express app serves nothing that is not here. Paths use OpenAPI's `{param}`; express's `:param` is the
 * same route. Plain data, so the tab's first screen can import it for nothing.
 */

export type RouteMethod = 'GET' | 'POST';

export interface Route {
  method: RouteMethod;
  path: string;
  /** Served in local mode only (the local sign-in, the outbox). */
  localOnly?: true;
}

export const routes = {
  health: { method: 'GET', path: '/healthz' },
  botMessages: { method: 'POST', path: '/api/messages' },
  openapi: { method: 'GET', path: '/api/openapi.json' },
  me: { method: 'GET', path: '/api/me' },
  people: { method: 'GET', path: '/api/local/people', localOnly: true },
  signIn: { method: 'POST', path: '/api/local/sign-in', localOnly: true },
  listCases: { method: 'GET', path: '/api/cases' },
  createCase: { method: 'POST', path: '/api/cases' },
  getCase: { method: 'GET', path: '/api/cases/{caseId}' },
  recordEvent: { method: 'POST', path: '/api/cases/{caseId}/events' },
  remindNow: { method: 'POST', path: '/api/cases/{caseId}/requests/{requestId}/remind' },
  getFile: { method: 'GET', path: '/api/cases/{caseId}/files/{fileId}' },
  // Issue 15: a document added to the case (document-routes.ts).
  addDocument: { method: 'POST', path: '/api/cases/{caseId}/documents' },
  statistics: { method: 'GET', path: '/api/statistics' },
  statisticsCsv: { method: 'GET', path: '/api/statistics.csv' },
  accessLog: { method: 'GET', path: '/api/access-log' },
  // The partner return page, the Outlook add-in and local mode's outbox (partner-routes.ts).
  myRequests: { method: 'GET', path: '/api/returns' },
  returnRequest: { method: 'GET', path: '/api/returns/{caseId}/{requestId}' },
  submitReturn: { method: 'POST', path: '/api/returns/{caseId}/{requestId}' },
  emailCase: { method: 'GET', path: '/api/outlook/email-case' },
  emailApplication: { method: 'POST', path: '/api/outlook/cases' },
  outbox: { method: 'GET', path: '/api/outbox', localOnly: true },
  outboxMessage: { method: 'GET', path: '/api/outbox/{id}', localOnly: true },
  // Letters (letter-routes.ts).
  letters: { method: 'GET', path: '/api/cases/{caseId}/letters' },
  previewLetterByQuery: { method: 'GET', path: '/api/cases/{caseId}/letters/{kind}/preview' },
  previewLetter: { method: 'POST', path: '/api/cases/{caseId}/letters/{kind}/preview' },
  issueLetter: { method: 'POST', path: '/api/cases/{caseId}/letters/{kind}' },
  // The panel (panel-routes.ts).
  panelQuorum: { method: 'GET', path: '/api/cases/{caseId}/panel/quorum' },
  panelPeople: { method: 'GET', path: '/api/cases/{caseId}/panel/people' },
  panelSlots: { method: 'POST', path: '/api/cases/{caseId}/panel/slots' },
  bookPanel: { method: 'POST', path: '/api/cases/{caseId}/panel/book' },
  reschedulePanel: { method: 'POST', path: '/api/cases/{caseId}/panel/reschedule' },
  cancelPanel: { method: 'POST', path: '/api/cases/{caseId}/panel/cancel' },
  panelPapers: { method: 'POST', path: '/api/cases/{caseId}/panel/papers' },
  panelCalendar: { method: 'GET', path: '/api/cases/{caseId}/panel/calendar.ics' },
  // Issue 16: the review in the panel's meeting (meeting-routes.ts).
  meetingView: { method: 'GET', path: '/api/cases/{caseId}/meeting' },
  meetingStream: { method: 'GET', path: '/api/cases/{caseId}/meeting/stream' },
  meetingNote: { method: 'POST', path: '/api/cases/{caseId}/meeting/notes' },
  meetingEnd: { method: 'POST', path: '/api/cases/{caseId}/meeting/end' },
  meetingStage: { method: 'GET', path: '/api/cases/{caseId}/meeting/stage' },
  meetingStageStream: { method: 'GET', path: '/api/cases/{caseId}/meeting/stage/stream' },
  // Data protection (data-protection-routes.ts).
  retention: { method: 'GET', path: '/api/retention' },
  retentionSweep: { method: 'POST', path: '/api/retention/sweep' },
  legalHold: { method: 'POST', path: '/api/cases/{caseId}/legal-hold' },
  subjectAccessSearch: { method: 'POST', path: '/api/subject-access/search' },
  subjectAccessExport: { method: 'POST', path: '/api/subject-access/export' },
  // The victim's voice and GOV.UK Notify's receipts (bot/public/wire.ts).
  victimVoice: { method: 'GET', path: '/api/cases/{caseId}/victim-voice' },
  notifyCallback: { method: 'POST', path: '/api/notify/callback' },
} as const satisfies Record<string, Route>;

export type RouteName = keyof typeof routes;

/** The names a path's `{param}`s take. */
type ParamsOf<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamsOf<Rest>
  : never;

export type PathParams<R extends Route> = [ParamsOf<R['path']>] extends [never]
  ? Record<string, never>
  : Record<ParamsOf<R['path']>, string>;

/** A route's URL with its parameters filled in (each encoded) and an optional query string. */
export function pathTo<R extends Route>(
  route: R,
  params: PathParams<R>,
  query?: Record<string, string | number | undefined>,
): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = (params as Record<string, string | undefined>)[name];
    if (value === undefined) throw new Error(`${route.path} needs ${name}`);
    return encodeURIComponent(value);
  });
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** The express form of a route's path (`{caseId}` as `:caseId`), for registering it. */
export function expressPath(route: Route): string {
  return route.path.replace(/\{(\w+)\}/g, ':$1');
}
