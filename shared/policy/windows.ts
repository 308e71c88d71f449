import { addWorkingDays } from '../calendar';
import { addDays, addMonths, compareDates, type IsoDate } from '../dates';
import type { Window } from './policy-schema';

/**
 * Policy windows ("within one month", "within 30 days", "within 10 working days"). A window is inclusive
 * of its last day, so `windowEnd` is the last date still inside it.
 */
/** A window must be a whole number of known units: a malformed one is an error, never a wrong date. */
function assertWindow(window: Window): void {
  const ok =
    !!window &&
    Number.isInteger(window.amount) &&
    window.amount >= 0 &&
    ['calendar-months', 'calendar-days', 'working-days'].includes(window.unit);
  if (!ok)
    throw new RangeError(
      `${JSON.stringify(window)} is not a period: give a whole number of calendar-months, calendar-days or working-days, 0 or more.`,
    );
}

export function windowEnd(start: IsoDate, window: Window): IsoDate {
  assertWindow(window);
  switch (window.unit) {
    case 'calendar-months':
      return addMonths(start, window.amount); // clamps: 31 January + 1 month = 28 February
    case 'calendar-days':
      return addDays(start, window.amount);
    case 'working-days':
      return addWorkingDays(start, window.amount);
  }
}

/** `start <= date <= windowEnd(start, window)`. */
export function withinWindow(start: IsoDate, date: IsoDate, window: Window): boolean {
  return compareDates(start, date) <= 0 && compareDates(date, windowEnd(start, window)) <= 0;
}

/** The window in words for letters and reasons: "1 month", "6 months", "30 days", "10 working days". */
export function describeWindow(window: Window): string {
  assertWindow(window);
  const { amount } = window;
  const noun =
    window.unit === 'calendar-months' ? 'month' : window.unit === 'calendar-days' ? 'day' : 'working day';
  return `${amount} ${noun}${amount === 1 ? '' : 's'}`;
}
