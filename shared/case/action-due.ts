import type { IsoDate } from '../dates';
import { dateInWords } from '../words';

/**
 * Issue 15: a due date set on an action is today or later; an overdue action keeps its date until it is
 * moved. One rule, in the council's words, for the rules (`action-updated`), the tab's dialog and the
 * action card, so each refuses the same date the same way. Undefined when the date is fine.
 */
export function actionDueProblem(
  dueOn: IsoDate | undefined,
  currentDueOn: IsoDate | undefined,
  today: IsoDate,
): string | undefined {
  if (!dueOn || dueOn === currentDueOn || dueOn >= today) return undefined;
  return `The new due date cannot be in the past: choose today (${dateInWords(today)}) or later.`;
}
