import type { MailMessage, Mailer } from '../../ports/mailer';

export interface GraphMailerOptions {
  /** The shared mailbox that sends (MAIL_SENDER); the app's Mail.Send is scoped to it by policy. */
  sender: string;
  getToken: () => Promise<string>;
  baseUrl?: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  maxAttempts?: number;
}

/** Mail through Graph `POST /users/{sender}/sendMail`, retrying 429 and 503 after Retry-After. */
export class GraphMailer implements Mailer {
  constructor(private readonly options: GraphMailerOptions) {}

  async send(message: MailMessage): Promise<void> {
    const base = this.options.baseUrl ?? 'https://graph.microsoft.com/v1.0';
    const doFetch = this.options.fetch ?? fetch;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const body = JSON.stringify({
      message: {
        subject: message.subject,
        body: { contentType: 'Text', content: message.text },
        toRecipients: message.to.map((address) => ({ emailAddress: { address } })),
      },
      saveToSentItems: true,
    });
    const attempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      const res = await doFetch(`${base}/users/${encodeURIComponent(this.options.sender)}/sendMail`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await this.options.getToken()}`,
          'content-type': 'application/json',
        },
        body,
      });
      if (res.status === 202 || res.ok) return;
      if ((res.status === 429 || res.status === 503) && attempt < attempts) {
        const after = Number(res.headers.get('retry-after'));
        await sleep(Number.isFinite(after) && after >= 0 ? after * 1000 : 2 ** attempt * 500);
        continue;
      }
      const text = await res.text().catch(() => '');
      const code = /"code"\s*:\s*"([^"]+)"/.exec(text)?.[1] ?? 'unknown';
      if (res.status === 403)
        throw new Error(
          `sendMail was refused (403 ${code}): grant Mail.Send and allow the app to send as ${this.options.sender}.`,
        );
      throw new Error(`sendMail failed: ${res.status} ${code}`);
    }
  }
}
