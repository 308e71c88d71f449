import type { CaseStatus, EventType } from '../../../shared';
// The words module itself, not the barrel: the meeting's page loads this without the rest of the rules.
import { caseStatusLabel, caseStatusLabels } from '../../../shared/words';

/** Words for codes, as the SPOC reads them. Pure data; the status words are shared with the cards. */

export const statusLabels: Record<CaseStatus, string> = caseStatusLabels;

export const statusOrder = Object.keys(statusLabels) as CaseStatus[];

export const statusLabel = caseStatusLabel;

export const eventLabels: Partial<Record<EventType, string>> = {
  'application-received': 'Application received',
  acknowledged: 'Application acknowledged',
  'threshold-decided': 'Threshold decided',
  'threshold-review-requested': 'Review of the decision requested',
  'returns-requested': 'Agency returns requested',
  'return-received': 'Agency return received',
  'victim-contacted': 'Victim contacted',
  'panel-booked': 'Panel booked',
  'panel-cancelled': 'Panel cancelled',
  'review-held': 'Case review held',
  'outcome-sent': 'Outcome sent to the victim',
  'minutes-circulated': 'Minutes and action plan circulated',
  'action-updated': 'Action updated',
  'appeal-lodged': 'Appeal lodged',
  'appeal-heard': 'Appeal heard',
  'appeal-decided': 'Appeal decided',
  'case-closed': 'Case closed',
  'right-waived': 'Applicant waived a right',
  'case-reopened': 'Case reopened',
  'applicant-told': 'Applicant told of a decision',
  'letter-issued': 'Letter issued',
  'channel-created': 'Teams channel created',
  'case-card-posted': 'Case card posted',
  'note-added': 'Note added',
  'meeting-noted': 'Noted in the panel meeting', // issue 16
  'application-amended': 'Application corrected',
  'reminder-sent': 'Reminder sent',
  'partner-emailed': 'Email sent',
  'document-added': 'Document added',
  'legal-hold-set': 'Legal hold set',
  'legal-hold-released': 'Legal hold released',
};

/** The words for an event type; an unknown type is spelt out from its code ("letter-issued" -> "Letter issued"). */
export function eventLabel(type: string): string {
  const known = (eventLabels as Record<string, string | undefined>)[type];
  if (known) return known;
  const words = type.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const channelLabels = {
  'web-form': 'Web form',
  email: 'Email',
  phone: 'Phone',
  letter: 'Letter',
  'in-person': 'In person',
  other: 'Other',
} as const;

export const outcomeLabels = {
  met: 'Met',
  'not-met': 'Not met',
  ineligible: 'Ineligible',
} as const;

export const routeLabels = {
  count: 'Number of qualifying complaints',
  hate: 'Hate incident',
  community: 'Community (several households)',
  override: "Senior manager's decision (vulnerable victim)",
} as const;

export const victimChoiceLabels = {
  'attend-in-person': 'Attend the panel in person',
  'attend-online': 'Attend the panel online',
  'impact-statement': 'Send an impact statement',
  'no-involvement': 'No involvement',
  undecided: 'Not decided yet',
} as const;

export const appealGroundLabels = {
  'threshold-wrongly-refused': 'The threshold was wrongly refused',
  'policy-not-considered': 'A policy or process was not considered',
  'facts-not-considered': 'Relevant facts were not considered',
  other: 'Other',
} as const;

export const closureReasonLabels = {
  'actions-complete': 'The actions are complete',
  'threshold-not-met': 'The threshold was not met',
  ineligible: 'The application was ineligible',
  withdrawn: 'The applicant withdrew',
  'appeal-dismissed': 'The appeal was dismissed',
  other: 'Other (say why)',
} as const;

/** Shared with the action card (issue 15), so the tab and the card say the same. */
export { actionStatusLabels } from '../../../shared/words';

export const ownerLabels = {
  spoc: 'SPOC',
  agency: 'Agency',
  applicant: 'Applicant',
  'appeal-hearer': 'Appeal hearer',
} as const;

export function ownerLabel(owner: string): string {
  return (ownerLabels as Record<string, string>)[owner] ?? owner;
}
