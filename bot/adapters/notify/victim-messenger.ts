/**
 * The port for messages to the victim or applicant (issue 17): GOV.UK Notify in production, local mode's
 * outbox on a developer's machine. Each message names a configured template (by kind, channel and
 * language) and its personalisation; the texts live in the council's Notify templates.
 */
import type { MessageChannel, VictimMessageKind } from '../../../shared';

export interface OutgoingMessage {
  /** Ours and stable (a UUID): sent as Notify's `reference`, so a receipt finds its message. */
  messageId: string;
  caseId: string;
  kind: VictimMessageKind;
  channel: MessageChannel;
  lang: 'en' | 'cy';
  /** The email address, the mobile number, or the postal address lines (the last one the postcode). */
  to: { email: string } | { phone: string } | { address: string[] };
  personalisation: Record<string, string>;
  /** The text local mode writes to its outbox (the catalogue's words for this message). */
  preview: { subject: string; body: string };
}

/** Handed over (`sending`), or refused for good (`not-sent`, with the reason). Throws when worth retrying. */
export type SendResult =
  { status: 'sending'; notificationId?: string } | { status: 'not-sent'; reason: string };

export interface VictimMessenger {
  readonly via: 'notify' | 'local-outbox';
  send(message: OutgoingMessage): Promise<SendResult>;
}
