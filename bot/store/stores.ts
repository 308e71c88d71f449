/**
 * The store's ports, one per concern, as one adapter set opens them over the same storage (one SQLite
 * file; one SharePoint site): a use case takes only the ports it needs.
 */
import type { AccessLog } from './access-log';
import type { CaseFiles } from './case-files';
import type { CaseLog } from './case-log';
import type { ConversationRefs } from './conversation-refs';
import type { Outbox } from './outbox';
import type { Purges } from './purges';
import type { ReminderClaims } from './reminder-claims';

export interface Stores {
  /** Each case's event log with its inline projections (list row, agency requests, panel bookings). */
  cases: CaseLog;
  files: CaseFiles;
  conversations: ConversationRefs;
  claims: ReminderClaims;
  purges: Purges;
  /** Who looked at what (append-only). */
  accessLog: AccessLog;
  /** The side effects of appends, stored with them; delivered by the outbox worker. */
  outbox: Outbox;
  close(): Promise<void>;
}
