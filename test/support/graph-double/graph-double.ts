/**
 * A stand-in for the Microsoft Graph endpoints the SharePoint case store, provisioning and the Teams
 * workspace use: sites, lists, columns, list items (filter, order, paging, If-Match etags, unique values,
 * the list view threshold), the site's drive (upload, download), a team's channels and JSON batching. It
 * listens on 127.0.0.1 (random port), counts every request (sub-requests of a batch included) and can
 * inject 429/503/504/403 answers or a dropped connection by rule.
 *
 * It is as strict as Microsoft documents, never kinder; each rule names its Microsoft Learn page:
 * - JSON batching (graph/json-batching): at most 20 requests; ids unique (not case-sensitive); relative
 *   urls; a request with a body carries Content-Type, or the whole batch is 400; `dependsOn` in one of
 *   the shapes Graph runs (parallel, serial, or all on one request - the rule the Graph JS SDK's
 *   `BatchRequestContent.validateDependencies` encodes), otherwise 400; a dependent of a failed request
 *   is answered 424.
 * - Permissions (graph/api/<page>, "Permissions" tables, in graph-permissions.ts): every request and
 *   sub-request is checked against the grants the double was started with - by default what the package
 *   declares (declared-permissions.ts) - and answered 403 as Graph does when its permission is missing.
 * - List items (graph/api/listitem-list, listitem-update): filters and orderby only on indexed columns
 *   unless `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly`; past 5,000 items a query must be
 *   served by one indexed column narrowing it below 5,000 ("the service can only filter one indexed
 *   field at a time"); pages of 200 by default with `@odata.nextLink`; `If-Match` answered 412 when stale;
 *   the update answer is the fieldValueSet as documented, without `@odata.etag`.
 * - Throttling (graph/throttling): 429 and 503 carry Retry-After; faults are injected by rule.
 */
import { randomUUID } from 'node:crypto';
import { createChannel, DoubleChats, listChannels } from './teams-routes';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  compare,
  evaluate,
  ODataSyntaxError,
  parseFilter,
  parseOrderBy,
  propertiesOf,
  type Filter,
  type OrderBy,
} from './odata-filter';
import { declaredGrants } from './declared-permissions';
import {
  appToken,
  authorize,
  callerOf,
  delegatedToken,
  type Caller,
  type Grants,
  type PermissionRule,
  type Scope,
  type SiteRole,
} from './graph-auth';
import { RULES } from './graph-permissions';

/** SharePoint's list view threshold. */
export const LIST_VIEW_THRESHOLD = 5000;
export const MAX_BATCH = 20;
/** The community safety team the double knows (its Entra group id), with the app installed in it. */
export const DOUBLE_TEAM_ID = '00000000-0000-4000-8000-0000000c5a1e';
const MAX_INDEXES = 20;
const DEFAULT_PAGE = 200;
const HONOR_NON_INDEXED = 'HonorNonIndexedQueriesWarningMayFailRandomly';
const TYPE_FACETS = [
  'boolean',
  'calculated',
  'choice',
  'currency',
  'dateTime',
  'geolocation',
  'hyperlinkOrPicture',
  'lookup',
  'number',
  'personOrGroup',
  'text',
  'term',
  'thumbnail',
] as const;

export interface DoubleColumn {
  id: string;
  name: string;
  type: (typeof TYPE_FACETS)[number];
  multiline: boolean;
  indexed: boolean;
  enforceUniqueValues: boolean;
  readOnly: boolean;
  definition: Record<string, unknown>;
}

export interface DoubleItem {
  id: number;
  guid: string;
  version: number;
  fields: Record<string, unknown>;
  created: string;
  modified: string;
}

export interface DoubleList {
  id: string;
  name: string;
  displayName: string;
  description: string;
  template: string;
  columns: DoubleColumn[];
  items: Map<number, DoubleItem>;
  nextId: number;
  created: string;
}

interface DriveEntry {
  id: string;
  path: string;
  name: string;
  folder: boolean;
  bytes: Buffer;
  mimeType: string;
  version: number;
}

export interface DoubleSite {
  id: string;
  hostname: string;
  path: string;
  lists: DoubleList[];
  drive: Map<string, DriveEntry>;
}

export interface RequestInfo {
  method: string;
  /** The path and query after the version, e.g. `/sites/{id}/lists/{id}/items?$filter=...` (decoded). */
  path: string;
  inBatch: boolean;
}

export interface DoubleChannel {
  id: string;
  displayName: string;
  description: string;
  membershipType: string;
}

export interface GraphDoubleOptions {
  /** What the app was granted; default: what the package declares, with Sites.Selected `write` here. */
  grants?: (site: { id: string }) => Grants;
  /**
   * Server-driven paging: at most this many items a page, whatever `$top` asks, the rest behind
   * `@odata.nextLink` (graph/paging: a page may be shorter than requested). Default: `$top` honoured.
   */
  maxPageSize?: number;
}

export interface FaultRule {
  /** The answer: 429, 503, 403, ... (ignored for `reset`). */
  status?: number;
  /** Seconds, sent as `Retry-After` with 429 and 503. */
  retryAfter?: number;
  /**
   * `respond` (default): answer with `status`; `reset`: drop the connection without answering (a batch
   * stops at this sub-request); `delay`: hold a whole request `delayMs` before handling it normally.
   */
  action?: 'respond' | 'reset' | 'delay';
  delayMs?: number;
  /** `http`: whole requests only; `batch-item`: sub-requests only; `any` (default): both. */
  scope?: 'http' | 'batch-item' | 'any';
  match?: (r: RequestInfo) => boolean;
  /** Fire on every Nth matching request only. */
  every?: number;
  /** Fire this many times at most (a storm of K), then stand down. */
  times?: number;
}

interface ArmedRule extends FaultRule {
  seen: number;
  fired: number;
}

export interface RequestLogEntry extends RequestInfo {
  status: number;
  /** The permission that allowed the call (none when it was refused or never checked). */
  permission?: string;
  /** The Learn page of the route's permissions. */
  doc?: string;
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

class Drop extends Error {}

const graphError = (
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

/**
 * A list query past the list view threshold. Through Graph, SharePoint's SPQueryThrottledException comes
 * back as 429 (reported against Graph: msgraph-sdk-dotnet issue 827, "429 ... get items with filter from
 * a large list"), with SharePoint's own message; waiting does not help, so no Retry-After.
 */
const thresholdError = () =>
  graphError(
    429,
    'activityLimitReached',
    'The attempted operation is prohibited because it exceeds the list view threshold.',
  );

const notFound = (what: string) => graphError(404, 'itemNotFound', `The specified ${what} was not found`);
const bad = (message: string) => graphError(400, 'invalidRequest', message);

export class GraphDouble {
  readonly site: DoubleSite;
  /** Every request answered, newest last (sub-requests of a batch included, marked `inBatch`). */
  readonly log: RequestLogEntry[] = [];
  /** What the app has been granted (mutable: a test may take a grant away or add one). */
  grants: Grants;
  /** Teams by Entra group id, each with its channels ("General" first). */
  readonly teams = new Map<string, DoubleChannel[]>();
  /** Issue 16: meeting chats, where the app is installed and its tab pinned. */
  readonly chats = new DoubleChats();
  private readonly rules: ArmedRule[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly downloads = new Map<string, string>();
  private counts = { http: 0, batches: 0, subRequests: 0 };
  private readonly maxPageSize: number;

  private constructor(
    private readonly server: Server,
    readonly origin: string,
    options: GraphDoubleOptions,
  ) {
    this.maxPageSize = options.maxPageSize ?? LIST_VIEW_THRESHOLD;
    this.site = {
      id: `contoso.sharepoint.com,${randomUUID()},${randomUUID()}`,
      hostname: 'contoso.sharepoint.com',
      path: '/sites/community-safety',
      lists: [],
      drive: new Map(),
    };
    this.site.lists.push(this.newList('Documents', 'documentLibrary', []));
    this.teams.set(DOUBLE_TEAM_ID, [
      {
        id: '19:general-community-safety@thread.tacv2',
        displayName: 'General',
        description: '',
        membershipType: 'standard',
      },
    ]);
    this.grants =
      options.grants?.(this.site) ??
      declaredGrants({ teamId: DOUBLE_TEAM_ID, site: { id: this.site.id, role: 'write' } });
  }

  static async start(options: GraphDoubleOptions = {}): Promise<GraphDouble> {
    const ref: { double?: GraphDouble } = {};
    const server = createServer((req, res) => {
      void ref.double?.serve(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const double = new GraphDouble(server, `http://127.0.0.1:${port}`, options);
    ref.double = double;
    server.on('connection', (s) => {
      double.sockets.add(s);
      s.on('close', () => double.sockets.delete(s));
    });
    return double;
  }

  /** An app-only token carrying the application permissions granted (client credentials, as Entra issues). */
  appToken(): string {
    return appToken(this.grants.application);
  }

  /** A token source for GraphApi that always asks the double for an app-only token with today's grants. */
  get tokens(): { getToken(): Promise<string> } {
    return { getToken: async () => this.appToken() };
  }

  /** A delegated token with the delegated permissions granted (on-behalf-of a signed-in user). */
  delegatedToken(): string {
    return delegatedToken(this.grants.delegated);
  }

  /** Sites.Selected: the role the app holds on the site (`manage` to provision, `write` to run). */
  grantSite(role: SiteRole | null): void {
    const siteRoles = { ...this.grants.siteRoles };
    if (role) siteRoles[this.site.id] = role;
    else delete siteRoles[this.site.id];
    this.grants = { ...this.grants, siteRoles };
  }

  /** Removes one permission from every kind of grant (to prove its call is refused). */
  revoke(permission: string): void {
    const g = this.grants;
    const { [permission]: _gone, ...exchange } = g.exchange;
    this.grants = {
      ...g,
      application: g.application.filter((p) => p !== permission),
      delegated: g.delegated.filter((p) => p !== permission),
      rsc: g.rsc.filter((p) => p !== permission),
      exchange,
    };
  }

  channels(teamId = DOUBLE_TEAM_ID): DoubleChannel[] {
    return this.teams.get(teamId) ?? [];
  }

  /** What GRAPH_BASE_URL should be to talk to this double. */
  get baseUrl(): string {
    return `${this.origin}/v1.0`;
  }

  get siteUrl(): string {
    return `https://${this.site.hostname}${this.site.path}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** HTTP requests (a batch counts once), batches, sub-requests, and `total` = HTTP + sub-requests. */
  stats(): { http: number; batches: number; subRequests: number; total: number } {
    return { ...this.counts, total: this.counts.http + this.counts.subRequests };
  }

  resetStats(): void {
    this.counts = { http: 0, batches: 0, subRequests: 0 };
    this.log.length = 0;
  }

  addFault(rule: FaultRule): void {
    this.rules.push({ ...rule, seen: 0, fired: 0 });
  }

  clearFaults(): void {
    this.rules.length = 0;
  }

  list(displayName: string): DoubleList {
    const list = this.site.lists.find((l) => l.displayName === displayName);
    if (!list) throw new Error(`The double has no list "${displayName}".`);
    return list;
  }

  /** Puts items straight into a list's storage (no HTTP), e.g. to pass the list view threshold fast. */
  seedItems(displayName: string, rows: Record<string, unknown>[]): void {
    const list = this.list(displayName);
    const now = new Date().toISOString();
    for (const fields of rows) {
      const id = list.nextId++;
      list.items.set(id, {
        id,
        guid: randomUUID(),
        version: 1,
        fields: { ...fields },
        created: now,
        modified: now,
      });
    }
  }

  /** The bytes stored in the drive at a path such as `ASB Case Files/<case>/<file>.docx`. */
  driveFile(path: string): Buffer | undefined {
    return this.site.drive.get(normalizeDrivePath(path))?.bytes;
  }

  // --- HTTP ---------------------------------------------------------------------------------------

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    try {
      if (url.startsWith('/_download/')) return this.send(res, this.download(url));
      this.counts.http++;
      if (!url.startsWith('/v1.0/')) return this.send(res, bad(`Invalid version in '${url}'.`));
      const path = url.slice('/v1.0'.length);
      const info: RequestInfo = { method, path: safeDecode(path), inBatch: false };
      const caller = callerOf(req.headers.authorization);
      if ('status' in caller) return this.send(res, caller, info);
      const fault = this.fault(info);
      if (fault && 'delayMs' in fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      else if (fault) return this.send(res, fault, info);
      const headers = lowerHeaders(req.headers);
      const reply =
        method === 'POST' && path.split('?')[0] === '/$batch'
          ? await this.batch(body, caller)
          : this.handle(method, path, headers, body, caller);
      this.send(res, reply, info);
    } catch (err) {
      if (err instanceof Drop) {
        req.socket.destroy();
        return;
      }
      this.send(res, graphError(500, 'generalException', err instanceof Error ? err.message : String(err)));
    }
  }

  private send(res: ServerResponse, reply: Reply, info?: RequestInfo): void {
    if (info) this.record(info, reply);
    const headers: Record<string, string> = { ...(reply.headers ?? {}) };
    let payload: Buffer | undefined;
    if (reply.raw) payload = reply.raw;
    else if (reply.body !== undefined) {
      payload = Buffer.from(JSON.stringify(reply.body));
      headers['content-type'] = 'application/json;odata.metadata=minimal;charset=utf-8';
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  private record(info: RequestInfo, reply: Reply): void {
    this.log.push({
      ...info,
      status: reply.status,
      ...(reply.permission ? { permission: reply.permission } : {}),
      ...(reply.doc ? { doc: reply.doc } : {}),
    });
    if (this.log.length > 20000) this.log.splice(0, 10000);
  }

  private fault(info: RequestInfo): Reply | { delayMs: number } | null {
    for (const rule of this.rules) {
      const scope = rule.scope ?? 'any';
      if (scope === 'http' && info.inBatch) continue;
      if (scope === 'batch-item' && !info.inBatch) continue;
      if (rule.match && !rule.match(info)) continue;
      rule.seen++;
      if (rule.every && rule.seen % rule.every !== 0) continue;
      if (rule.times !== undefined && rule.fired >= rule.times) continue;
      rule.fired++;
      if (rule.action === 'reset') throw new Drop();
      if (rule.action === 'delay') {
        if (info.inBatch) continue;
        return { delayMs: rule.delayMs ?? 50 };
      }
      const status = rule.status ?? 429;
      const headers: Record<string, string> = {};
      if ((status === 429 || status === 503) && rule.retryAfter !== undefined)
        headers['Retry-After'] = String(rule.retryAfter);
      if (status === 429)
        return graphError(429, 'TooManyRequests', 'The request has been throttled', headers);
      if (status === 503) return graphError(503, 'serviceNotAvailable', 'Service unavailable', headers);
      if (status === 504) return graphError(504, 'gatewayTimeout', 'Gateway timeout', headers);
      if (status === 403)
        return graphError(
          403,
          'accessDenied',
          'Access denied. You do not have permission to perform this action or access this resource.',
        );
      return graphError(status, 'generalException', 'Injected failure');
    }
    return null;
  }

  // --- JSON batching ------------------------------------------------------------------------------

  private async batch(body: Buffer, caller: Caller): Promise<Reply> {
    this.counts.batches++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return bad('Invalid batch payload format.');
    }
    const requests = (parsed as { requests?: unknown }).requests;
    if (!Array.isArray(requests) || requests.length === 0) return bad('Invalid batch payload format.');
    const problem = batchProblem(requests as Record<string, unknown>[]);
    if (problem) return graphError(400, 'BadRequest', problem);
    const byId = new Map<string, Record<string, unknown>>();
    for (const r of requests as Record<string, unknown>[]) byId.set(String(r.id), r);
    // Graph runs each request once its dependency is done; a dependent of a failed one is answered 424.
    const done = new Map<string, Reply>();
    for (const [id, r] of byId) {
      const dep = Array.isArray(r.dependsOn) ? (r.dependsOn[0] as string | undefined) : undefined;
      const failed = dep !== undefined && !ok((done.get(dep) as Reply).status);
      done.set(
        id,
        failed
          ? graphError(424, 'FailedDependency', 'Failed dependency: an earlier request failed.')
          : this.subRequest(r, caller),
      );
    }
    // Graph may answer in any order: answer in reverse so clients must match on id.
    const responses = [...byId.keys()].reverse().map((id) => {
      const reply = done.get(id) as Reply;
      return {
        id,
        status: reply.status,
        headers: {
          ...(reply.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(reply.headers ?? {}),
        },
        ...(reply.body !== undefined ? { body: reply.body } : {}),
      };
    });
    return { status: 200, body: { responses } };
  }

  private subRequest(r: Record<string, unknown>, caller: Caller): Reply {
    this.counts.subRequests++;
    const method = String(r.method).toUpperCase();
    const path = String(r.url).startsWith('/') ? String(r.url) : `/${String(r.url)}`;
    const info: RequestInfo = { method, path: safeDecode(path), inBatch: true };
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((r.headers as Record<string, string> | undefined) ?? {}))
      headers[k.toLowerCase()] = String(v);
    const fault = this.fault(info);
    let reply: Reply | null = fault && 'status' in fault ? fault : null;
    if (!reply) {
      const body = r.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(r.body));
      reply = this.handle(method, path, headers, body, caller);
    }
    this.record(info, reply);
    return reply;
  }

  // --- routing ------------------------------------------------------------------------------------

  private handle(
    method: string,
    pathAndQuery: string,
    headers: Record<string, string>,
    body: Buffer,
    caller: Caller,
  ): Reply {
    const q = pathAndQuery.indexOf('?');
    const rawPath = q === -1 ? pathAndQuery : pathAndQuery.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : pathAndQuery.slice(q + 1));
    // Each route is checked against its Learn page's permissions before it runs.
    const guard = (rule: PermissionRule, scope: Scope, run: () => Reply): Reply => {
      const verdict = authorize(rule, caller, this.grants, scope);
      if ('status' in verdict) return { ...verdict, doc: rule.doc };
      return { ...run(), permission: verdict.permission, doc: rule.doc };
    };
    const teams = /^\/teams\/([^/]+)\/channels$/.exec(rawPath);
    if (teams) {
      const teamId = safeDecode(teams[1] as string);
      if (method === 'GET')
        return guard(RULES.channelsList, { teamId }, () => listChannels(this.teams, teamId, query, tryParse));
      if (method === 'POST')
        return guard(RULES.channelCreate, { teamId }, () => createChannel(this.teams, teamId, json(body)));
      return notAllowed();
    }
    // Issue 16: the app installed in a meeting's chat, and its tab pinned there (teams-routes.ts).
    const chat = /^\/chats\/([^/]+)\/(installedApps|tabs)$/.exec(rawPath);
    if (chat && method === 'POST') {
      const chatId = safeDecode(chat[1] as string);
      return chat[2] === 'tabs'
        ? guard(RULES.chatAddTab, {}, () => this.chats.addTab(chatId, json(body)))
        : guard(RULES.chatInstallApp, {}, () => this.chats.installApp(chatId, json(body)));
    }
    const byPath = /^\/sites\/([^/:]+):(\/[^:]*?)(?::(\/.*))?$/.exec(rawPath);
    let site: DoubleSite | undefined;
    let rest: string;
    if (byPath) {
      const [, host, sitePath, tail] = byPath;
      const wanted = safeDecode(sitePath as string)
        .replace(/\/$/, '')
        .toLowerCase();
      if (host?.toLowerCase() === this.site.hostname && wanted === this.site.path.toLowerCase())
        site = this.site;
      rest = tail ?? '';
    } else {
      const m = /^\/sites\/([^/]+)(\/.*)?$/.exec(rawPath);
      if (!m) return bad(`Resource not found for the segment '${rawPath.split('/')[1] ?? ''}'.`);
      if (safeDecode(m[1] as string) === this.site.id) site = this.site;
      rest = m[2] ?? '';
    }
    if (!site) return notFound('site');
    const scope: Scope = { siteId: site.id };
    if (rest === '' || rest === '/')
      return method === 'GET'
        ? guard(RULES.siteGet, scope, () => ({ status: 200, body: this.siteJson() }))
        : notAllowed();
    if (rest.startsWith('/drive/')) {
      const driveRest = rest.slice('/drive'.length);
      const rule =
        method === 'PUT' ? RULES.driveUpload : method === 'DELETE' ? RULES.driveDelete : RULES.driveGet;
      return guard(rule, scope, () => this.handleDrive(method, driveRest, headers, body));
    }

    const parts = rest.split('/').slice(1).map(safeDecode);
    if (parts[0] !== 'lists') return bad(`Resource not found for the segment '${parts[0] ?? ''}'.`);
    if (parts.length === 1) {
      if (method === 'GET') return guard(RULES.listsList, scope, () => this.getLists(query));
      if (method === 'POST') return guard(RULES.listCreate, scope, () => this.createList(json(body)));
      return notAllowed();
    }
    const list = this.site.lists.find(
      (l) => l.id === parts[1] || l.name.toLowerCase() === parts[1]?.toLowerCase(),
    );
    if (!list) return notFound('list');
    if (parts.length === 2)
      return method === 'GET'
        ? guard(RULES.listGet, scope, () => ({ status: 200, body: this.listJson(list) }))
        : notAllowed();
    if (parts[2] === 'columns') {
      if (parts.length === 3) {
        if (method === 'GET')
          return guard(RULES.columnsList, scope, () => ({
            status: 200,
            body: { value: list.columns.map(columnJson) },
          }));
        if (method === 'POST')
          return guard(RULES.columnCreate, scope, () => this.createColumn(list, json(body)));
        return notAllowed();
      }
      const column = list.columns.find((c) => c.id === parts[3] || c.name === parts[3]);
      if (!column) return notFound('column');
      if (parts.length === 4 && method === 'PATCH')
        return guard(RULES.columnUpdate, scope, () => this.updateColumn(list, column, json(body)));
      if (parts.length === 4 && method === 'GET')
        return guard(RULES.columnsList, scope, () => ({ status: 200, body: columnJson(column) }));
      return notAllowed();
    }
    if (parts[2] !== 'items') return bad(`Resource not found for the segment '${parts[2] ?? ''}'.`);
    if (parts.length === 3) {
      if (method === 'GET') return guard(RULES.itemsList, scope, () => this.getItems(list, query, headers));
      if (method === 'POST') return guard(RULES.itemCreate, scope, () => this.createItem(list, json(body)));
      return notAllowed();
    }
    const item = list.items.get(Number(parts[3]));
    const itemRule =
      method === 'GET' ? RULES.itemGet : method === 'DELETE' ? RULES.itemDelete : RULES.itemUpdate;
    return guard(itemRule, scope, () => {
      if (!item || !/^\d+$/.test(parts[3] ?? '')) return notFound('list item');
      if (parts.length === 4) {
        if (method === 'GET') return { status: 200, body: this.itemJson(list, item, expandOf(query)) };
        if (method === 'DELETE') {
          const stale = this.staleEtag(item, headers);
          if (stale) return stale;
          list.items.delete(item.id);
          return { status: 204 };
        }
        return notAllowed();
      }
      if (parts.length === 5 && parts[4] === 'fields' && method === 'PATCH')
        return this.updateFields(list, item, json(body), headers);
      return notAllowed();
    });
  }

  // --- teams and channels -------------------------------------------------------------------------

  // --- sites and lists ----------------------------------------------------------------------------

  private siteJson() {
    return {
      id: this.site.id,
      name: this.site.path.split('/').pop(),
      displayName: 'Community Safety',
      webUrl: this.siteUrl,
      siteCollection: { hostname: this.site.hostname },
    };
  }

  private newList(displayName: string, template: string, columns: DoubleColumn[]): DoubleList {
    const builtIn = (name: string, readOnly: boolean, type: DoubleColumn['type']): DoubleColumn => ({
      id: randomUUID(),
      name,
      type,
      multiline: false,
      indexed: false,
      enforceUniqueValues: false,
      readOnly,
      definition: { [type]: {} },
    });
    return {
      id: randomUUID(),
      name: displayName.replace(/[^A-Za-z0-9_-]/g, ''),
      displayName,
      description: '',
      template,
      columns: [
        builtIn('Title', false, 'text'),
        builtIn('Created', true, 'dateTime'),
        builtIn('Modified', true, 'dateTime'),
        ...columns,
      ],
      items: new Map(),
      nextId: 1,
      created: new Date().toISOString(),
    };
  }

  private listJson(list: DoubleList) {
    return {
      '@odata.etag': `"${list.id},1"`,
      id: list.id,
      name: list.name,
      displayName: list.displayName,
      description: list.description,
      createdDateTime: list.created,
      lastModifiedDateTime: list.created,
      webUrl: `${this.siteUrl}/Lists/${list.name}`,
      list: { template: list.template, hidden: false, contentTypesEnabled: false },
    };
  }

  private getLists(query: URLSearchParams): Reply {
    let lists = this.site.lists;
    const filter = query.get('$filter');
    if (filter) {
      const parsed = tryParse(() => parseFilter(filter));
      if ('status' in parsed) return parsed;
      lists = lists.filter((l) =>
        evaluate(parsed, (p) =>
          p === 'displayName' ? l.displayName : p === 'name' ? l.name : p === 'id' ? l.id : undefined,
        ),
      );
    }
    return { status: 200, body: { value: lists.map((l) => this.listJson(l)) } };
  }

  private createList(body: Record<string, unknown>): Reply {
    const displayName = body.displayName;
    if (typeof displayName !== 'string' || displayName.trim() === '')
      return bad('A list needs a displayName.');
    if (this.site.lists.some((l) => l.displayName.toLowerCase() === displayName.toLowerCase()))
      return graphError(
        409,
        'nameAlreadyExists',
        'A list, survey, discussion board, or document library with the specified title already exists in this Web site.',
      );
    const template = ((body.list as { template?: string } | undefined)?.template ?? 'genericList').toString();
    const list = this.newList(displayName, template, []);
    list.description = typeof body.description === 'string' ? body.description : '';
    for (const def of (body.columns as Record<string, unknown>[] | undefined) ?? []) {
      const problem = this.addColumn(list, def);
      if (problem) return problem;
    }
    this.site.lists.push(list);
    return { status: 201, body: this.listJson(list) };
  }

  private addColumn(list: DoubleList, def: Record<string, unknown>): Reply | null {
    const facets = TYPE_FACETS.filter((f) => def[f] !== undefined && def[f] !== null);
    if (facets.length !== 1)
      return bad(
        `A column definition needs exactly one type facet; '${String(def.name)}' has ${facets.length}.`,
      );
    const name = def.name;
    if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name))
      return bad('Invalid column name.');
    if (list.columns.some((c) => c.name.toLowerCase() === name.toLowerCase()))
      return graphError(409, 'nameAlreadyExists', `A column named '${name}' already exists.`);
    const type = facets[0] as DoubleColumn['type'];
    const multiline =
      type === 'text' && (def.text as { allowMultipleLines?: boolean }).allowMultipleLines === true;
    const indexed = def.indexed === true;
    const unique = def.enforceUniqueValues === true;
    if (unique && !indexed)
      return bad(`Column '${name}': unique values can only be enforced on an indexed column.`);
    if (indexed && multiline)
      return bad(`Column '${name}': a multiple lines of text column cannot be indexed.`);
    if (indexed && list.columns.filter((c) => c.indexed).length >= MAX_INDEXES)
      return bad(`The list '${list.displayName}' already has the maximum of ${MAX_INDEXES} indexed columns.`);
    list.columns.push({
      id: randomUUID(),
      name,
      type,
      multiline,
      indexed,
      enforceUniqueValues: unique,
      readOnly: false,
      definition: def,
    });
    return null;
  }

  private createColumn(list: DoubleList, def: Record<string, unknown>): Reply {
    const problem = this.addColumn(list, def);
    if (problem) return problem;
    return { status: 201, body: columnJson(list.columns[list.columns.length - 1] as DoubleColumn) };
  }

  private updateColumn(list: DoubleList, column: DoubleColumn, body: Record<string, unknown>): Reply {
    if (body.indexed === true && !column.indexed) {
      if (column.multiline)
        return bad(`Column '${column.name}': a multiple lines of text column cannot be indexed.`);
      if (list.columns.filter((c) => c.indexed).length >= MAX_INDEXES)
        return bad(
          `The list '${list.displayName}' already has the maximum of ${MAX_INDEXES} indexed columns.`,
        );
      column.indexed = true;
    }
    if (body.indexed === false) column.indexed = false;
    if (body.enforceUniqueValues !== undefined) {
      if (body.enforceUniqueValues === true && !column.indexed)
        return bad(`Column '${column.name}': unique values can only be enforced on an indexed column.`);
      column.enforceUniqueValues = body.enforceUniqueValues === true;
    }
    return { status: 200, body: columnJson(column) };
  }

  // --- items --------------------------------------------------------------------------------------

  private getItems(list: DoubleList, query: URLSearchParams, headers: Record<string, string>): Reply {
    let filter: Filter | undefined;
    let order: OrderBy[] = [];
    const f = query.get('$filter');
    const o = query.get('$orderby');
    if (f) {
      const parsed = tryParse(() => parseFilter(f));
      if ('status' in parsed) return parsed;
      filter = parsed;
    }
    if (o) {
      const parsed = tryParse(() => parseOrderBy(o));
      if ('status' in parsed) return parsed;
      order = parsed;
    }
    const properties = [...(filter ? propertiesOf(filter) : []), ...order.map((x) => x.property)];
    const nonIndexed: string[] = [];
    for (const p of properties) {
      if (p === 'id') continue;
      if (!p.startsWith('fields/'))
        return bad(`Could not find a property named '${p}' on type 'microsoft.graph.listItem'.`);
      const name = p.slice('fields/'.length);
      if (name === 'ID' || name === 'id') continue;
      const column = list.columns.find((c) => c.name === name);
      if (!column) return bad(`Field '${name}' is not recognized`);
      if (!column.indexed && !nonIndexed.includes(name)) nonIndexed.push(name);
    }
    const big = list.items.size > LIST_VIEW_THRESHOLD;
    if (nonIndexed.length > 0) {
      if (big) return thresholdError();
      if (!(headers.prefer ?? '').includes(HONOR_NON_INDEXED))
        return bad(
          `Field '${nonIndexed[0]}' cannot be referenced in filter or orderby as it is not indexed. ` +
            `Provide the 'Prefer: ${HONOR_NON_INDEXED}' header to allow this, but be warned that such ` +
            'queries may fail on lists with over 5000 items.',
        );
    }
    const get = (item: DoubleItem) => (p: string) => {
      const name = p.startsWith('fields/') ? p.slice(7) : p;
      return name === 'ID' || name === 'id' ? item.id : item.fields[name];
    };
    let rows = [...list.items.values()];
    if (big && filter) {
      // One indexed field serves the query (graph/api/listitem-list): what it selects must stay under
      // the threshold, whatever the rest of the filter narrows afterwards.
      const served = indexedPart(
        filter,
        (name) => list.columns.find((c) => c.name === name)?.indexed === true,
      );
      if (!served) return thresholdError();
      if (rows.filter((item) => evaluate(served, get(item))).length > LIST_VIEW_THRESHOLD)
        return thresholdError();
    }
    if (filter) rows = rows.filter((item) => evaluate(filter, get(item)));
    rows.sort((a, b) => {
      for (const { property, desc } of order) {
        const c = compare(get(a)(property) ?? '', get(b)(property) ?? '');
        if (c !== 0) return desc ? -c : c;
      }
      return a.id - b.id;
    });
    const top = Math.min(
      Number(query.get('$top') ?? DEFAULT_PAGE) || DEFAULT_PAGE,
      LIST_VIEW_THRESHOLD,
      this.maxPageSize,
    );
    const token = query.get('$skiptoken');
    const offset = token
      ? Number(/p_Index=(\d+)/.exec(Buffer.from(token, 'base64').toString())?.[1] ?? NaN)
      : 0;
    if (Number.isNaN(offset)) return bad('Invalid $skiptoken.');
    const page = rows.slice(offset, offset + top);
    const expand = expandOf(query);
    const body: Record<string, unknown> = { value: page.map((item) => this.itemJson(list, item, expand)) };
    if (offset + top < rows.length) {
      const next = new URLSearchParams(query);
      next.set('$skiptoken', Buffer.from(`Paged=TRUE&p_Index=${offset + top}`).toString('base64'));
      const qs = [...next.entries()].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
      body['@odata.nextLink'] = `${this.baseUrl}/sites/${this.site.id}/lists/${list.id}/items?${qs}`;
    }
    return { status: 200, body };
  }

  private itemJson(list: DoubleList, item: DoubleItem, expand: { fields: boolean; select: string[] | null }) {
    const etag = `"${item.guid},${item.version}"`;
    const out: Record<string, unknown> = {
      '@odata.etag': etag,
      createdDateTime: item.created,
      eTag: etag,
      id: String(item.id),
      lastModifiedDateTime: item.modified,
      webUrl: `${this.siteUrl}/Lists/${list.name}/${item.id}_.000`,
      parentReference: { id: list.id, siteId: this.site.id },
      contentType: { id: '0x0100', name: 'Item' },
    };
    if (expand.fields) out.fields = this.fieldsJson(item, expand.select);
    return out;
  }

  private fieldsJson(item: DoubleItem, select: string[] | null) {
    const fields: Record<string, unknown> = {
      '@odata.etag': `"${item.guid},${item.version}"`,
      id: String(item.id),
      Created: item.created,
      Modified: item.modified,
    };
    // SharePoint leaves empty fields out of the answer.
    for (const [k, v] of Object.entries(item.fields))
      if (v !== null && v !== undefined && v !== '') fields[k] = v;
    if (!select) return fields;
    return Object.fromEntries(
      Object.entries(fields).filter(([k]) => k === '@odata.etag' || select.includes(k)),
    );
  }

  private checkFields(list: DoubleList, fields: unknown, self?: DoubleItem): Reply | null {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
      return bad('fields must be an object.');
    for (const [name, value] of Object.entries(fields)) {
      const column = list.columns.find((c) => c.name === name);
      if (!column) return bad(`Field '${name}' is not recognized`);
      if (column.readOnly) return bad(`Field '${name}' is read-only`);
      if (value === null) continue;
      const ok =
        column.type === 'text'
          ? typeof value === 'string' && (column.multiline || value.length <= 255)
          : column.type === 'number'
            ? typeof value === 'number' && Number.isFinite(value)
            : column.type === 'boolean'
              ? typeof value === 'boolean'
              : true;
      if (!ok) return bad(`The value for field '${name}' is not valid for a ${column.type} column.`);
    }
    for (const column of list.columns.filter((c) => c.enforceUniqueValues)) {
      const value = (fields as Record<string, unknown>)[column.name];
      if (value === undefined || value === null || value === '') continue;
      for (const other of list.items.values()) {
        if (other === self) continue;
        const v = other.fields[column.name];
        if (v !== undefined && v !== null && compare(v, value) === 0)
          return graphError(
            409,
            'nameAlreadyExists',
            `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${column.name}].`,
          );
      }
    }
    return null;
  }

  private createItem(list: DoubleList, body: Record<string, unknown>): Reply {
    const problem = this.checkFields(list, body.fields ?? {});
    if (problem) return problem;
    const now = new Date().toISOString();
    const id = list.nextId++;
    const item: DoubleItem = {
      id,
      guid: randomUUID(),
      version: 1,
      fields: { ...((body.fields as Record<string, unknown> | undefined) ?? {}) },
      created: now,
      modified: now,
    };
    list.items.set(id, item);
    return { status: 201, body: this.itemJson(list, item, { fields: true, select: null }) };
  }

  private staleEtag(item: DoubleItem, headers: Record<string, string>): Reply | null {
    const ifMatch = headers['if-match'];
    if (!ifMatch || ifMatch === '*') return null;
    const given = ifMatch.replace(/^W\//, '').replace(/"/g, '');
    if (given === `${item.guid},${item.version}`) return null;
    return graphError(
      412,
      'resourceModified',
      'The resource has changed since the caller last read it; usually an eTag mismatch',
    );
  }

  private updateFields(
    list: DoubleList,
    item: DoubleItem,
    body: Record<string, unknown>,
    headers: Record<string, string>,
  ): Reply {
    const stale = this.staleEtag(item, headers);
    if (stale) return stale;
    const problem = this.checkFields(list, body, item);
    if (problem) return problem;
    Object.assign(item.fields, body);
    item.version++;
    item.modified = new Date().toISOString();
    // graph/api/listitem-update: the answer is the fieldValueSet, shown without an etag: read the item
    // again for the new one.
    const { '@odata.etag': _etag, ...fields } = this.fieldsJson(item, null);
    return { status: 200, body: fields };
  }

  // --- drive --------------------------------------------------------------------------------------

  private handleDrive(method: string, rest: string, headers: Record<string, string>, body: Buffer): Reply {
    const content = /^\/root:(\/.+):\/content$/.exec(rest);
    if (content && method === 'PUT') return this.upload(safeDecode(content[1] as string), headers, body);
    const byPath = /^\/root:(\/.+?):?$/.exec(rest);
    const byId = /^\/items\/([^/]+)(\/content)?$/.exec(rest);
    let entry: DriveEntry | undefined;
    let wantsContent = false;
    if (byPath) entry = this.site.drive.get(normalizeDrivePath(safeDecode(byPath[1] as string)));
    else if (byId) {
      entry = [...this.site.drive.values()].find((e) => e.id === byId[1]);
      wantsContent = byId[2] !== undefined;
    } else return bad(`Resource not found for the segment '${rest}'.`);
    if (!entry) return notFound('drive item');
    if (method === 'GET' && wantsContent) {
      if (entry.folder) return bad('A folder has no content.');
      const token = randomUUID();
      this.downloads.set(token, entry.path);
      return { status: 302, headers: { Location: `${this.origin}/_download/${token}` } };
    }
    if (method === 'GET') return { status: 200, body: driveItemJson(entry) };
    if (method === 'DELETE') {
      for (const key of [...this.site.drive.keys()])
        if (key === entry.path || key.startsWith(`${entry.path}/`)) this.site.drive.delete(key);
      return { status: 204 };
    }
    return notAllowed();
  }

  private upload(path: string, headers: Record<string, string>, body: Buffer): Reply {
    const key = normalizeDrivePath(path);
    const segments = key.split('/');
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join('/');
      if (!this.site.drive.has(folder))
        this.site.drive.set(folder, {
          id: randomUUID(),
          path: folder,
          name: segments[i - 1] as string,
          folder: true,
          bytes: Buffer.alloc(0),
          mimeType: '',
          version: 1,
        });
    }
    const existing = this.site.drive.get(key);
    const entry: DriveEntry = {
      id: existing?.id ?? randomUUID(),
      path: key,
      name: segments[segments.length - 1] as string,
      folder: false,
      bytes: Buffer.from(body),
      mimeType: headers['content-type'] ?? 'application/octet-stream',
      version: (existing?.version ?? 0) + 1,
    };
    this.site.drive.set(key, entry);
    return { status: existing ? 200 : 201, body: driveItemJson(entry) };
  }

  private download(url: string): Reply {
    const token = url.slice('/_download/'.length);
    const path = this.downloads.get(token);
    const entry = path ? this.site.drive.get(path) : undefined;
    if (!entry) return { status: 404 };
    return { status: 200, headers: { 'content-type': entry.mimeType }, raw: entry.bytes };
  }
}

/**
 * Why Graph refuses a whole batch before running any of it (graph/json-batching), or null:
 * - more than 20 requests;
 * - a request without an id, method or url; an id used twice (ids are not case-sensitive); an absolute url;
 * - a write request (POST, PATCH, PUT) without a body and a Content-Type header: Graph answers
 *   "Write request id : <id> does not contain Content-Type header or body.";
 * - a `dependsOn` that names a request not earlier in the batch, or more than one request;
 * - `dependsOn` in any shape but parallel (none), serial (each on the one before) or all on the first:
 *   the check `BatchRequestContent.validateDependencies` makes in the Graph JS SDK; Graph answers
 *   "Batch should be either fully sequential or fully parallel."
 */
export function batchProblem(requests: readonly Record<string, unknown>[]): string | null {
  if (requests.length > MAX_BATCH)
    return `Invalid batch payload: a batch holds at most ${MAX_BATCH} requests, this one has ${requests.length}.`;
  const index = new Map<string, number>();
  for (const [i, r] of requests.entries()) {
    if (typeof r.id !== 'string' || r.id === '' || typeof r.method !== 'string' || typeof r.url !== 'string')
      return 'Invalid batch payload format: every request needs an id, a method and a url.';
    if (index.has(r.id.toLowerCase())) return `Request id '${r.id}' is used more than once in the batch.`;
    index.set(r.id.toLowerCase(), i);
    if (/^[a-z]+:/i.test(r.url)) return `Request id ${r.id}: the url must be relative, like /users.`;
    if (r.url.replace(/^\//, '').startsWith('$batch')) return 'A batch cannot contain another batch.';
    const headers = Object.keys((r.headers as Record<string, unknown> | undefined) ?? {});
    const hasType = headers.some((h) => h.toLowerCase() === 'content-type');
    const write = ['POST', 'PATCH', 'PUT'].includes(r.method.toUpperCase());
    if ((r.body !== undefined || write) && (r.body === undefined || !hasType))
      return `Write request id : ${r.id} does not contain Content-Type header or body.`;
  }
  const deps = requests.map((r) => r.dependsOn);
  for (const [i, d] of deps.entries()) {
    if (d === undefined || (Array.isArray(d) && d.length === 0)) continue;
    if (!Array.isArray(d) || d.length !== 1 || typeof d[0] !== 'string')
      return 'Batch should be either fully sequential or fully parallel.';
    const at = index.get(d[0].toLowerCase());
    if (at === undefined || at >= i) return `Invalid dependency for request Id ${String(requests[i]?.id)}.`;
  }
  const on = deps.map((d) => (Array.isArray(d) && d.length ? String(d[0]).toLowerCase() : null));
  const ids = requests.map((r) => String(r.id).toLowerCase());
  const parallel = on.every((d) => d === null);
  const serial = on.every((d, i) => (i === 0 ? d === null : d === ids[i - 1]));
  const fanOut = on.every((d, i) => (i === 0 ? d === null : d === ids[0]));
  return parallel || serial || fanOut ? null : 'Batch should be either fully sequential or fully parallel.';
}

function driveItemJson(e: DriveEntry) {
  return {
    id: e.id,
    name: e.name,
    eTag: `"{${e.id}},${e.version}"`,
    size: e.bytes.length,
    parentReference: { path: `/drive/root:/${e.path.split('/').slice(0, -1).join('/')}` },
    ...(e.folder ? { folder: { childCount: 0 } } : { file: { mimeType: e.mimeType } }),
  };
}

function columnJson(c: DoubleColumn) {
  return {
    ...c.definition,
    id: c.id,
    name: c.name,
    displayName: (c.definition.displayName as string | undefined) ?? c.name,
    indexed: c.indexed,
    enforceUniqueValues: c.enforceUniqueValues,
    readOnly: c.readOnly,
    hidden: false,
    required: false,
  };
}

function expandOf(query: URLSearchParams): { fields: boolean; select: string[] | null } {
  const expand = query.get('$expand');
  if (!expand) return { fields: false, select: null };
  const m = /^fields(?:\(\$select=([^)]*)\))?$/.exec(expand.trim());
  if (!m) return { fields: false, select: null };
  return { fields: true, select: m[1] ? m[1].split(',').map((s) => s.trim()) : null };
}

/**
 * The part of a filter one index can serve: a top-level `and` term on one indexed column (a comparison,
 * or an `or` of comparisons on that same column). SharePoint reads that index, then checks the rest.
 */
function indexedPart(filter: Filter, indexed: (column: string) => boolean): Filter | null {
  const terms: Filter[] = [];
  const flatten = (f: Filter): void => {
    if (f.kind === 'and') {
      flatten(f.left);
      flatten(f.right);
    } else terms.push(f);
  };
  flatten(filter);
  const onlyOr = (f: Filter): boolean =>
    f.kind === 'cmp' || (f.kind === 'or' && onlyOr(f.left) && onlyOr(f.right));
  for (const term of terms) {
    const columns = new Set(propertiesOf(term).map((p) => p.replace(/^fields\//, '')));
    const [column] = [...columns];
    if (columns.size === 1 && column && (/^id$/i.test(column) || indexed(column)) && onlyOr(term))
      return term;
  }
  return null;
}

function tryParse<T>(fn: () => T): T | Reply {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ODataSyntaxError) return bad(err.message);
    throw err;
  }
}

const ok = (status: number) => status >= 200 && status < 300;
const notAllowed = (): Reply => graphError(405, 'BadRequest', 'The HTTP method is not allowed here.');

function normalizeDrivePath(path: string): string {
  return path.replace(/^\/+|\/+$/g, '').replace(/\/+/g, '/');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function json(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function lowerHeaders(h: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
