import type { Option } from './event-spec';

/** The choices the case's dialogs offer, as data: each dialog names its list rather than spelling it out. */

/** How the applicant was told a decision. */
export const toldMethods = [
  { value: 'phone', label: 'Phone' },
  { value: 'letter', label: 'Letter' },
  { value: 'email', label: 'Email' },
  { value: 'in-person', label: 'In person' },
  { value: 'other', label: 'Other' },
] as const;

/** How the victim was contacted. */
export const victimContactMethods: Option<'phone' | 'email' | 'letter' | 'in-person' | 'other'>[] = [
  { value: 'phone', label: 'Phone' },
  { value: 'email', label: 'Email' },
  { value: 'letter', label: 'Letter' },
  { value: 'in-person', label: 'In person' },
  { value: 'other', label: 'Other' },
];

/** How the applicant said they waived a right. */
export const waiverMethods: Option<'in-writing' | 'email' | 'phone' | 'in-person' | 'other'>[] = [
  { value: 'in-writing', label: 'In writing' },
  { value: 'email', label: 'Email' },
  { value: 'phone', label: 'Phone' },
  { value: 'in-person', label: 'In person' },
  { value: 'other', label: 'Other' },
];

/** How the outcome reached the victim. */
export const outcomeMethods: Option<'phone-and-letter' | 'letter' | 'email' | 'other'>[] = [
  { value: 'phone-and-letter', label: 'Phone call, then a letter' },
  { value: 'letter', label: 'Letter' },
  { value: 'email', label: 'Email' },
  { value: 'other', label: 'Other' },
];

/** How the victim took part in the review. */
export const reviewVictimOptions: Option<'attended' | 'impact-statement' | 'none'>[] = [
  { value: 'attended', label: 'Attended' },
  { value: 'impact-statement', label: 'Sent an impact statement' },
  { value: 'none', label: 'Did not take part' },
];

export const appealOutcomeOptions: Option<'upheld' | 'dismissed'>[] = [
  { value: 'upheld', label: 'Upheld' },
  { value: 'dismissed', label: 'Dismissed' },
];

export const appealAgainstOptions: Option<'threshold-decision' | 'review-outcome'>[] = [
  { value: 'threshold-decision', label: 'The threshold decision' },
  { value: 'review-outcome', label: "The case review's outcome" },
];
