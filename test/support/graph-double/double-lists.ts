/**
 * The site's lists and their columns as the Graph double keeps them (graph/api/list-list, list-get,
 * list-create, columndefinition-list, list-post-columns, columndefinition-update): one type facet a
 * column, unique values only on an indexed column, no index on multiple lines of text, at most 20
 * indexes a list (SharePoint's limit), list titles unique in the site. Items: double-items.ts.
 */
import { randomUUID } from 'node:crypto';
import { ListItems, type ItemsHost } from './double-items';
import { bad, graphError, notAllowed, notFound, tryParse, type Reply, type Routed } from './double-http';
import { RULES } from './graph-permissions';
import { evaluate, parseFilter } from './odata-filter';

const MAX_INDEXES = 20;
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

/** The site the lists are in, as the lists' addresses need it. */
export interface ListsHost extends ItemsHost {
  readonly site: { readonly id: string; readonly lists: DoubleList[] };
}

export function newList(displayName: string, template: string, columns: DoubleColumn[]): DoubleList {
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

export class SiteLists {
  private readonly items: ListItems;

  constructor(private readonly host: ListsHost) {
    this.items = new ListItems(host);
  }

  /** A request under `/sites/{site}/lists` (parts from `lists`), each under its Learn page's permission. */
  route(routed: Routed): Reply {
    const { method, parts, query, body, guard } = routed;
    if (parts.length === 1) {
      if (method === 'GET') return guard(RULES.listsList, () => this.getLists(query));
      if (method === 'POST') return guard(RULES.listCreate, () => this.createList(body));
      return notAllowed();
    }
    const list = this.host.site.lists.find(
      (l) => l.id === parts[1] || l.name.toLowerCase() === parts[1]?.toLowerCase(),
    );
    if (!list) return notFound('list');
    if (parts.length === 2)
      return method === 'GET'
        ? guard(RULES.listGet, () => ({ status: 200, body: this.listJson(list) }))
        : notAllowed();
    if (parts[2] === 'columns') {
      if (parts.length === 3) {
        if (method === 'GET')
          return guard(RULES.columnsList, () => ({
            status: 200,
            body: { value: list.columns.map(columnJson) },
          }));
        if (method === 'POST') return guard(RULES.columnCreate, () => this.createColumn(list, body));
        return notAllowed();
      }
      const column = list.columns.find((c) => c.id === parts[3] || c.name === parts[3]);
      if (!column) return notFound('column');
      if (parts.length === 4 && method === 'PATCH')
        return guard(RULES.columnUpdate, () => this.updateColumn(list, column, body));
      if (parts.length === 4 && method === 'GET')
        return guard(RULES.columnsList, () => ({ status: 200, body: columnJson(column) }));
      return notAllowed();
    }
    if (parts[2] !== 'items') return bad(`Resource not found for the segment '${parts[2] ?? ''}'.`);
    return this.items.route(list, routed);
  }

  listJson(list: DoubleList) {
    return {
      '@odata.etag': `"${list.id},1"`,
      id: list.id,
      name: list.name,
      displayName: list.displayName,
      description: list.description,
      createdDateTime: list.created,
      lastModifiedDateTime: list.created,
      webUrl: `${this.host.siteUrl}/Lists/${list.name}`,
      list: { template: list.template, hidden: false, contentTypesEnabled: false },
    };
  }

  private getLists(query: URLSearchParams): Reply {
    let lists = this.host.site.lists;
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
    if (this.host.site.lists.some((l) => l.displayName.toLowerCase() === displayName.toLowerCase()))
      return graphError(
        409,
        'nameAlreadyExists',
        'A list, survey, discussion board, or document library with the specified title already exists in this Web site.',
      );
    const template = ((body.list as { template?: string } | undefined)?.template ?? 'genericList').toString();
    const list = newList(displayName, template, []);
    list.description = typeof body.description === 'string' ? body.description : '';
    for (const def of (body.columns as Record<string, unknown>[] | undefined) ?? []) {
      const problem = this.addColumn(list, def);
      if (problem) return problem;
    }
    this.host.site.lists.push(list);
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
