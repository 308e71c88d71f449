import { CASE_REVIEW_COMMENCEMENT } from '../../commencement';
import { addMonths, isIsoDate, londonDate, type IsoDate } from '../../dates';
import type { CaseEvent } from '../case-events';
import { fail } from '../transition-error';

export { CASE_REVIEW_COMMENCEMENT };

/** The day an event was recorded, in London: the latest a business date may be. */
export const recordedOn = (event: CaseEvent): IsoDate => londonDate(event.at);

/** Business dates may be in the past (a letter posted yesterday) but never after the day of recording. */
export function noFutureDates(event: CaseEvent, dates: Record<string, IsoDate | undefined>): void {
  const today = recordedOn(event);
  for (const [field, d] of Object.entries(dates))
    if (d && d > today) fail(event, `${field}: the date ${d} is after the day it was recorded (${today}).`);
}

export function notBefore(
  event: CaseEvent,
  field: string,
  date: IsoDate,
  earliest: IsoDate,
  what: string,
): void {
  if (date < earliest) fail(event, `${field}: the date ${date} is before ${what} (${earliest}).`);
}

/** Dates at most this far ahead of the day of recording (an action due, a panel booked). */
export function withinComingYears(
  event: CaseEvent,
  field: string,
  date: IsoDate,
  years: number,
  what: string,
): void {
  const today = recordedOn(event);
  const last = addMonths(today, 12 * years);
  if (date > last)
    fail(
      event,
      `${field}: ${what} on ${date} is more than ${years === 1 ? 'a year' : `${years} years`} after today (${today}); check the year.`,
    );
}

/**
 * Every business date in an event (a field ending "On", at any depth) is on or after the case review came
 * into force: "0000-01-01" or "1900-01-01" is a typing slip, never a date in a case.
 */
export function noDateBeforeTheAct(event: CaseEvent): void {
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`));
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k);
    else if (/On$/.test(path) && isIsoDate(value) && value < CASE_REVIEW_COMMENCEMENT)
      fail(
        event,
        `${path}: ${value} is before the case review came into force (${CASE_REVIEW_COMMENCEMENT}, s.104); check the year.`,
      );
  };
  visit(event.payload, '');
}
