import { z } from 'zod';
import { isIsoDate } from '../dates';

/**
 * Issue 15: a reminder the app sent about a duty, recorded in the case's timeline (never by hand; the
 * reminder sweep records it once a reminder has gone, its id derived from the reminder's claim, so a
 * retried sweep records it once). Who it went to is named by role and agency, never by person or address.
 */
export const reminderSent = z.strictObject({
  sentOn: z.string().refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD' }),
  /** The duty, as the rules name it ("Return from Police", "Acknowledge the application"). */
  label: z.string().trim().min(1).max(300),
  kind: z.enum(['due-tomorrow', 'due-today', 'overdue', 'upcoming']),
  to: z.enum(['spoc', 'agency']),
  agencyId: z.string().min(1).max(40).optional(),
  /** How it went: a Teams message, an email to partners outside Teams, or both. */
  via: z
    .array(z.enum(['teams', 'email']))
    .min(1)
    .max(2),
});

export type ReminderSentPayload = z.infer<typeof reminderSent>;

/**
 * Issue 15: an email the app sent a partner agency's members who work outside Teams (the return request
 * with its link), recorded once it has gone (its id derived from the request, so a retried delivery records
 * it once). Names the agency, never a person or an address.
 */
export const partnerEmailed = z.strictObject({
  sentOn: z.string().refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD' }),
  agencyId: z.string().min(1).max(40),
  about: z.enum(['return-request']),
  requestId: z.string().min(1).max(100),
});

export type PartnerEmailedPayload = z.infer<typeof partnerEmailed>;
