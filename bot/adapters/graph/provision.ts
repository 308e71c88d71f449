/**
 * Creates on a SharePoint site what the case store needs and is missing - lists, columns, indexes - and
 * nothing else, so it is safe to run again (e.g. after an upgrade adds a column). Graph's 403 becomes a
 * message naming the permission to grant.
 */
import { z } from 'zod';
import { GraphRequestError, type GraphApi } from './graph-client';
import {
  columnDefinition,
  LIST_KEYS,
  LISTS,
  listDefinition,
  schemaProblems,
  type ListSpec,
} from './list-schema';

export class ProvisioningPermissionError extends Error {
  constructor(doing: string) {
    super(
      `Graph refused to ${doing} (403 Forbidden). Creating lists and columns needs the application ` +
        'permission Sites.Manage.All (with admin consent), or Sites.Selected with the "manage" role granted ' +
        'on this site; the "write" role can edit list items but cannot create lists. Grant one, or have a ' +
        'SharePoint administrator run `npm run provision`.',
    );
    this.name = 'ProvisioningPermissionError';
  }
}

export interface ProvisionReport {
  createdLists: string[];
  addedColumns: string[];
  indexedColumns: string[];
  /** Things provisioning will not change by itself (e.g. a column of another type with our name). */
  problems: string[];
}

const site = z.looseObject({ id: z.string() });
const listsPage = z.looseObject({
  value: z.array(z.looseObject({ id: z.string(), displayName: z.string() })),
  '@odata.nextLink': z.string().optional(),
});
const columns = z.looseObject({
  value: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      indexed: z.boolean().optional(),
      enforceUniqueValues: z.boolean().optional(),
      text: z.looseObject({ allowMultipleLines: z.boolean().optional() }).optional(),
      number: z.unknown().optional(),
      boolean: z.unknown().optional(),
    }),
  ),
});

async function guarded<T>(doing: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof GraphRequestError && err.status === 403) throw new ProvisioningPermissionError(doing);
    throw err;
  }
}

/** A site id as is, or a site URL (`https://contoso.sharepoint.com/sites/community-safety`) looked up. */
export async function resolveSite(api: GraphApi, siteIdOrUrl: string): Promise<string> {
  const input = siteIdOrUrl.trim();
  let path: string;
  if (/^https:\/\//i.test(input)) {
    const url = new URL(input);
    const serverRelative = url.pathname.replace(/\/+$/, '') || '/';
    path = `/sites/${url.hostname}:${serverRelative.split('/').map(encodeURIComponent).join('/')}`;
  } else if (/^[^/\s]+,[0-9a-f-]{36},[0-9a-f-]{36}$/i.test(input)) path = `/sites/${input}`;
  else throw new Error(`"${input}" is neither a site URL (https://...) nor a site id (host,guid,guid).`);
  const found = site.parse(await guarded('read the site', () => api.get(path)));
  return found.id;
}

function typeOf(c: z.infer<typeof columns>['value'][number]): string {
  if (c.text) return c.text.allowMultipleLines ? 'note' : 'text';
  if (c.number !== undefined) return 'number';
  if (c.boolean !== undefined) return 'boolean';
  return 'other';
}

async function ensureColumns(
  api: GraphApi,
  siteId: string,
  listId: string,
  spec: ListSpec,
  report: ProvisionReport,
) {
  const url = `/sites/${siteId}/lists/${listId}/columns`;
  const have = columns.parse(
    await guarded(`read the columns of ${spec.displayName}`, () => api.get(url)),
  ).value;
  for (const c of spec.columns) {
    const found = have.find((h) => h.name === c.name);
    const name = `${spec.displayName}.${c.name}`;
    if (!found) {
      await guarded(`add column ${name}`, () => api.request('POST', url, { body: columnDefinition(c) }));
      report.addedColumns.push(name);
      continue;
    }
    if (typeOf(found) !== c.type) {
      report.problems.push(
        `${name} is a ${typeOf(found)} column, the store needs ${c.type}; fix it by hand.`,
      );
      continue;
    }
    const patch: Record<string, unknown> = {};
    if (c.indexed && !found.indexed) patch.indexed = true;
    if (c.unique && !found.enforceUniqueValues) patch.enforceUniqueValues = true;
    if (Object.keys(patch).length > 0) {
      await guarded(`index column ${name}`, () =>
        api.request('PATCH', `${url}/${found.id}`, { body: patch }),
      );
      report.indexedColumns.push(name);
    }
  }
}

export async function provisionSite(
  api: GraphApi,
  siteId: string,
  log: (line: string) => void = () => undefined,
): Promise<ProvisionReport> {
  const report: ProvisionReport = { createdLists: [], addedColumns: [], indexedColumns: [], problems: [] };
  for (const key of LIST_KEYS) report.problems.push(...schemaProblems(LISTS[key]));
  if (report.problems.length > 0) return report;

  const existing = new Map<string, string>();
  let path: string | undefined = `/sites/${siteId}/lists?$select=id,displayName&$top=500`;
  while (path) {
    const current: string = path;
    const page = listsPage.parse(await guarded('list the site\u2019s lists', () => api.get(current)));
    for (const l of page.value) existing.set(l.displayName.toLowerCase(), l.id);
    path = page['@odata.nextLink'] ? api.relative(page['@odata.nextLink']) : undefined;
  }
  for (const key of LIST_KEYS) {
    const spec = LISTS[key];
    const id = existing.get(spec.displayName.toLowerCase());
    if (!id) {
      await guarded(`create the list ${spec.displayName}`, () =>
        api.request('POST', `/sites/${siteId}/lists`, { body: listDefinition(spec) }),
      );
      report.createdLists.push(spec.displayName);
      log(`created ${spec.displayName} (${spec.columns.length} columns)`);
    } else {
      const before = report.addedColumns.length + report.indexedColumns.length;
      await ensureColumns(api, siteId, id, spec, report);
      const changed = report.addedColumns.length + report.indexedColumns.length - before;
      log(
        changed
          ? `updated ${spec.displayName} (${changed} column changes)`
          : `${spec.displayName} is up to date`,
      );
    }
  }
  return report;
}
