/** The choices the case's dialogs offer, as data: each dialog names its list rather than spelling it out. */

const how = {
  phone: 'Phone',
  email: 'Email',
  letter: 'Letter',
  'in-writing': 'In writing',
  'in-person': 'In person',
  other: 'Other',
} as const;

/** Ways of being told or contacted, in the order a dialog offers them. */
const methods = <const T extends keyof typeof how>(...order: T[]) =>
  order.map((value) => ({ value, label: how[value] }));

/** How the applicant was told a decision. */
export const toldMethods = methods('phone', 'letter', 'email', 'in-person', 'other');

/** How the victim was contacted. */
export const victimContactMethods = methods('phone', 'email', 'letter', 'in-person', 'other');

/** How the applicant said they waived a right. */
export const waiverMethods = methods('in-writing', 'email', 'phone', 'in-person', 'other');

/** How the outcome reached the victim. */
export const outcomeMethods = [
  { value: 'phone-and-letter', label: 'Phone call, then a letter' },
  { value: 'letter', label: 'Letter' },
  { value: 'email', label: 'Email' },
  { value: 'other', label: 'Other' },
] as const;

/** How the victim took part in the review. */
export const reviewVictimOptions = [
  { value: 'attended', label: 'Attended' },
  { value: 'impact-statement', label: 'Sent an impact statement' },
  { value: 'none', label: 'Did not take part' },
] as const;

export const appealOutcomeOptions = [
  { value: 'upheld', label: 'Upheld' },
  { value: 'dismissed', label: 'Dismissed' },
] as const;

export const appealAgainstOptions = [
  { value: 'threshold-decision', label: 'The threshold decision' },
  { value: 'review-outcome', label: "The case review's outcome" },
] as const;
