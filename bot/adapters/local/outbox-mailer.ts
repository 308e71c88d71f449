import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { privateFolder } from '../sqlite/open-database';
import { join } from 'node:path';
import type { OutboxMessage } from '../../api/contract';
import type { MailMessage, Mailer } from '../../ports/mailer';

/**
 * Local mode's mail: each message is written to `<DATA_DIR>/outbox` as an .eml file (open it in any mail
 * program) with a JSON index beside it, and listed in the tab. Nothing leaves the machine.
 */
export class OutboxMailer implements Mailer {
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly from: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.dir = join(dataDir, 'outbox');
    privateFolder(this.dir);
  }

  async send(message: MailMessage): Promise<void> {
    const id = `${this.now().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
    const sentAt = this.now().toISOString();
    const eml = [
      `From: ${this.from}`,
      `To: ${message.to.join(', ')}`,
      `Subject: ${message.subject}`,
      `Date: ${this.now().toUTCString()}`,
      `Message-ID: <${id}@asb-case-review.local>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      message.text,
    ].join('\r\n');
    writeFileSync(join(this.dir, `${id}.eml`), eml, { mode: 0o600 });
    const entry: OutboxMessage = {
      id,
      to: message.to,
      subject: message.subject,
      sentAt,
      ...(message.caseId ? { caseId: message.caseId } : {}),
    };
    writeFileSync(join(this.dir, `${id}.json`), JSON.stringify(entry), { mode: 0o600 });
  }

  list(): OutboxMessage[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as OutboxMessage)
      .sort((a, b) => (a.sentAt < b.sentAt ? 1 : -1));
  }

  read(id: string): string | undefined {
    if (!/^[\w-]+$/.test(id)) return undefined;
    try {
      return readFileSync(join(this.dir, `${id}.eml`), 'utf8');
    } catch {
      return undefined;
    }
  }
}
