import { z } from 'zod';
import { newApplicationSchema } from './cases';

/** The Outlook add-in: an email recorded as an application, once per email. */

/** An application recorded from an email in Outlook; the email's id makes it one case per email. */
export const emailApplicationSchema = newApplicationSchema.omit({ requestId: true, source: true }).extend({
  emailId: z.string().min(1).max(500),
  /** The original message (.eml, base64), kept with the case as evidence. */
  eml: z.base64().max(20_000_000).optional(),
  attachments: z
    .array(z.strictObject({ name: z.string().max(300), size: z.number().int().min(0) }))
    .max(100)
    .optional(),
});
export type EmailApplication = z.infer<typeof emailApplicationSchema>;

/** GET /api/outlook/email-case: which case an email became (404 when it has not been recorded). */
export const emailCaseQuery = z.object({ emailId: z.string().min(1).max(500) });

/** The case an email is (or became). */
export interface EmailCase {
  caseId: string;
  reference: string;
}

/** What POST /api/outlook/cases answers: `alreadyRecorded` when the email had been recorded before. */
export interface RecordedEmail extends EmailCase {
  alreadyRecorded: boolean;
}
