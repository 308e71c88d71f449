import { assertIsoDate, type IsoDate } from '../dates';
import bankHolidaysFile from './bank-holidays.json';

/** One event as gov.uk publishes it in https://www.gov.uk/bank-holidays.json. */
export interface BankHolidayEvent {
  title: string;
  date: IsoDate;
  /** "" or, for example, "Substitute day". */
  notes: string;
  bunting: boolean;
}

/** The first and last day (inclusive) that a calendar's data answers for. */
export interface CalendarCoverage {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** The bundled England and Wales bank holidays, sorted by date. */
export const bankHolidays: readonly BankHolidayEvent[] = bankHolidaysFile['england-and-wales'].events;

/**
 * The whole years the events cover: 1 January of the first event's year to 31 December of the last's.
 * gov.uk publishes whole years, so deriving the range from the data keeps one source of truth. A year
 * with no event at all means a gap in the data, and a gap would silently count bank holidays as working
 * days, so it is an error.
 */
export function coverageOf(events: readonly { date: IsoDate }[]): CalendarCoverage {
  if (events.length === 0) throw new RangeError('No bank holidays given, so no range of dates is covered.');
  const years = new Set<number>();
  for (const { date } of events) {
    assertIsoDate(date);
    years.add(Number(date.slice(0, 4)));
  }
  const first = Math.min(...years);
  const last = Math.max(...years);
  const missing: number[] = [];
  for (let year = first; year <= last; year++) if (!years.has(year)) missing.push(year);
  if (missing.length > 0) {
    throw new RangeError(
      `The bank holiday data has no events for ${missing.join(', ')}, inside ${first}-${last}; ` +
        'every year in the range must be listed.',
    );
  }
  return { from: `${pad4(first)}-01-01`, to: `${pad4(last)}-12-31` };
}

function pad4(year: number): string {
  return String(year).padStart(4, '0');
}
