import fc from 'fast-check';
import { addDays, dayOfWeek, daysBetween } from '../../../shared/dates';
import {
  addWorkingDays,
  bankHolidays,
  calendarCoverage,
  isWorkingDay,
  workingDaysBetween,
} from '../../../shared/calendar';

const { from, to } = calendarCoverage;
const coveredDays = daysBetween(from, to) + 1;
const holidays = new Set(bankHolidays.map((e) => e.date));

/** Any covered date. */
const coveredDate = fc.integer({ min: 0, max: coveredDays - 1 }).map((i) => addDays(from, i));
/** A start date early enough that 300 working days (well over a year) stay inside the data. */
const startDate = fc.integer({ min: 0, max: coveredDays - 1 - 450 }).map((i) => addDays(from, i));
const count = fc.integer({ min: 0, max: 300 });

/** The obvious definition, one day at a time, straight from the bundled list. */
function naiveIsWorkingDay(date: string): boolean {
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

function naiveBetween(a: string, b: string): number {
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let n = 0;
  for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (naiveIsWorkingDay(d)) n++;
  return sign * n;
}

describe('working days, properties', () => {
  it('isWorkingDay agrees with weekdays minus the bundled bank holidays', () => {
    fc.assert(fc.property(coveredDate, (d) => isWorkingDay(d) === naiveIsWorkingDay(d)));
  });

  it('addWorkingDays never lands on a non-working day (n >= 1)', () => {
    fc.assert(
      fc.property(startDate, fc.integer({ min: 1, max: 300 }), (d, n) => isWorkingDay(addWorkingDays(d, n))),
    );
  });

  it('addWorkingDays is strictly increasing in n', () => {
    fc.assert(
      fc.property(startDate, count, count, (d, a, b) => {
        fc.pre(a !== b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        return addWorkingDays(d, lo) < addWorkingDays(d, hi);
      }),
    );
  });

  it('addWorkingDays(d, n) is later than d for n >= 1, by at least n calendar days', () => {
    fc.assert(
      fc.property(
        startDate,
        fc.integer({ min: 1, max: 300 }),
        (d, n) => daysBetween(d, addWorkingDays(d, n)) >= n,
      ),
    );
  });

  it('workingDaysBetween(d, addWorkingDays(d, n)) === n', () => {
    fc.assert(fc.property(startDate, count, (d, n) => workingDaysBetween(d, addWorkingDays(d, n)) === n));
  });

  it('workingDaysBetween agrees with a day-by-day count, in both directions', () => {
    const nearby = coveredDate.chain((a) =>
      fc.tuple(
        fc.constant(a),
        fc
          .integer({ min: -400, max: 400 })
          .map((k) => Math.min(Math.max(daysBetween(from, a) + k, 0), coveredDays - 1))
          .map((i) => addDays(from, i)),
      ),
    );
    fc.assert(
      fc.property(nearby, ([a, b]) => workingDaysBetween(a, b) === naiveBetween(a, b)),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(coveredDate, coveredDate, (a, b) => workingDaysBetween(a, b) === naiveBetween(a, b)),
      {
        numRuns: 50,
      },
    );
  });

  it('workingDaysBetween is antisymmetric and additive', () => {
    fc.assert(
      fc.property(coveredDate, coveredDate, coveredDate, (a, b, c) => {
        return (
          workingDaysBetween(a, b) === -workingDaysBetween(b, a) &&
          workingDaysBetween(a, b) + workingDaysBetween(b, c) === workingDaysBetween(a, c)
        );
      }),
    );
  });
});
