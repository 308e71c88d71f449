/**
 * The AccessLog on SharePoint: one ASB Access Log item per entry. The adapter only ever creates items;
 * `EntryKey` (the instant, then a random suffix) is unique and sorts in the order entries were written.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  accessActions,
  type AccessEntry,
  type AccessLog,
  type AccessLogQuery,
  type StoredAccessEntry,
} from '../../store/access-log';
import type { Page } from '../../store/case-log';
import { decodeLogCursor, encodeCursor, pageLimit } from '../../store/paging';
import { and, eq, where } from './odata';
import type { SharePointList } from './sharepoint-list';

const SELECT = ['EntryKey', 'At', 'PersonId', 'Action', 'CaseId', 'Reference', 'FileId', 'Detail'] as const;
const optional = z
  .string()
  .nullish()
  .transform((v) => v || undefined);
const fields = z.looseObject({
  EntryKey: z.string(),
  At: z.string(),
  PersonId: z.string(),
  Action: z.enum(accessActions),
  CaseId: optional,
  Reference: optional,
  FileId: optional,
  Detail: optional,
});

export class SharePointAccessLog implements AccessLog {
  private written = 0;

  constructor(
    private readonly items: SharePointList,
    private readonly clock: () => Date,
  ) {}

  async record(entry: AccessEntry): Promise<void> {
    const at = this.clock().toISOString();
    // The instant, then this instance's count (entries in one millisecond keep their order), then a
    // random part (two instances writing in the same millisecond never share a key).
    this.written += 1;
    const key = `${at}|${String(this.written).padStart(10, '0')}|${randomUUID()}`;
    await this.items.create({
      Title: entry.action,
      EntryKey: key,
      At: at,
      PersonId: entry.personId,
      Action: entry.action,
      ...(entry.caseId ? { CaseId: entry.caseId } : {}),
      ...(entry.reference ? { Reference: entry.reference } : {}),
      ...(entry.fileId ? { FileId: entry.fileId } : {}),
      ...(entry.detail ? { Detail: entry.detail } : {}),
    });
  }

  async list(query: AccessLogQuery = {}): Promise<Page<StoredAccessEntry>> {
    const limit = pageLimit(query.limit ?? 50);
    const filters: string[] = [];
    if (query.caseId !== undefined) filters.push(eq('CaseId', query.caseId));
    if (query.personId !== undefined) filters.push(eq('PersonId', query.personId));
    const after = decodeLogCursor(query.cursor);
    if (after !== null) filters.push(where('EntryKey', 'lt', after));
    const page = await this.items.page({
      select: SELECT,
      ...(filters.length ? { filter: and(...filters) } : {}),
      orderBy: [{ field: 'EntryKey', desc: true }],
      top: limit + 1,
    });
    const rows = page.items.map((i) => fields.parse(i.fields));
    const items: StoredAccessEntry[] = rows.slice(0, limit).map((r) => ({
      entryId: r.EntryKey,
      at: r.At,
      personId: r.PersonId,
      action: r.Action,
      ...(r.CaseId ? { caseId: r.CaseId } : {}),
      ...(r.Reference ? { reference: r.Reference } : {}),
      ...(r.FileId ? { fileId: r.FileId } : {}),
      ...(r.Detail ? { detail: r.Detail } : {}),
    }));
    const last = items[items.length - 1];
    return { items, next: rows.length > limit && last ? encodeCursor(last.entryId) : null };
  }
}
