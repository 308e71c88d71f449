import type { EmailSnapshot } from './email-to-application';

/* The small part of Office.js the task pane uses; typed here so the tab needs no Office type package. */
interface AsyncResult<T> {
  status: 'succeeded' | 'failed';
  value: T;
  error?: { message: string };
}
type Callback<T> = (result: AsyncResult<T>) => void;

export interface OfficeLike {
  context: {
    requirements: { isSetSupported(name: string, version?: string): boolean };
    mailbox: {
      item: {
        itemId: string;
        subject: string;
        from: { displayName: string; emailAddress: string };
        dateTimeCreated: Date | string;
        body: { getAsync(coercion: string, callback: Callback<string>): void };
        attachments: { id: string; name: string; size: number; contentType?: string; isInline?: boolean }[];
        getAsFileAsync?: (callback: Callback<string>) => void;
      };
      convertToRestId(itemId: string, version: string): string;
    };
  };
  CoercionType: { Text: string };
  MailboxEnums: { RestVersion: { v2_0: string } };
}

function promised<T>(run: (cb: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    run((result) =>
      result.status === 'succeeded'
        ? resolve(result.value)
        : reject(new Error(result.error?.message ?? 'Office.js call failed')),
    );
  });
}

/** Reads the open email (Mailbox 1.8): subject, sender, received time, body as text, attachments. */
export async function readOpenEmail(office: OfficeLike): Promise<EmailSnapshot> {
  const item = office.context.mailbox.item;
  const body = await promised<string>((cb) => item.body.getAsync(office.CoercionType.Text, cb));
  const created =
    item.dateTimeCreated instanceof Date
      ? item.dateTimeCreated.toISOString()
      : new Date(item.dateTimeCreated).toISOString();
  return {
    // REST ids are the same in every Outlook client, so the same email is recognised wherever it is opened.
    itemId: office.context.mailbox.convertToRestId(item.itemId, office.MailboxEnums.RestVersion.v2_0),
    subject: item.subject,
    from: { displayName: item.from.displayName, emailAddress: item.from.emailAddress },
    receivedAt: created,
    body,
    attachments: item.attachments.map((a) => ({
      id: a.id,
      name: a.name,
      size: a.size,
      ...(a.contentType ? { contentType: a.contentType } : {}),
      ...(a.isInline ? { isInline: true } : {}),
    })),
  };
}

/** The whole message as .eml (base64), where Mailbox 1.14 is supported; otherwise undefined. */
export async function readEml(office: OfficeLike): Promise<string | undefined> {
  const item = office.context.mailbox.item;
  if (!office.context.requirements.isSetSupported('Mailbox', '1.14') || !item.getAsFileAsync)
    return undefined;
  return promised<string>((cb) => item.getAsFileAsync!(cb));
}
