import type { CaseListItem } from '../../../bot/api/contract';
import type { Rag } from '../../../shared';

/**
 * Red, amber, green for deadlines, always with words: colour is a second signal, never the only one.
 * The rule itself (`ragOf`) lives in shared/, so the server's list and the case view agree.
 */
export { AMBER_WITHIN_WORKING_DAYS, ragOf, type Rag } from '../../../shared';

/** "2 WD overdue", "Due today", "1 WD left", "12 WD left". WD: working days. */
export function workingDaysText(deadline: { overdue: boolean; workingDaysLeft: number } | undefined): string {
  if (!deadline) return 'No deadline';
  const n = deadline.workingDaysLeft;
  if (deadline.overdue || n < 0) {
    const late = Math.abs(n);
    return late === 0 ? 'Overdue' : `${late} WD overdue`;
  }
  if (n === 0) return 'Due today';
  return `${n} WD left`;
}

/** The same, spelt out for screen readers: "2 working days overdue". */
export function workingDaysSpoken(
  deadline: { overdue: boolean; workingDaysLeft: number } | undefined,
): string {
  if (!deadline) return 'No running deadline';
  const n = deadline.workingDaysLeft;
  const days = (k: number) => `${k} working day${k === 1 ? '' : 's'}`;
  if (deadline.overdue || n < 0) return n === 0 ? 'Overdue' : `${days(Math.abs(n))} overdue`;
  if (n === 0) return 'Due today';
  return `${days(n)} left`;
}

export type BadgeColour = 'danger' | 'warning' | 'success' | 'informative';

export const ragAppearance: Record<Rag, { colour: BadgeColour; word: string }> = {
  red: { colour: 'danger', word: 'Overdue' },
  amber: { colour: 'warning', word: 'Due soon' },
  green: { colour: 'success', word: 'On track' },
  none: { colour: 'informative', word: 'No deadline' },
};

const RANK: Record<Rag, number> = { red: 0, amber: 1, green: 2, none: 3 };

/**
 * Overdue first, then by due date (soonest first), cases with no running clock last, then by reference.
 * The server pages in this order; the tab sorts what it has loaded the same way so a page boundary cannot
 * put an overdue case below a later one.
 */
export function compareCases(a: CaseListItem, b: CaseListItem): number {
  const rank = RANK[a.rag] - RANK[b.rag];
  if (rank !== 0) return rank;
  const da = a.nextDeadline?.dueOn;
  const db = b.nextDeadline?.dueOn;
  if (da && db && da !== db) return da < db ? -1 : 1;
  if (da && !db) return -1;
  if (!da && db) return 1;
  return a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0;
}
