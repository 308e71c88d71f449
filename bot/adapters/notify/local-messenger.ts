/**
 * Local mode's messages to the victim (issue 17): written to the same outbox folder as partners' emails
 * (listed in the tab at #/outbox), with the catalogue's words, so a developer reads what would be sent.
 * A text message or letter is written there too, addressed as such.
 */
import type { Mailer } from '../../ports/mailer';
import type { OutgoingMessage, SendResult, VictimMessenger } from './victim-messenger';

export class LocalVictimMessenger implements VictimMessenger {
  readonly via = 'local-outbox' as const;

  constructor(private readonly mailer: Mailer) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    const to = message.to;
    const address =
      'email' in to ? to.email : 'phone' in to ? `sms:${to.phone}` : `letter:${to.address.join(', ')}`;
    await this.mailer.send({
      to: [address],
      subject: `${message.channel === 'email' ? '' : `[${message.channel}] `}${message.preview.subject}`,
      text: message.preview.body,
      caseId: message.caseId,
    });
    return { status: 'sending' };
  }
}
