import { addDays, assertIsoDate, dayOfWeek, daysBetween, type IsoDate } from '../dates';
import { bankHolidays, coverageOf, type CalendarCoverage } from './bank-holidays';

/**
 * Working days in England and Wales: Monday to Friday, bank holidays excluded. Every answer depends on
 * the bank holiday data, so a date the data does not cover is an error, never a guess.
 */

export class CalendarRangeError extends RangeError {
  constructor(
    /** The date the answer depended on. */
    readonly date: IsoDate,
    readonly coverage: CalendarCoverage,
    problem = `There is no bank holiday data for ${date}`,
  ) {
    super(
      `${problem}: the bank holiday calendar covers ${coverage.from} to ${coverage.to}. ` +
        'Run `npm run holidays:update` to fetch the latest England and Wales list from gov.uk.',
    );
    this.name = 'CalendarRangeError';
  }
}

export interface WorkingDayCalendar {
  readonly coverage: CalendarCoverage;
  /** False on Saturdays, Sundays and bank holidays. */
  isWorkingDay(date: IsoDate): boolean;
  /**
   * The n-th working day after `date`. The start date never counts, even when it is a working day, so
   * from a Saturday n = 1 is the next working day; n = 0 returns `date` unchanged.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /**
   * The number of working days d with from < d <= to, so that
   * `workingDaysBetween(d, addWorkingDays(d, n)) === n`. When `to` is before `from` the answer is
   * -workingDaysBetween(to, from), for example -3 for a deadline three working days overdue.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
}

/** Day-indexed tables over the covered range, built once so that every query is O(1). */
interface Tables {
  /** Date to its day index (0 = coverage.from); doubles as the "is it covered" check. */
  readonly indexOf: ReadonlyMap<IsoDate, number>;
  readonly dateAt: readonly IsoDate[];
  readonly working: Uint8Array;
  /** Working days with index <= i. */
  readonly workingUpTo: Int32Array;
  /** Day index of the k-th working day of the range, k from 0. */
  readonly workingDayIndex: Int32Array;
}

/**
 * A calendar over `coverage` with the given bank holidays; events outside `coverage` are ignored, since
 * no answer can depend on them. The tables are built on first use.
 */
export function createCalendar(
  events: readonly { date: IsoDate }[],
  coverage: CalendarCoverage,
): WorkingDayCalendar {
  assertIsoDate(coverage.from);
  assertIsoDate(coverage.to);
  if (coverage.from > coverage.to) {
    throw new RangeError(`The calendar's range is empty: ${coverage.from} is after ${coverage.to}.`);
  }
  const covered: CalendarCoverage = Object.freeze({ from: coverage.from, to: coverage.to });
  const holidays = new Set<IsoDate>();
  for (const { date } of events) {
    assertIsoDate(date);
    holidays.add(date);
  }

  let built: Tables | undefined;
  const tables = (): Tables => (built ??= buildTables(covered, holidays));

  function indexOf(date: IsoDate): number {
    const index = tables().indexOf.get(date);
    if (index !== undefined) return index;
    assertIsoDate(date); // a malformed date is an InvalidDateError, not a range problem
    throw new CalendarRangeError(date, covered);
  }

  return {
    coverage: covered,
    isWorkingDay(date) {
      return tables().working[indexOf(date)] === 1;
    },
    addWorkingDays(date, n) {
      if (!Number.isInteger(n) || n < 0) {
        throw new RangeError(
          `The number of working days must be a whole number, 0 or more; got ${String(n)}.`,
        );
      }
      const start = indexOf(date);
      if (n === 0) return date;
      const t = tables();
      // The next working day after `start` has ordinal workingUpTo[start] (counting from 0).
      const ordinal = t.workingUpTo[start]! + n - 1;
      if (ordinal >= t.workingDayIndex.length) {
        throw new CalendarRangeError(
          date,
          covered,
          `${n} working ${n === 1 ? 'day' : 'days'} after ${date} would fall after ${covered.to}`,
        );
      }
      return t.dateAt[t.workingDayIndex[ordinal]!]!;
    },
    workingDaysBetween(from, to) {
      const i = indexOf(from);
      const j = indexOf(to);
      const upTo = tables().workingUpTo;
      return upTo[j]! - upTo[i]!; // negative when to < from, as documented
    },
  };
}

function buildTables(coverage: CalendarCoverage, holidays: ReadonlySet<IsoDate>): Tables {
  const length = daysBetween(coverage.from, coverage.to) + 1;
  const indexOf = new Map<IsoDate, number>();
  const dateAt: IsoDate[] = new Array<IsoDate>(length);
  const working = new Uint8Array(length);
  const workingUpTo = new Int32Array(length);
  const ordinals: number[] = [];
  let weekday = dayOfWeek(coverage.from);
  let count = 0;
  for (let i = 0; i < length; i++) {
    const date = addDays(coverage.from, i);
    indexOf.set(date, i);
    dateAt[i] = date;
    if (weekday !== 0 && weekday !== 6 && !holidays.has(date)) {
      working[i] = 1;
      ordinals.push(i);
      count++;
    }
    workingUpTo[i] = count;
    weekday = (weekday + 1) % 7;
  }
  return { indexOf, dateAt, working, workingUpTo, workingDayIndex: Int32Array.from(ordinals) };
}

const bundled = createCalendar(bankHolidays, coverageOf(bankHolidays));

/** The range of dates the bundled England and Wales bank holiday data covers. */
export const calendarCoverage: CalendarCoverage = bundled.coverage;

/** False on Saturdays, Sundays and England and Wales bank holidays. */
export const isWorkingDay: (date: IsoDate) => boolean = bundled.isWorkingDay;

/**
 * The n-th working day after `date` (the start date never counts; n = 0 returns `date`). Throws a
 * RangeError unless n is a non-negative integer, and a CalendarRangeError when the answer would leave
 * the bundled data.
 */
export const addWorkingDays: (date: IsoDate, n: number) => IsoDate = bundled.addWorkingDays;

/**
 * Working days d with from < d <= to; when `to` is before `from`, the negative of
 * workingDaysBetween(to, from), so "3 working days overdue" reads as -3.
 */
export const workingDaysBetween: (from: IsoDate, to: IsoDate) => number = bundled.workingDaysBetween;
