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
 *
 * Its rooms, one a resource: lists and columns (double-lists.ts), list items (double-items.ts), the drive
 * (double-drive.ts), channels (double-channels.ts), meeting chats (double-chats.ts), JSON batching (double-batch.ts), faults
 * (double-faults.ts), Graph's answers and errors (double-http.ts), permissions (graph-auth.ts,
 * graph-permissions.ts, declared-permissions.ts). This file serves HTTP and routes to them.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { runBatch } from './double-batch';
import { createChannel, listChannels, type DoubleChannel } from './double-channels';
import { DoubleChats } from './double-chats';
import { SiteDrive, type DriveEntry } from './double-drive';
import { Faults, type FaultRule } from './double-faults';
import {
  bad,
  Drop,
  graphError,
  json,
  lowerHeaders,
  notAllowed,
  notFound,
  readBody,
  safeDecode,
  type Reply,
  type RequestInfo,
} from './double-http';
import { LIST_VIEW_THRESHOLD } from './double-items';
import { newList, SiteLists, type DoubleList } from './double-lists';
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

export { batchProblem, MAX_BATCH } from './double-batch';
export type { DoubleChannel } from './double-channels';
export type { FaultRule } from './double-faults';
export type { RequestInfo } from './double-http';
export { LIST_VIEW_THRESHOLD } from './double-items';
export type { DoubleColumn, DoubleItem, DoubleList } from './double-lists';

/** The community safety team the double knows (its Entra group id), with the app installed in it. */
export const DOUBLE_TEAM_ID = '00000000-0000-4000-8000-0000000c5a1e';

export interface DoubleSite {
  id: string;
  hostname: string;
  path: string;
  lists: DoubleList[];
  drive: Map<string, DriveEntry>;
}

export interface GraphDoubleOptions {
  /** What the app was granted; default: what the package declares, with Sites.Selected `write` here. */
  grants?: (site: { id: string }) => Grants;
  /**
   * Server-driven paging: at most this many items a page, whatever `$top` asks, the rest behind
   * `@odata.nextLink` (graph/paging: a page may be shorter than requested). Default: `$top` honoured.
   */
  maxPageSize?: number;
  /** The drive's simple-upload limit (default 250 MB, as Graph's): lower it to test the refusal. */
  maxSimpleUploadBytes?: number;
}

export interface RequestLogEntry extends RequestInfo {
  status: number;
  /** The permission that allowed the call (none when it was refused or never checked). */
  permission?: string;
  /** The Learn page of the route's permissions. */
  doc?: string;
}

export class GraphDouble {
  readonly site: DoubleSite;
  /** Every request answered, newest last (sub-requests of a batch included, marked `inBatch`). */
  readonly log: RequestLogEntry[] = [];
  /** What the app has been granted (mutable: a test may take a grant away or add one). */
  grants: Grants;
  /** Teams by Entra group id, each with its channels ("General" first). */
  readonly teams = new Map<string, DoubleChannel[]>();
  /** Server-driven paging: at most this many items a page (the lists read it). */
  readonly maxPageSize: number;
  /** Issue 16: meeting chats, where the app is installed and its tab pinned. */
  readonly chats = new DoubleChats();
  private readonly faults = new Faults();
  private readonly sockets = new Set<Socket>();
  private counts = { http: 0, batches: 0, subRequests: 0 };
  private readonly lists: SiteLists;
  private readonly drive: SiteDrive;

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
    this.site.lists.push(newList('Documents', 'documentLibrary', []));
    this.lists = new SiteLists(this);
    this.drive = new SiteDrive(this.site.drive, origin, options.maxSimpleUploadBytes);
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
    this.faults.add(rule);
  }

  clearFaults(): void {
    this.faults.clear();
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
    return this.drive.file(path);
  }

  // --- HTTP ---------------------------------------------------------------------------------------

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    try {
      if (url.startsWith('/_download/')) return this.send(res, this.drive.download(url));
      this.counts.http++;
      if (!url.startsWith('/v1.0/')) return this.send(res, bad(`Invalid version in '${url}'.`));
      const path = url.slice('/v1.0'.length);
      const info: RequestInfo = { method, path: safeDecode(path), inBatch: false };
      const caller = callerOf(req.headers.authorization);
      if ('status' in caller) return this.send(res, caller, info);
      const fault = this.faults.match(info);
      if (fault && 'delayMs' in fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      else if (fault) return this.send(res, fault, info);
      const headers = lowerHeaders(req.headers);
      const reply =
        method === 'POST' && path.split('?')[0] === '/$batch'
          ? this.batch(body, caller)
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

  // --- JSON batching ------------------------------------------------------------------------------

  private batch(body: Buffer, caller: Caller): Reply {
    this.counts.batches++;
    return runBatch(body, (r) => this.subRequest(r, caller));
  }

  private subRequest(r: Record<string, unknown>, caller: Caller): Reply {
    this.counts.subRequests++;
    const method = String(r.method).toUpperCase();
    const path = String(r.url).startsWith('/') ? String(r.url) : `/${String(r.url)}`;
    const info: RequestInfo = { method, path: safeDecode(path), inBatch: true };
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((r.headers as Record<string, string> | undefined) ?? {}))
      headers[k.toLowerCase()] = String(v);
    const fault = this.faults.match(info);
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
      const inTeam = (rule: PermissionRule, run: () => Reply) => guard(rule, { teamId }, run);
      if (method === 'GET') return inTeam(RULES.channelsList, () => listChannels(this.teams, teamId, query));
      if (method === 'POST')
        return inTeam(RULES.channelCreate, () => createChannel(this.teams, teamId, json(body)));
      return notAllowed();
    }
    // Issue 16: the app installed in a meeting's chat, and its tab pinned there (double-chats.ts).
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
      return guard(rule, scope, () => this.drive.handle(method, driveRest, headers, body, query));
    }

    const parts = rest.split('/').slice(1).map(safeDecode);
    if (parts[0] !== 'lists') return bad(`Resource not found for the segment '${parts[0] ?? ''}'.`);
    const inSite = (rule: PermissionRule, run: () => Reply) => guard(rule, scope, run);
    return this.lists.route({ method, parts, query, headers, body: json(body), guard: inSite });
  }

  private siteJson() {
    return {
      id: this.site.id,
      name: this.site.path.split('/').pop(),
      displayName: 'Community Safety',
      webUrl: this.siteUrl,
      siteCollection: { hostname: this.site.hostname },
    };
  }
}
