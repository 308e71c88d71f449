import { londonDate } from '../../../shared/dates';
import type { ApplicationInitial } from '../lib/application-form';

/** What the task pane reads of the open email (Office.js), kept free of Office types so it is testable. */
export interface EmailSnapshot {
  /** The item id converted for REST (stable across Outlook clients): it makes one case per email. */
  itemId: string;
  subject: string;
  from: { displayName: string; emailAddress: string };
  /** When the email was received (ISO instant). */
  receivedAt: string;
  body: string;
  attachments: { id: string; name: string; size: number; contentType?: string; isInline?: boolean }[];
}

export interface EmailMapping {
  initial: ApplicationInitial;
  /** The sender looks like someone writing on the victim's behalf: the SPOC must record the victim's consent. */
  thirdParty: boolean;
  /** Plain-English notes for the SPOC about what was filled in and what to check. */
  notes: string[];
}

/** Senders from these domains usually write on someone's behalf (councillors, MPs, police, health, housing). */
const professionalDomains = [
  /\.gov\.uk$/i,
  /\.police\.uk$/i,
  /(^|\.)nhs\.(net|uk)$/i,
  /(^|\.)parliament\.uk$/i,
  /\.ac\.uk$/i,
];

const MAX_ACCOUNT = 20_000;

/**
 * Prefills the New application form from an email: the sender as applicant (a third party when they write
 * from a professional address or the body says they write for someone), the received date as the
 * application date, the body as the applicant's account, the attachments listed. The SPOC completes the
 * incidents and confirms; nothing is decided here.
 */
export function emailToApplication(email: EmailSnapshot): EmailMapping {
  const domain = email.from.emailAddress.split('@')[1] ?? '';
  const onBehalf =
    /\b(on behalf of|behalf of my|my (constituent|client|tenant|resident|mother|father|neighbour)|I am writing for)\b/i.test(
      email.body,
    );
  const thirdParty = onBehalf || professionalDomains.some((re) => re.test(domain));
  const receivedOn = londonDate(email.receivedAt);
  const sender = { name: email.from.displayName || email.from.emailAddress, email: email.from.emailAddress };
  const body = email.body.replace(/\r\n/g, '\n').trim();
  const account =
    body.length > MAX_ACCOUNT
      ? `${body.slice(0, MAX_ACCOUNT - 40)}\n[... cut: see the original email]`
      : body;
  const attachments = email.attachments
    .filter((a) => !a.isInline)
    .map((a) => ({
      id: a.id,
      name: a.name,
      size: a.size,
      ...(a.contentType ? { contentType: a.contentType } : {}),
    }));
  const notes = [
    `Received on ${receivedOn} by email from ${sender.email}.`,
    thirdParty
      ? "The sender appears to write on the victim's behalf: record the victim's details and whether they consent."
      : 'The sender is taken to be the victim: check this before you confirm.',
    'Add each incident and its reports; the threshold result updates as you type.',
  ];
  if (attachments.length)
    notes.push(`${attachments.length} attachment(s) listed; they are kept with the case with the email.`);
  return {
    thirdParty,
    notes,
    initial: {
      receivedVia: 'email',
      application: {
        receivedOn,
        applicant: {
          relationship: thirdParty ? 'third-party' : 'victim',
          consentGiven: false,
          anonymous: false,
        },
        incidents: [],
      },
      parties: thirdParty ? { applicant: sender } : { victim: sender },
      account,
      attachments,
      emailId: email.itemId,
    },
  };
}
