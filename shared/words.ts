import type { ActionItem } from './case/case-events';
import type { CaseStatus } from './case/case-state';

/**
 * The council's words for codes, shared by the tab, the cards and the letters so each is written once.
 * Pure data.
 */

export const caseStatusLabels: Record<CaseStatus, string> = {
  received: 'Received',
  acknowledged: 'Acknowledged',
  'threshold-not-met': 'Threshold not met',
  ineligible: 'Ineligible',
  'threshold-met': 'Threshold met',
  'panel-booked': 'Panel booked',
  'review-held': 'Review held',
  monitoring: 'Monitoring',
  appeal: 'Appeal',
  closed: 'Closed',
};

/** The words for a status; an unknown code is returned as it is. */
export function caseStatusLabel(status: string): string {
  return (caseStatusLabels as Record<string, string | undefined>)[status] ?? status;
}

/** An action's status as the tab's action plan and the action card say it (issue 15). */
export const actionStatusLabels = {
  open: 'Open',
  'in-progress': 'In progress',
  complete: 'Complete',
  dropped: 'Dropped',
} as const satisfies Record<ActionItem['status'], string>;

export const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A day as the council writes it in a sentence: "10 March 2026" (from an ISO date). */
export function dateInWords(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? monthNames[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

export const weekdayNames = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
