import { z } from 'zod';
import { isUkPhone, isUkPostcode, PHONE_HINT, POSTCODE_HINT } from '../contact/uk-contact';
import { isIsoDate } from '../dates';

const isoDate = z.string().refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD' });
const text = (max: number) => z.string().trim().min(1).max(max);

/** Contact details kept for letters; personal data, so never logged and never shown to other agencies. */
export const partySchema = z.strictObject({
  name: text(200),
  address: z.string().max(500).optional(),
  /** Kept apart from the address so the SPOC can find a case by it (the tab writes it as Royal Mail does). */
  postcode: z.string().max(10).refine(isUkPostcode, { message: POSTCODE_HINT }).optional(),
  email: z.email({ message: 'Enter an email address such as name@example.com.' }).optional(),
  phone: z.string().max(40).refine(isUkPhone, { message: PHONE_HINT }).optional(),
});

/**
 * How the victim wants to hear from the council, asked by the online application (issue 17): personal
 * data, for the officers only. `via-applicant`: a third party applied and the victim wants news through them.
 */
export const contactMethodPreference = z.enum(['email', 'sms', 'letter', 'phone', 'via-applicant']);
export const contactPreferences = z.strictObject({
  method: contactMethodPreference,
  language: z.enum(['en', 'cy']),
  accessibilityNeeds: z.string().trim().max(2000).optional(),
  /** A third party's application: how the victim gave their consent, as the third party recorded it. */
  consent: z
    .strictObject({
      how: z.enum(['in-writing', 'email', 'phone', 'in-person', 'other']),
      recordedOn: isoDate,
      detail: z.string().trim().max(1000).optional(),
    })
    .optional(),
  /** Who the third party is to the victim ("support worker", "daughter"). */
  applicantRole: z.string().trim().max(200).optional(),
});

/** The victim and, when a third party applied, the applicant. */
export const partiesSchema = z.strictObject({ victim: partySchema, applicant: partySchema.optional() });

export type Party = z.infer<typeof partySchema>;
