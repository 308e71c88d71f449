/** The case card: the first post in a case's channel, updated as the case moves on. Pure. */
import type { IsoDate } from '../../shared';
import type { CardJson } from '../ports/messenger';
import template from './case-card.json';
import { expandCard } from './expand-card';
import { dueWords, longDate, statusWord } from './format';

export interface CaseCardView {
  reference: string;
  /** The SPOC's short description (never the victim's name). */
  title?: string;
  status: string;
  receivedOn: IsoDate;
  spocName: string;
  /** Agency names. */
  agencies: string[];
  next?: { label: string; dueOn: IsoDate; workingDaysLeft: number; overdue: boolean };
  today: IsoDate;
  /** Issue 15: where the case opens (a Teams deep link, or the web address). */
  url?: string;
}

export function caseCard(view: CaseCardView): CardJson {
  return expandCard(template, {
    reference: view.reference,
    hasTitle: !!view.title && view.title !== view.reference,
    title: view.title ?? '',
    facts: [
      { name: 'Status', value: statusWord(view.status) },
      { name: 'Received', value: longDate(view.receivedOn) },
      { name: 'SPOC', value: view.spocName },
      { name: 'Agencies', value: view.agencies.length ? view.agencies.join(', ') : 'None yet' },
    ],
    hasNext: !!view.next,
    nextText: view.next
      ? `${view.next.label}, ${dueWords(view.next.dueOn, view.today, view.next.workingDaysLeft)}`
      : '',
    nextColor: !view.next
      ? 'Default'
      : view.next.overdue
        ? 'Attention'
        : view.next.workingDaysLeft <= 2
          ? 'Warning'
          : 'Good',
    hasUrl: !!view.url,
    url: view.url ?? '',
  });
}
