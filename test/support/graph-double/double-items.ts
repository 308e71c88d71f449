/**
 * A list's items as the Graph double keeps them (graph/api/listitem-list, listitem-get, listitem-create,
 * listitem-update, listitem-delete): filters and orderby only on indexed columns unless
 * `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly`; past 5,000 items a query must be served by one
 * indexed column narrowing it below 5,000 ("the service can only filter one indexed field at a time");
 * pages of 200 by default with `@odata.nextLink`; `If-Match` answered 412 when stale; unique columns
 * answered 409; the update answer is the fieldValueSet as documented, without `@odata.etag`.
 */
import { randomUUID } from 'node:crypto';
import { bad, graphError, notAllowed, notFound, tryParse, type Reply, type Routed } from './double-http';
import type { DoubleItem, DoubleList } from './double-lists';
import { RULES } from './graph-permissions';
import {
  compare,
  evaluate,
  parseFilter,
  parseOrderBy,
  propertiesOf,
  type Filter,
  type OrderBy,
} from './odata-filter';

/** SharePoint's list view threshold. */
export const LIST_VIEW_THRESHOLD = 5000;
const DEFAULT_PAGE = 200;
const HONOR_NON_INDEXED = 'HonorNonIndexedQueriesWarningMayFailRandomly';

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

/** Where the items live: item addresses and next links are built from these. */
export interface ItemsHost {
  readonly site: { readonly id: string };
  readonly siteUrl: string;
  readonly baseUrl: string;
  /** Server-driven paging: at most this many items a page, whatever `$top` asks. */
  readonly maxPageSize: number;
}

export class ListItems {
  constructor(private readonly host: ItemsHost) {}

  /** `/lists/{list}/items[/{id}[/fields]]` (parts from `lists`), each under its Learn page's permission. */
  route(list: DoubleList, { method, parts, query, headers, body, guard }: Routed): Reply {
    if (parts.length === 3) {
      if (method === 'GET') return guard(RULES.itemsList, () => this.getItems(list, query, headers));
      if (method === 'POST') return guard(RULES.itemCreate, () => this.createItem(list, body));
      return notAllowed();
    }
    const item = list.items.get(Number(parts[3]));
    const itemRule =
      method === 'GET' ? RULES.itemGet : method === 'DELETE' ? RULES.itemDelete : RULES.itemUpdate;
    return guard(itemRule, () => {
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
        return this.updateFields(list, item, body, headers);
      return notAllowed();
    });
  }

  getItems(list: DoubleList, query: URLSearchParams, headers: Record<string, string>): Reply {
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
      this.host.maxPageSize,
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
      body['@odata.nextLink'] =
        `${this.host.baseUrl}/sites/${this.host.site.id}/lists/${list.id}/items?${qs}`;
    }
    return { status: 200, body };
  }

  itemJson(list: DoubleList, item: DoubleItem, expand: { fields: boolean; select: string[] | null }) {
    const etag = `"${item.guid},${item.version}"`;
    const out: Record<string, unknown> = {
      '@odata.etag': etag,
      createdDateTime: item.created,
      eTag: etag,
      id: String(item.id),
      lastModifiedDateTime: item.modified,
      webUrl: `${this.host.siteUrl}/Lists/${list.name}/${item.id}_.000`,
      parentReference: { id: list.id, siteId: this.host.site.id },
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

  createItem(list: DoubleList, body: Record<string, unknown>): Reply {
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

  updateFields(
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
