/**
 * ReminderClaims on SharePoint: a claim creates the key's ASB Reminder Claims item; the unique key column
 * answers a second creator 409. A claim token tells our own retried create from another instance's.
 */
import { randomUUID } from 'node:crypto';
import type { ReminderClaims } from '../../store/reminder-claims';
import { GraphRequestError } from './graph-client';
import { eq } from './odata';
import { shortKey } from './sharepoint-conversation-refs';
import type { SharePointLists } from './sharepoint-list';

export class SharePointReminderClaims implements ReminderClaims {
  constructor(
    private readonly l: SharePointLists,
    private readonly clock: () => Date,
  ) {}

  async claimReminder(key: string): Promise<boolean> {
    const k = shortKey(key);
    // The token tells our own earlier attempt (a lost answer, retried) from another instance's claim.
    const token = randomUUID();
    try {
      await this.l.reminders.create({
        Title: k,
        ReminderKey: k,
        ClaimedAt: this.clock().toISOString(),
        ClaimToken: token,
      });
      return true;
    } catch (err) {
      if (!(err instanceof GraphRequestError && err.status === 409)) throw err;
      const found = await this.l.reminders.first({ select: ['ClaimToken'], filter: eq('ReminderKey', k) });
      return found?.fields.ClaimToken === token;
    }
  }
}
