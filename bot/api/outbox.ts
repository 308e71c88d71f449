/** Local mode's outbox: the emails that would have been sent (GET /api/outbox, one as .eml). */

export interface OutboxMessage {
  id: string;
  to: string[];
  subject: string;
  sentAt: string;
  caseId?: string;
}

export interface OutboxList {
  messages: OutboxMessage[];
}
