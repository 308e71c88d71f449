/**
 * The Outbox on SharePoint: an append's side effects live on its own commit item (ASB Case Events), written
 * in the same POST as its events, so they cannot be lost or written without them. `EffectsState` is
 * `pending` until every effect is delivered (or `failed` for good); a claim is a PATCH with If-Match, so
 * of two workers only one wins (the other gets 412). The events in the item's Body are never changed.
 */
import { z } from 'zod';
import type { CaseChange, CaseEvent, JsonObject } from '../../store/case-log';
import type { ClaimedEntry, Outbox, OutboxEntry, OutboxSettlement } from '../../store/outbox';
import { GraphRequestError } from './graph-client';
import { CASE_FIELDS, caseFromFields, commitBodySchema } from './list-fields';
import { and, eq, where } from './odata';
import type { ListItem, SharePointList } from './sharepoint-list';

export const OUTBOX_FIELDS = [
  'CaseId',
  'Seq',
  'EventId',
  'RecordedAt',
  'Body',
  'EffectsState',
  'NextAttemptAt',
  'Attempts',
  'EffectsDone',
  'LastError',
] as const;

const fields = z.looseObject({
  CaseId: z.string(),
  Seq: z.number().int().positive(),
  EventId: z.string(),
  RecordedAt: z.string(),
  Body: z.string(),
  EffectsState: z.enum(['pending', 'done', 'failed']),
  NextAttemptAt: z.string(),
  Attempts: z.number().int().nullish(),
  EffectsDone: z.string().nullish(),
  LastError: z.string().nullish(),
});

/** The commit item's outbox columns for a new append (none when it has no side effects). */
export function outboxFields(
  change: Pick<CaseChange, 'effects'>,
  recordedAt: string,
): Record<string, unknown> {
  if (!change.effects?.length) return {};
  return { EffectsState: 'pending', NextAttemptAt: recordedAt, Attempts: 0, EffectsDone: '[]' };
}

function toEntry(item: ListItem): OutboxEntry {
  return claimed(item).entry;
}

/** The entry, its events as stored (from the commit's Body) and the reference the Body names. */
function claimed(item: ListItem): { entry: OutboxEntry; events: CaseEvent[]; reference?: string } {
  const f = fields.parse(item.fields);
  const body = commitBodySchema.parse(JSON.parse(f.Body));
  const events = body.events.map((e, i) => ({
    ...e,
    payload: e.payload as JsonObject,
    caseId: f.CaseId,
    seq: f.Seq + i,
    recordedAt: f.RecordedAt,
  }));
  const reference = body.reference ?? body.opening?.reference;
  return {
    events,
    ...(reference ? { reference } : {}),
    entry: {
      entryId: f.EventId,
      caseId: f.CaseId,
      eventIds: body.events.map((e) => e.id),
      by: body.events[0]!.actor,
      effects: body.effects ?? [],
      done: z.array(z.string()).parse(JSON.parse(f.EffectsDone || '[]')),
      status: f.EffectsState,
      attempts: f.Attempts ?? 0,
      nextAttemptAt: f.NextAttemptAt,
      lastError: f.LastError ?? null,
      createdAt: f.RecordedAt,
    },
  };
}

export class SharePointOutbox implements Outbox {
  constructor(
    private readonly commits: SharePointList,
    private readonly cases: SharePointList,
  ) {}

  async due(now: string, limit: number): Promise<OutboxEntry[]> {
    // Both columns are indexed; pending commits are few, far below the 5,000-item threshold.
    const page = await this.commits.page({
      select: OUTBOX_FIELDS,
      filter: and(eq('EffectsState', 'pending'), where('NextAttemptAt', 'le', now)),
      orderBy: [{ field: 'NextAttemptAt' }],
      top: limit,
    });
    return page.items.map(toEntry);
  }

  async claim(entryId: string, now: string, leaseUntil: string): Promise<ClaimedEntry | null> {
    const item = await this.find(entryId);
    if (!item) return null;
    const { entry, events, reference } = claimed(item);
    if (entry.status !== 'pending' || entry.nextAttemptAt > now) return null;
    try {
      await this.commits.update(item.id, item.etag, {
        NextAttemptAt: leaseUntil,
        Attempts: entry.attempts + 1,
      });
    } catch (err) {
      // Another worker changed it first (a claim or a settlement): it is theirs.
      if (err instanceof GraphRequestError && (err.status === 412 || err.status === 404)) return null;
      throw err;
    }
    // Commits written before the Body named its reference: read it from the case (once per delivery).
    const ref = reference ?? (await this.referenceOf(entry.caseId));
    if (ref === null) return null;
    return { ...entry, attempts: entry.attempts + 1, nextAttemptAt: leaseUntil, reference: ref, events };
  }

  private async referenceOf(caseId: string): Promise<string | null> {
    const item = await this.cases.first({ select: CASE_FIELDS, filter: eq('CaseId', caseId) });
    return item ? caseFromFields(item.fields).projection.reference : null;
  }

  async settle(entryId: string, s: OutboxSettlement): Promise<void> {
    const item = await this.find(entryId);
    if (!item) return; // purged with its case
    await this.commits.update(item.id, item.etag, {
      EffectsState: s.status,
      EffectsDone: JSON.stringify(s.done),
      NextAttemptAt: s.nextAttemptAt,
      LastError: s.lastError ? s.lastError.slice(0, 255) : null,
    });
  }

  async forCase(caseId: string): Promise<OutboxEntry[]> {
    const items = await this.commits.all({ select: OUTBOX_FIELDS, filter: eq('CaseId', caseId) });
    return items
      .filter((i) => typeof i.fields.EffectsState === 'string' && i.fields.EffectsState !== '')
      .sort((a, b) => Number(a.fields.Seq) - Number(b.fields.Seq))
      .map(toEntry);
  }

  private find(entryId: string): Promise<ListItem | null> {
    return this.commits.first({ select: OUTBOX_FIELDS, filter: eq('EventId', entryId) });
  }
}
