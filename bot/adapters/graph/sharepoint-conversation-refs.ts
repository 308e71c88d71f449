/**
 * ConversationRefs on SharePoint: one ASB Conversation References item per key (a key longer than an
 * indexed column holds is hashed), written with If-Match so two writers do not lose each other's write.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ConversationRefRecord, ConversationRefs } from '../../store/conversation-refs';
import type { Json } from '../../store/json';
import { StoreError } from '../../store/store-errors';
import { GraphRequestError } from './graph-client';
import { eq } from './odata';
import type { SharePointLists } from './sharepoint-list';

export class SharePointConversationRefs implements ConversationRefs {
  constructor(
    private readonly l: SharePointLists,
    private readonly clock: () => Date,
  ) {}

  async putConversationRef(key: string, ref: Json): Promise<void> {
    const k = shortKey(key);
    const fields = { RefJson: JSON.stringify({ key, ref }), UpdatedAt: this.clock().toISOString() };
    for (let attempt = 1; attempt <= 5; attempt++) {
      const found = await this.l.conversationRefs.first({ select: ['RefKey'], filter: eq('RefKey', k) });
      try {
        if (found) await this.l.conversationRefs.update(found.id, found.etag, fields);
        else await this.l.conversationRefs.create({ Title: k, RefKey: k, ...fields });
        return;
      } catch (err) {
        // Someone else wrote it between our read and write: read again.
        if (!(err instanceof GraphRequestError && (err.status === 409 || err.status === 412))) throw err;
      }
    }
    throw new StoreError('A conversation reference kept changing under us; try again.');
  }

  async getConversationRef(key: string): Promise<ConversationRefRecord | null> {
    const found = await this.l.conversationRefs.first({
      select: ['RefJson', 'UpdatedAt'],
      filter: eq('RefKey', shortKey(key)),
    });
    if (!found) return null;
    const f = z.object({ RefJson: z.string(), UpdatedAt: z.string() }).parse(found.fields);
    const stored = z.object({ key: z.string(), ref: z.unknown() }).parse(JSON.parse(f.RefJson));
    return { key: stored.key, ref: stored.ref as Json, updatedAt: f.UpdatedAt };
  }

  async deleteConversationRef(key: string): Promise<void> {
    const found = await this.l.conversationRefs.first({
      select: ['RefKey'],
      filter: eq('RefKey', shortKey(key)),
    });
    if (found) await this.l.conversationRefs.delete(found.id).catch(ignoreNotFound);
  }
}

export function shortKey(key: string): string {
  return key.length <= 200 ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

export function ignoreNotFound(err: unknown): void {
  if (err instanceof GraphRequestError && err.status === 404) return;
  throw err;
}
