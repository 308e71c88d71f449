/** Reminder cards: one duty, or a day's digest of several. Pure. */
import type { IsoDate } from '../../shared';
import type { CardJson } from '../ports/messenger';
import digestTemplate from './digest-card.json';
import { expandCard } from './expand-card';
import { dueWords, longDate } from './format';
import reminderTemplate from './reminder-card.json';

/**
 * What a reminder says about a clock: it is due tomorrow (the next working day), today, or overdue; or
 * `upcoming`, a SPOC's "remind now" before any of those.
 */
export type ReminderKind = 'due-tomorrow' | 'due-today' | 'overdue' | 'upcoming';

export interface ReminderItem {
  reference: string;
  /** The duty, from the rules ("Acknowledge the application", "Return from Police"). */
  label: string;
  dueOn: IsoDate;
  workingDaysLeft: number;
  kind: ReminderKind;
  /** Issue 15: where the case opens (a Teams deep link, or the web address). */
  url?: string;
}

/** How each kind of reminder is headed (the action card heads its reminder the same way). */
export const reminderHeadings: Record<ReminderKind, { heading: string; color: string }> = {
  overdue: { heading: 'Overdue', color: 'Attention' },
  'due-today': { heading: 'Due today', color: 'Warning' },
  'due-tomorrow': { heading: 'Due next working day', color: 'Default' },
  upcoming: { heading: 'Reminder', color: 'Default' },
};

/** A single reminder: for a SPOC's one duty of the day, or an agency's return. */
export function reminderCard(item: ReminderItem, today: IsoDate, hint?: string): CardJson {
  const h = reminderHeadings[item.kind];
  return expandCard(reminderTemplate, {
    heading: `${h.heading}: ${item.reference}`,
    color: h.color,
    text: `${item.label}, ${dueWords(item.dueOn, today, item.workingDaysLeft)}.`,
    hasHint: !!hint,
    hint: hint ?? '',
    hasUrl: !!item.url,
    url: item.url ?? '',
  });
}

/** The SPOC's daily digest when several duties are due: overdue first, then today, then tomorrow. */
export function digestCard(items: readonly ReminderItem[], today: IsoDate): CardJson {
  const order: ReminderKind[] = ['overdue', 'due-today', 'due-tomorrow', 'upcoming'];
  return expandCard(digestTemplate, {
    heading: 'Your ASB case review deadlines',
    intro: `${longDate(today)}: ${items.length} duties need you. Open each case in the ASB Case Review tab.`,
    groups: order
      .map((kind) => ({
        title: reminderHeadings[kind].heading,
        color: reminderHeadings[kind].color,
        items: items
          .filter((i) => i.kind === kind)
          .map((i) => ({
            text: `${i.reference}: ${i.label}, ${dueWords(i.dueOn, today, i.workingDaysLeft)}`,
          })),
      }))
      .filter((g) => g.items.length > 0),
    // Issue 15: each case opens from its own button.
    links: [...new Map(items.filter((i) => i.url).map((i) => [i.reference, i.url!])).entries()].map(
      ([reference, url]) => ({ reference, url }),
    ),
  });
}
