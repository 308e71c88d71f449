/** Words and dates as the cards show them (UK English). Pure. */
import { addDays, caseStatusLabel, type IsoDate } from '../../shared';

/** The council's word for a case's status (shared/words.ts: the tab says the same). */
export const statusWord = caseStatusLabel;

let dayFormat: Intl.DateTimeFormat | undefined;
/** Cards show the same few dates again and again: each is formatted once. */
const longDates = new Map<IsoDate, string>();

/** `2026-03-09` as "Mon 9 March 2026" (dates are calendar dates: formatted in UTC so no zone shifts them). */
export function longDate(date: IsoDate): string {
  const known = longDates.get(date);
  if (known !== undefined) return known;
  if (longDates.size >= 5_000) longDates.clear();
  dayFormat ??= new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const parts = Object.fromEntries(
    dayFormat.formatToParts(new Date(`${date}T00:00:00Z`)).map((p) => [p.type, p.value]),
  );
  const words = `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
  longDates.set(date, words);
  return words;
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "due tomorrow (Tue 10 March 2026)", "due today", "3 working days overdue (was due ...)". */
export function dueWords(dueOn: IsoDate, today: IsoDate, workingDaysLeft: number): string {
  if (dueOn === today) return `due today (${longDate(dueOn)})`;
  if (dueOn < today)
    return `${plural(-workingDaysLeft || 1, 'working day')} overdue (was due ${longDate(dueOn)})`;
  if (dueOn === addDays(today, 1)) return `due tomorrow (${longDate(dueOn)})`;
  if (workingDaysLeft === 1) return `due on the next working day, ${longDate(dueOn)}`;
  return `due ${longDate(dueOn)} (${plural(workingDaysLeft, 'working day')} left)`;
}

/**
 * Text shown in an Adaptive Card, where TextBlocks and facts render markdown: a link written by a person
 * (`[your council](https://elsewhere)`) is shown as typed, not as a link under a disguise.
 */
export function cardSafe(text: string): string {
  return text.replace(/\]\s*\(/g, '] (');
}
