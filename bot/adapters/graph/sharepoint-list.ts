/**
 * One SharePoint list through Graph: server-side filtered queries that follow `@odata.nextLink`,
 * single-item writes with `If-Match`, and the same writes as `$batch` steps. Items coming back are
 * checked with zod before anyone reads their fields.
 */
import { z } from 'zod';
import type { BatchStep } from './graph-batch';
import type { GraphApi } from './graph-client';
import { itemsQuery, type ItemsQuery } from './odata';
import type { ListKey, ListSpec } from './list-schema';

/** The provisioned lists of one site, by key (list-schema.ts). */
export type SharePointLists = Record<ListKey, SharePointList>;

export interface ListItem {
  id: string;
  etag: string;
  fields: Record<string, unknown>;
}

const itemSchema = z.looseObject({
  id: z.string(),
  '@odata.etag': z.string().optional(),
  eTag: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});
const pageSchema = z.looseObject({ value: z.array(itemSchema), '@odata.nextLink': z.string().optional() });
const fieldsAnswer = z.looseObject({ '@odata.etag': z.string() });

/** The version in a SharePoint etag (`"{guid},3"` or `"guid,3"`). */
export function versionOf(etag: string): number | undefined {
  const m = /,(\d+)"?$/.exec(etag.trim());
  return m ? Number(m[1]) : undefined;
}

export function toListItem(raw: unknown): ListItem {
  const item = itemSchema.parse(raw);
  const fields = item.fields ?? {};
  const etag = (fields['@odata.etag'] as string | undefined) ?? item['@odata.etag'] ?? item.eTag;
  if (!etag) throw new Error('A list item came back without an etag.');
  return { id: item.id, etag, fields };
}

export class SharePointList {
  constructor(
    private readonly api: GraphApi,
    readonly siteId: string,
    readonly listId: string,
    readonly spec: ListSpec,
  ) {}

  get itemsUrl(): string {
    return `/sites/${this.siteId}/lists/${this.listId}/items`;
  }

  /**
   * The first `top` items the query matches (all of its first page without `top`); `next` is the
   * nextLink to pass back for more. Graph may answer a page shorter than `$top` and give the rest behind
   * `@odata.nextLink` (Microsoft Learn, "Paging Microsoft Graph data in your app"; listitem-list: results
   * "returned all at once or in multiple pages"), so short pages are followed until `top` items are in.
   */
  async page(query: ItemsQuery | { next: string }): Promise<{ items: ListItem[]; next?: string }> {
    const path = 'next' in query ? this.api.relative(query.next) : `${this.itemsUrl}${itemsQuery(query)}`;
    const want = 'next' in query ? 0 : (query.top ?? 0);
    const items: ListItem[] = [];
    let next: string | undefined = path;
    let link: string | undefined;
    do {
      const page = pageSchema.parse(await this.api.get(next));
      items.push(...page.value.map(toListItem));
      link = page['@odata.nextLink'];
      next = link && items.length < want ? this.api.relative(link) : undefined;
    } while (next);
    return { items, ...(link ? { next: link } : {}) };
  }

  /** Every item the (indexed, server-side) filter matches, page after page. */
  async all(query: ItemsQuery): Promise<ListItem[]> {
    const out: ListItem[] = [];
    let page = await this.page({ top: 500, ...query });
    out.push(...page.items);
    while (page.next) {
      page = await this.page({ next: page.next });
      out.push(...page.items);
    }
    return out;
  }

  async first(query: ItemsQuery): Promise<ListItem | null> {
    return (await this.page({ ...query, top: 1 })).items[0] ?? null;
  }

  /**
   * Creates an item. The answer's etag is not promised (listitem-create shows none in its example), so it
   * is '' when absent: a caller that needs it reads the item.
   */
  async create(fields: Record<string, unknown>): Promise<ListItem> {
    const { body } = await this.api.request('POST', this.itemsUrl, { body: { fields } });
    const item = itemSchema.parse(body);
    const answered = item.fields?.['@odata.etag'] ?? item['@odata.etag'] ?? item.eTag;
    return { id: item.id, etag: typeof answered === 'string' ? answered : '', fields: item.fields ?? {} };
  }

  /**
   * Updates with `If-Match`; resolves with the new etag (a stale one answers 412). Microsoft Learn
   * (listitem-update) documents the answer as the fieldValueSet, with no etag promised: then the item is
   * read again. That etag is ours only if its version is the one after the etag we sent; if someone wrote
   * in between, the old (now stale) etag is returned, so the caller's next conditional write is refused
   * with 412 rather than made blind.
   */
  async update(itemId: string, etag: string, fields: Record<string, unknown>): Promise<string> {
    const { body } = await this.api.request('PATCH', `${this.itemsUrl}/${itemId}/fields`, {
      headers: { 'If-Match': etag },
      body: fields,
    });
    const answered = fieldsAnswer.safeParse(body);
    if (answered.success) return answered.data['@odata.etag'];
    const now = toListItem(await this.api.get(`${this.itemsUrl}/${itemId}`)).etag;
    const before = versionOf(etag);
    return before !== undefined && versionOf(now) === before + 1 ? now : etag;
  }

  async delete(itemId: string): Promise<void> {
    await this.api.request('DELETE', `${this.itemsUrl}/${itemId}`);
  }

  createStep(id: string, fields: Record<string, unknown>, dependsOn?: string[]): BatchStep {
    return {
      id,
      method: 'POST',
      url: this.itemsUrl,
      body: { fields },
      ...(dependsOn?.length ? { dependsOn } : {}),
    };
  }

  updateStep(id: string, item: ListItem, fields: Record<string, unknown>, dependsOn?: string[]): BatchStep {
    return {
      id,
      method: 'PATCH',
      url: `${this.itemsUrl}/${item.id}/fields`,
      headers: { 'If-Match': item.etag },
      body: fields,
      ...(dependsOn?.length ? { dependsOn } : {}),
    };
  }

  deleteStep(id: string, itemId: string, dependsOn?: string[]): BatchStep {
    return {
      id,
      method: 'DELETE',
      url: `${this.itemsUrl}/${itemId}`,
      ...(dependsOn?.length ? { dependsOn } : {}),
    };
  }
}
