import type { MailMessage, Mailer } from '../../ports/mailer';
import { GraphApi, GraphRequestError, realSleep } from './graph-client';

export interface GraphMailerOptions {
  /** The shared mailbox that sends (MAIL_SENDER); the app's Mail.Send is scoped to it in Exchange. */
  sender: string;
  /** The server's Graph client (app-only token, retry path); built from the options below when absent. */
  api?: GraphApi;
  getToken?: () => Promise<string>;
  baseUrl?: string;
  sleep?: (ms: number) => Promise<void>;
  /** Attempts, the first included (5 when not given). */
  maxAttempts?: number;
}

/**
 * Mail through Graph `POST /users/{sender}/sendMail` (Microsoft Learn, user-sendmail: 202 Accepted),
 * through the server's one Graph client: retried after 429 and 503 (Retry-After honoured), which Graph
 * answers without sending; not after 504, whose mail may have gone, so a reminder is never sent twice.
 */
export class GraphMailer implements Mailer {
  private readonly api: GraphApi;

  constructor(private readonly options: GraphMailerOptions) {
    const getToken = options.getToken;
    if (!options.api && !getToken) throw new Error('GraphMailer needs a Graph client or a token source.');
    this.api =
      options.api ??
      new GraphApi({
        baseUrl: options.baseUrl ?? 'https://graph.microsoft.com/v1.0',
        tokens: { getToken: getToken! },
        sleep: options.sleep ?? realSleep,
        maxAttempts: options.maxAttempts ?? 5,
      });
  }

  async send(message: MailMessage): Promise<void> {
    try {
      await this.api.request('POST', `/users/${encodeURIComponent(this.options.sender)}/sendMail`, {
        notIdempotent: true,
        body: {
          message: {
            subject: message.subject,
            body: { contentType: 'Text', content: message.text },
            toRecipients: message.to.map((address) => ({ emailAddress: { address } })),
          },
          saveToSentItems: true,
        },
      });
    } catch (err) {
      if (!(err instanceof GraphRequestError)) throw err;
      if (err.status === 403)
        throw new Error(
          `sendMail was refused (403 ${err.code}): grant Mail.Send and allow the app to send as ${this.options.sender}.`,
        );
      throw new Error(`sendMail failed: ${err.status} ${err.code}`);
    }
  }
}
