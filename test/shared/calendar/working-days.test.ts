import { InvalidDateError } from '../../../shared/dates';
import {
  addWorkingDays,
  calendarCoverage,
  CalendarRangeError,
  createCalendar,
  isWorkingDay,
  workingDaysBetween,
} from '../../../shared/calendar';

describe('isWorkingDay', () => {
  it.each([
    ['2026-01-14', true, 'a Wednesday'],
    ['2026-01-17', false, 'a Saturday'],
    ['2026-01-18', false, 'a Sunday'],
    ['2025-12-25', false, 'Christmas Day'],
    ['2025-12-26', false, 'Boxing Day'],
    ['2025-12-24', true, 'Christmas Eve is not a bank holiday'],
    ['2021-12-27', false, 'Christmas Day substitute'],
    ['2021-12-28', false, 'Boxing Day substitute'],
    ['2022-12-27', false, 'Christmas Day substitute'],
    ['2022-01-03', false, 'New Year substitute'],
    ['2020-12-28', false, 'Boxing Day substitute'],
    ['2022-06-02', false, 'spring bank holiday moved to Thursday'],
    ['2022-05-30', true, 'the usual spring bank holiday Monday, moved in 2022'],
    ['2022-06-03', false, 'Platinum Jubilee'],
    ['2022-09-19', false, 'State Funeral of Queen Elizabeth II'],
    ['2023-05-08', false, 'Coronation of King Charles III'],
    ['2020-05-08', false, 'early May bank holiday moved to VE day'],
    ['2020-05-04', true, 'the usual early May Monday, moved in 2020'],
    ['2026-04-03', false, 'Good Friday 2026'],
    ['2026-04-06', false, 'Easter Monday 2026'],
    ['2026-04-02', true, 'Maundy Thursday'],
    ['2014-01-01', false, 'first covered day, New Year'],
    ['2028-12-29', true, 'a Friday near the end of the data'],
  ])('%s is %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  it('skips Christmas, Boxing Day and the weekend', () => {
    // Wed 24 (1), Thu 25 and Fri 26 bank holidays, weekend, Mon 29 (2), Tue 30 (3).
    expect(addWorkingDays('2025-12-23', 3)).toBe('2025-12-30');
  });

  it('skips Good Friday and Easter Monday', () => {
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(addWorkingDays('2026-04-01', 3)).toBe('2026-04-08');
  });

  it('skips the 2022 double bank holiday and the weekend after it', () => {
    expect(addWorkingDays('2022-06-01', 1)).toBe('2022-06-06');
  });

  it('computes a 14 working day threshold decision across the new year', () => {
    expect(addWorkingDays('2025-12-15', 14)).toBe('2026-01-07');
  });

  it('never counts the start date, even a working day', () => {
    expect(addWorkingDays('2026-01-12', 1)).toBe('2026-01-13');
  });

  it('from a Saturday, n = 1 is the next working day', () => {
    expect(addWorkingDays('2026-01-10', 1)).toBe('2026-01-12');
    expect(addWorkingDays('2026-01-11', 1)).toBe('2026-01-12');
  });

  it('n = 0 returns the date unchanged, even a non-working day', () => {
    expect(addWorkingDays('2026-01-14', 0)).toBe('2026-01-14');
    expect(addWorkingDays('2026-01-10', 0)).toBe('2026-01-10');
    expect(addWorkingDays('2025-12-25', 0)).toBe('2025-12-25');
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects n = %s with a RangeError', (n) => {
    expect(() => addWorkingDays('2026-01-14', n)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-01-14', n)).toThrow(/whole number, 0 or more/);
    expect(() => addWorkingDays('2026-01-14', n)).not.toThrow(CalendarRangeError);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2025-12-23', '2025-12-30', 3],
    ['2026-01-14', '2026-01-14', 0],
    ['2026-01-09', '2026-01-12', 1], // Friday to Monday
    ['2026-01-10', '2026-01-11', 0], // Saturday to Sunday
    ['2026-04-02', '2026-04-07', 1], // over Easter
    ['2025-12-15', '2026-01-07', 14],
    ['2026-01-01', '2026-12-31', 253],
  ])('from %s to %s is %i', (from, to, expected) => {
    expect(workingDaysBetween(from, to)).toBe(expected);
  });

  it('is negative when to is before from: 3 working days overdue', () => {
    expect(workingDaysBetween('2025-12-30', '2025-12-23')).toBe(-3);
    expect(workingDaysBetween('2026-01-12', '2026-01-09')).toBe(-1);
  });
});

describe('dates outside the data', () => {
  const { from, to } = calendarCoverage;

  it('covers 2014 through 2028', () => {
    expect(calendarCoverage).toEqual({ from: '2014-01-01', to: '2028-12-31' });
  });

  function rangeError(action: () => unknown): CalendarRangeError {
    try {
      action();
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarRangeError);
      return e as CalendarRangeError;
    }
    throw new Error('expected a CalendarRangeError');
  }

  it.each(['1999-06-01', '2013-12-31', '2029-01-01', '2100-01-01'])('%s throws a useful error', (date) => {
    const error = rangeError(() => isWorkingDay(date));
    expect(error.name).toBe('CalendarRangeError');
    expect(error.date).toBe(date);
    expect(error.message).toContain(date);
    expect(error.message).toContain(`${from} to ${to}`);
    expect(error.message).toContain('npm run holidays:update');
    expect(() => addWorkingDays(date, 1)).toThrow(CalendarRangeError);
    expect(() => addWorkingDays(date, 0)).toThrow(CalendarRangeError);
  });

  it('throws when adding would walk past the end of the data', () => {
    // Fri 22 Dec 2028: 25, 26 bank holidays, then 27, 28, 29, then 2029.
    expect(addWorkingDays('2028-12-22', 3)).toBe('2028-12-29');
    const error = rangeError(() => addWorkingDays('2028-12-22', 4));
    expect(error.message).toContain('2028-12-22');
    expect(error.message).toContain('4 working days');
    expect(error.message).toContain('npm run holidays:update');
    expect(() => addWorkingDays('2028-12-31', 1)).toThrow(CalendarRangeError);
    expect(() => addWorkingDays('2020-01-01', 1_000_000)).toThrow(CalendarRangeError);
  });

  it('throws when either end of a count is outside the data', () => {
    expect(rangeError(() => workingDaysBetween('2028-12-29', '2029-01-02')).message).toContain('2029-01-02');
    expect(rangeError(() => workingDaysBetween('2013-12-30', '2014-01-02')).message).toContain('2013-12-30');
  });

  it('reports a malformed date as such, not as out of range', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(InvalidDateError);
    expect(() => addWorkingDays('14/01/2026', 1)).toThrow(InvalidDateError);
    expect(() => workingDaysBetween('2026-01-14', '')).toThrow(InvalidDateError);
  });
});

describe('createCalendar', () => {
  // January 2030: 1st is a Tuesday.
  const calendar = createCalendar([{ date: '2030-01-01' }, { date: '2030-01-15' }, { date: '2031-05-05' }], {
    from: '2030-01-01',
    to: '2030-01-31',
  });

  it('uses the given holidays and range', () => {
    expect(calendar.coverage).toEqual({ from: '2030-01-01', to: '2030-01-31' });
    expect(calendar.isWorkingDay('2030-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2030-01-02')).toBe(true);
    expect(calendar.isWorkingDay('2030-01-15')).toBe(false);
    expect(calendar.addWorkingDays('2030-01-14', 1)).toBe('2030-01-16');
    expect(calendar.workingDaysBetween('2030-01-01', '2030-01-31')).toBe(21);
    expect(() => calendar.isWorkingDay('2029-12-31')).toThrow(/covers 2030-01-01 to 2030-01-31/);
    expect(() => calendar.addWorkingDays('2030-01-30', 2)).toThrow(CalendarRangeError);
  });

  it('rejects bad data up front', () => {
    expect(() => createCalendar([], { from: '2030-02-01', to: '2030-01-31' })).toThrow(/range is empty/);
    expect(() => createCalendar([{ date: '2030-1-1' }], { from: '2030-01-01', to: '2030-01-31' })).toThrow(
      InvalidDateError,
    );
  });

  it('works on a one-day range', () => {
    const day = createCalendar([], { from: '2030-01-02', to: '2030-01-02' });
    expect(day.isWorkingDay('2030-01-02')).toBe(true);
    expect(day.addWorkingDays('2030-01-02', 0)).toBe('2030-01-02');
    expect(() => day.addWorkingDays('2030-01-02', 1)).toThrow(CalendarRangeError);
  });
});
