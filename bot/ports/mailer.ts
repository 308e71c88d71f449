/** Sends email: the return request and reminders for partners who are not in the council's Teams. */
export interface MailMessage {
  to: string[];
  subject: string;
  /** Plain text; the body never carries victim details, only the reference and a link. */
  text: string;
  caseId?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
