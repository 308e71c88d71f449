/**
 * A small, faithful stand-in for the Microsoft Graph endpoints the SharePoint case store uses: sites,
 * lists, columns, list items (filter, order, paging, If-Match etags, unique values, the list view
 * threshold), the site's drive (upload, download) and JSON batching. It listens on 127.0.0.1 (random
 * port), counts every request (sub-requests of a batch included) and can inject 429/503/403 answers or a
 * dropped connection by rule. It behaves as the Graph documentation describes; where Graph's exact
 * wording is unknown the shape (status, `{ error: { code, message } }`) is what matters.
 */
import { randomUUID } from 'node:crypto';
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

/** SharePoint's list view threshold. */
export const LIST_VIEW_THRESHOLD = 5000;
export const MAX_BATCH = 20;
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
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  raw?: Buffer;
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

const notFound = (what: string) => graphError(404, 'itemNotFound', `The specified ${what} was not found`);
const bad = (message: string) => graphError(400, 'invalidRequest', message);

export class GraphDouble {
  readonly site: DoubleSite;
  /** Every request answered, newest last (sub-requests of a batch included, marked `inBatch`). */
  readonly log: RequestLogEntry[] = [];
  private readonly rules: ArmedRule[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly downloads = new Map<string, string>();
  private counts = { http: 0, batches: 0, subRequests: 0 };

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {
    this.site = {
      id: `contoso.sharepoint.com,${randomUUID()},${randomUUID()}`,
      hostname: 'contoso.sharepoint.com',
      path: '/sites/community-safety',
      lists: [],
      drive: new Map(),
    };
    this.site.lists.push(this.newList('Documents', 'documentLibrary', []));
  }

  static async start(): Promise<GraphDouble> {
    const ref: { double?: GraphDouble } = {};
    const server = createServer((req, res) => {
      void ref.double?.serve(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const double = new GraphDouble(server, `http://127.0.0.1:${port}`);
    ref.double = double;
    server.on('connection', (s) => {
      double.sockets.add(s);
      s.on('close', () => double.sockets.delete(s));
    });
    return double;
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
      if (!/^Bearer \S+/.test(req.headers.authorization ?? ''))
        return this.send(res, graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.'), info);
      const fault = this.fault(info);
      if (fault && 'delayMs' in fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      else if (fault) return this.send(res, fault, info);
      const headers = lowerHeaders(req.headers);
      const reply =
        method === 'POST' && path.split('?')[0] === '/$batch'
          ? await this.batch(body)
          : this.handle(method, path, headers, body);
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
    if (info) this.record(info, reply.status);
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

  private record(info: RequestInfo, status: number): void {
    this.log.push({ ...info, status });
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

  private async batch(body: Buffer): Promise<Reply> {
    this.counts.batches++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return bad('Invalid batch payload format.');
    }
    const requests = (parsed as { requests?: unknown }).requests;
    if (!Array.isArray(requests) || requests.length === 0) return bad('Invalid batch payload format.');
    if (requests.length > MAX_BATCH)
      return graphError(
        400,
        'BadRequest',
        `Invalid batch payload: the number of requests exceeds ${MAX_BATCH}.`,
      );
    const byId = new Map<string, Record<string, unknown>>();
    for (const r of requests as Record<string, unknown>[]) {
      if (typeof r.id !== 'string' || typeof r.method !== 'string' || typeof r.url !== 'string')
        return bad('Every batch request needs an id, a method and a url.');
      if (byId.has(r.id)) return bad(`Batch request id '${r.id}' is used twice.`);
      byId.set(r.id, r);
    }
    const done = new Map<string, Reply>();
    const run = (id: string, stack: Set<string>): Reply => {
      const finished = done.get(id);
      if (finished) return finished;
      const r = byId.get(id) as Record<string, unknown>;
      if (stack.has(id)) return bad('The dependsOn graph has a cycle.');
      stack.add(id);
      const deps = Array.isArray(r.dependsOn) ? (r.dependsOn as string[]) : [];
      let reply: Reply | undefined;
      for (const dep of deps) {
        if (!byId.has(dep)) reply = bad(`dependsOn names '${dep}', which is not in the batch.`);
        else if (!ok(run(dep, stack).status))
          reply = graphError(424, 'FailedDependency', 'Failed dependency: an earlier request failed.');
        if (reply) break;
      }
      if (!reply) reply = this.subRequest(r);
      done.set(id, reply);
      return reply;
    };
    for (const id of byId.keys()) run(id, new Set());
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

  private subRequest(r: Record<string, unknown>): Reply {
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
      if (r.body !== undefined && !headers['content-type'])
        reply = bad('A Content-Type header is required for a batch request with a body.');
      else {
        const body = r.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(r.body));
        reply = this.handle(method, path, headers, body);
      }
    }
    this.record(info, reply.status);
    return reply;
  }

  // --- routing ------------------------------------------------------------------------------------

  private handle(method: string, pathAndQuery: string, headers: Record<string, string>, body: Buffer): Reply {
    const q = pathAndQuery.indexOf('?');
    const rawPath = q === -1 ? pathAndQuery : pathAndQuery.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : pathAndQuery.slice(q + 1));
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
    if (rest === '' || rest === '/')
      return method === 'GET' ? { status: 200, body: this.siteJson() } : notAllowed();
    if (rest.startsWith('/drive/'))
      return this.handleDrive(method, rest.slice('/drive'.length), headers, body);

    const parts = rest.split('/').slice(1).map(safeDecode);
    if (parts[0] !== 'lists') return bad(`Resource not found for the segment '${parts[0] ?? ''}'.`);
    if (parts.length === 1) {
      if (method === 'GET') return this.getLists(query);
      if (method === 'POST') return this.createList(json(body));
      return notAllowed();
    }
    const list = this.site.lists.find(
      (l) => l.id === parts[1] || l.name.toLowerCase() === parts[1]?.toLowerCase(),
    );
    if (!list) return notFound('list');
    if (parts.length === 2)
      return method === 'GET' ? { status: 200, body: this.listJson(list) } : notAllowed();
    if (parts[2] === 'columns') {
      if (parts.length === 3) {
        if (method === 'GET') return { status: 200, body: { value: list.columns.map(columnJson) } };
        if (method === 'POST') return this.createColumn(list, json(body));
        return notAllowed();
      }
      const column = list.columns.find((c) => c.id === parts[3] || c.name === parts[3]);
      if (!column) return notFound('column');
      if (parts.length === 4 && method === 'PATCH') return this.updateColumn(list, column, json(body));
      if (parts.length === 4 && method === 'GET') return { status: 200, body: columnJson(column) };
      return notAllowed();
    }
    if (parts[2] !== 'items') return bad(`Resource not found for the segment '${parts[2] ?? ''}'.`);
    if (parts.length === 3) {
      if (method === 'GET') return this.getItems(list, query, headers);
      if (method === 'POST') return this.createItem(list, json(body));
      return notAllowed();
    }
    const item = list.items.get(Number(parts[3]));
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
  }

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
    const thresholdError = () =>
      graphError(
        500,
        'generalException',
        'The attempted operation is prohibited because it exceeds the list view threshold.',
      );
    if (nonIndexed.length > 0) {
      if (big) return thresholdError();
      if (!(headers.prefer ?? '').includes(HONOR_NON_INDEXED))
        return bad(
          `Field '${nonIndexed[0]}' cannot be referenced in filter or orderby as it is not indexed. ` +
            `Provide the 'Prefer: ${HONOR_NON_INDEXED}' header to allow this, but be warned that such ` +
            'queries may fail on large lists.',
        );
    }
    const get = (item: DoubleItem) => (p: string) => {
      const name = p.startsWith('fields/') ? p.slice(7) : p;
      return name === 'ID' || name === 'id' ? item.id : item.fields[name];
    };
    let rows = [...list.items.values()];
    if (filter) rows = rows.filter((item) => evaluate(filter, get(item)));
    // On a large list an indexed filter must narrow the rows below the threshold.
    if (big && filter && rows.length > LIST_VIEW_THRESHOLD) return thresholdError();
    rows.sort((a, b) => {
      for (const { property, desc } of order) {
        const c = compare(get(a)(property) ?? '', get(b)(property) ?? '');
        if (c !== 0) return desc ? -c : c;
      }
      return a.id - b.id;
    });
    const top = Math.min(Number(query.get('$top') ?? DEFAULT_PAGE) || DEFAULT_PAGE, LIST_VIEW_THRESHOLD);
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
    return { status: 200, body: this.fieldsJson(item, null) };
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
