/** Answers to the bot's commands in personal chat: help, my cases, due. Pure. */
import type { IsoDate } from '../../shared';
import type { CardJson } from '../ports/messenger';
import { expandCard } from './expand-card';
import { dueWords, statusWord } from './format';
import helpTemplate from './help-card.json';
import listTemplate from './list-card.json';

export function helpCard(role: 'spoc' | 'agency' | 'other'): CardJson {
  return expandCard(helpTemplate, {
    myCasesText:
      role === 'agency' ? 'The open cases your agency is on' : 'The open cases where you are the SPOC',
    dueText:
      role === 'agency'
        ? "Your agency's returns still to send and its actions still open, and by when"
        : 'Your running deadlines, soonest first',
  });
}

export interface CaseLine {
  reference: string;
  title?: string;
  status: string;
  next?: { label: string; dueOn: IsoDate; workingDaysLeft: number; overdue: boolean };
}

function colour(next: { workingDaysLeft: number; overdue: boolean } | undefined): string {
  return !next ? 'Default' : next.overdue ? 'Attention' : next.workingDaysLeft <= 2 ? 'Warning' : 'Good';
}

export function caseListCard(
  heading: string,
  cases: readonly CaseLine[],
  today: IsoDate,
  more: boolean,
): CardJson {
  return expandCard(listTemplate, {
    heading,
    hasIntro: more,
    intro: more ? 'Showing the first page; the ASB Case Review tab lists them all.' : '',
    hasItems: cases.length > 0,
    emptyText: 'No open cases.',
    items: cases.map((c) => ({
      title: c.title && c.title !== c.reference ? `${c.reference}: ${c.title}` : c.reference,
      text: `${statusWord(c.status)}${c.next ? `. ${c.next.label}: ${dueWords(c.next.dueOn, today, c.next.workingDaysLeft)}` : ''}`,
      color: colour(c.next),
    })),
  });
}

export interface DueLine {
  reference: string;
  label: string;
  dueOn: IsoDate;
  workingDaysLeft: number;
  overdue: boolean;
}

export function dueCard(heading: string, lines: readonly DueLine[], today: IsoDate): CardJson {
  return expandCard(listTemplate, {
    heading,
    hasIntro: false,
    intro: '',
    hasItems: lines.length > 0,
    emptyText: 'Nothing is due from you. Well done.',
    items: lines.map((l) => ({
      title: `${l.reference}: ${l.label}`,
      text: dueWords(l.dueOn, today, l.workingDaysLeft),
      color: colour(l),
    })),
  });
}
