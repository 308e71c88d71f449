/**
 * Purges on SharePoint. Per case: mark it `purging` (If-Match: a legal hold set meanwhile wins), write the
 * purge log entry, delete files and child items, delete the Cases item last. A crash part-way leaves the
 * case marked `purging` (hidden from reads) and the next run finishes it.
 */
import { z } from 'zod';
import type { CaseProjection, JsonObject } from '../../store/case-log';
import { legalHoldOf, type Folds } from '../../store/projection';
import {
  purgeCandidatesUpTo,
  retentionPassed,
  type PurgeRecord,
  type PurgeRequest,
  type Purges,
} from '../../store/purges';
import { StoreError } from '../../store/store-errors';
import { runBatch, succeeded, type BatchStep } from './graph-batch';
import { GraphRequestError, type GraphApi } from './graph-client';
import { CASE_FIELDS, caseFromFields, FILE_FIELDS, fileFromFields } from './list-fields';
import { and, eq, where } from './odata';
import type { SharePointCaseLog } from './sharepoint-case-log';
import { ignoreNotFound } from './sharepoint-conversation-refs';
import type { ListItem, SharePointLists } from './sharepoint-list';

export class SharePointPurges implements Purges {
  constructor(
    private readonly api: GraphApi,
    private readonly siteId: string,
    private readonly l: SharePointLists,
    private readonly log: SharePointCaseLog,
    private readonly folds: Folds,
    /** The case files' folder (sharepoint-case-files.ts), removed with each case. */
    private readonly folder: string,
    private readonly clock: () => Date,
  ) {}

  /**
   * Per case: mark it `purging` (If-Match: a legal hold set meanwhile wins), write the purge log
   * entry, delete files and child items, delete the Cases item last. A crash part-way leaves the
   * case marked `purging` (hidden from reads) and the next run finishes it.
   */
  async purgeExpired(request: PurgeRequest): Promise<PurgeRecord[]> {
    const upTo = purgeCandidatesUpTo(request.today, request.retentionYears);
    const [expired, unfinished] = await Promise.all([
      this.l.cases.all({
        select: CASE_FIELDS,
        filter: and(eq('CaseState', 'closed'), where('ClosedOn', 'le', upTo)),
      }),
      this.l.cases.all({ select: CASE_FIELDS, filter: eq('CaseState', 'purging') }),
    ]);
    const purged: PurgeRecord[] = [];
    for (const item of unfinished) {
      const c = caseFromFields(item.fields);
      const facts = request.summarize?.((await this.log.readLog(c.projection.caseId)).events);
      purged.push(await this.finishPurge(c.projection, item, request.by, facts));
      this.folds.forget(c.projection.caseId);
    }
    for (const candidate of expired) {
      const caseId = caseFromFields(candidate.fields).projection.caseId;
      // Decide on the log, not on a projection a crash may have left behind (a legal hold in it).
      let log = await this.log.readLog(caseId);
      if (log.item && log.item.projection.version !== log.head) {
        await this.log.rollForward(caseId);
        log = await this.log.readLog(caseId);
      }
      const item = log.item;
      const p = item?.projection;
      if (!item || !p?.closedOn || item.state !== 'closed' || legalHoldOf(log.events)) continue;
      if (!retentionPassed(p.closedOn, request.today, request.retentionYears)) continue;
      try {
        item.etag = await this.l.cases.update(item.id, item.etag, { CaseState: 'purging' });
      } catch (err) {
        // Changed since we read it (a legal hold, a new event): leave it for the next run.
        if (err instanceof GraphRequestError && (err.status === 412 || err.status === 404)) continue;
        throw err;
      }
      // A hold appended between our read and the mark would be in the log now: it wins.
      if (legalHoldOf((await this.log.readLog(caseId)).events)) {
        await this.l.cases.update(item.id, item.etag, { CaseState: 'closed' });
        continue;
      }
      purged.push(await this.finishPurge(p, item, request.by, request.summarize?.(log.events)));
      this.folds.forget(caseId);
    }
    return purged;
  }

  private async finishPurge(
    p: CaseProjection,
    item: ListItem,
    by: string,
    facts: JsonObject | undefined,
  ): Promise<PurgeRecord> {
    const record: PurgeRecord = {
      reference: p.reference,
      closedOn: p.closedOn as string,
      purgedAt: this.clock().toISOString(),
      by,
      ...(facts ? { facts } : {}),
    };
    try {
      await this.l.purgeLog.create({
        Title: p.reference,
        PurgeKey: p.caseId,
        Reference: p.reference,
        ClosedOn: record.closedOn,
        PurgedAt: record.purgedAt,
        PurgedBy: by,
        ...(facts ? { Facts: JSON.stringify(facts) } : {}),
      });
    } catch (err) {
      if (!(err instanceof GraphRequestError && err.status === 409)) throw err; // logged by an earlier run
    }
    const byCase = eq('CaseId', p.caseId);
    const [events, requests, bookings, files, members] = await Promise.all([
      this.l.events.all({ select: ['CaseId'], filter: byCase }),
      this.l.agencyRequests.all({ select: ['CaseId'], filter: byCase }),
      this.l.bookings.all({ select: ['CaseId'], filter: byCase }),
      this.l.files.all({ select: FILE_FIELDS, filter: byCase }),
      this.l.caseAgencies.all({ select: ['CaseId'], filter: byCase }),
    ]);
    const steps: BatchStep[] = [];
    for (const f of files)
      steps.push({
        id: `drive-${steps.length}`,
        method: 'DELETE',
        url: `/sites/${this.siteId}/drive/items/${encodeURIComponent(fileFromFields(f.fields).driveItemId)}`,
      });
    const lists = [
      [this.l.events, events],
      [this.l.agencyRequests, requests],
      [this.l.bookings, bookings],
      [this.l.files, files],
      [this.l.caseAgencies, members],
    ] as const;
    for (const [list, items] of lists)
      for (const i of items) steps.push(list.deleteStep(`item-${steps.length}`, i.id));
    const results = await runBatch(this.api, steps);
    const failed = [...results.values()].filter((r) => !succeeded(r) && r.status !== 404);
    if (failed.length > 0)
      throw new StoreError(
        `Purge of ${p.reference} stopped part-way (${failed.length} deletions failed); run it again.`,
      );
    const folder = [this.folder, p.caseId].map(encodeURIComponent).join('/');
    await this.api.request('DELETE', `/sites/${this.siteId}/drive/root:/${folder}`).catch(ignoreNotFound);
    await this.l.cases.delete(item.id).catch(ignoreNotFound);
    return record;
  }

  async purgeLog(): Promise<PurgeRecord[]> {
    const items = await this.l.purgeLog.all({
      select: ['Reference', 'ClosedOn', 'PurgedAt', 'PurgedBy', 'Facts'],
    });
    return items.map((i) => {
      const f = z
        .object({
          Reference: z.string(),
          ClosedOn: z.string(),
          PurgedAt: z.string(),
          PurgedBy: z.string(),
          Facts: z.string().nullish(),
        })
        .parse(i.fields);
      return {
        reference: f.Reference,
        closedOn: f.ClosedOn,
        purgedAt: f.PurgedAt,
        by: f.PurgedBy,
        ...(f.Facts ? { facts: JSON.parse(f.Facts) as JsonObject } : {}),
      };
    });
  }
}
