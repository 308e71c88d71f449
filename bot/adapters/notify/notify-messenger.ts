/**
 * GOV.UK Notify through its Node client (`notifications-node-client`): the client makes the JWT from the API
 * key for every request. Notify's answers (API documentation, "Send a message" and "Error messages"):
 * 400 (BadRequestError, ValidationError: a recipient or personalisation it will not take) means this
 * message will never go, so it is recorded `not-sent` with the reason; 403 (AuthError: the key, or the
 * clock more than 30 seconds out), 429 (RateLimitError, TooManyRequestsError) and 5xx are thrown, so the
 * outbox retries with backoff.
 */
import { NotifyClient } from 'notifications-node-client';
import type { OutgoingMessage, SendResult, VictimMessenger } from './victim-messenger';
import { templateFor, type NotifyTemplates } from './notify-templates';

export class NotifyError extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'NotifyError';
  }
}

interface NotifyErrorBody {
  status_code?: number;
  errors?: { error?: string; message?: string }[];
}

export class NotifyMessenger implements VictimMessenger {
  readonly via = 'notify' as const;
  private readonly client: NotifyClient;

  constructor(
    private readonly options: {
      apiKey: string;
      baseUrl?: string;
      templates: NotifyTemplates;
      emailReplyToId?: string;
      smsSenderId?: string;
    },
  ) {
    this.client = new NotifyClient(
      options.baseUrl ?? 'https://api.notifications.service.gov.uk',
      options.apiKey,
    );
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const template = templateFor(this.options.templates, message.kind, message.channel, message.lang);
    if (!template)
      return {
        status: 'not-sent',
        reason: `No Notify template is configured for ${message.kind} by ${message.channel}.`,
      };
    // The case and our message id (no personal data): a delivery receipt finds its message by it.
    const reference = `${message.caseId}:${message.messageId}`;
    try {
      const to = message.to;
      const answer =
        'email' in to
          ? await this.client.sendEmail(template, to.email, {
              personalisation: message.personalisation,
              reference,
              ...(this.options.emailReplyToId ? { emailReplyToId: this.options.emailReplyToId } : {}),
            })
          : 'phone' in to
            ? await this.client.sendSms(template, to.phone, {
                personalisation: message.personalisation,
                reference,
                ...(this.options.smsSenderId ? { smsSenderId: this.options.smsSenderId } : {}),
              })
            : await this.client.sendLetter(template, {
                personalisation: { ...addressLines(to.address), ...message.personalisation },
                reference,
              });
      return {
        status: 'sending',
        notificationId: String((answer.data as { id?: unknown }).id ?? '') || undefined,
      } as SendResult;
    } catch (err) {
      const response = (err as { response?: { status?: number; data?: unknown } }).response;
      const body = (response?.data ?? {}) as NotifyErrorBody;
      const first = body.errors?.[0];
      const said = first
        ? `${first.error ?? 'Error'}: ${first.message ?? ''}`.slice(0, 300)
        : (err as Error).message;
      if (response?.status === 400)
        return { status: 'not-sent', reason: `Notify refused the message (${said}).` };
      throw new NotifyError(response?.status, `Notify answered ${response?.status ?? 'nothing'}: ${said}`);
    }
  }
}

/** Notify's letter address: address_line_1 to _7, at least three, the last the postcode. */
export function addressLines(lines: string[]): Record<string, string> {
  return Object.fromEntries(lines.slice(0, 7).map((line, i) => [`address_line_${i + 1}`, line]));
}
