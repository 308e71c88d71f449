import fc from 'fast-check';
import { addWorkingDays, calendarCoverage } from '../../../shared/calendar';
import { addDays, compareDates, daysBetween } from '../../../shared/dates';
import type { Window } from '../../../shared/policy/policy-schema';
import { describeWindow, windowEnd, withinWindow } from '../../../shared/policy/windows';

const month: Window = { amount: 1, unit: 'calendar-months' };
const sixMonths: Window = { amount: 6, unit: 'calendar-months' };
const thirtyDays: Window = { amount: 30, unit: 'calendar-days' };

describe('windowEnd', () => {
  test.each([
    ['2026-01-15', month, '2026-02-15'],
    ['2026-01-31', month, '2026-02-28'], // clamped to the end of the shorter month
    ['2024-01-31', month, '2024-02-29'], // leap year
    ['2025-08-31', sixMonths, '2026-02-28'],
    ['2026-03-02', sixMonths, '2026-09-02'],
    ['2025-12-31', month, '2026-01-31'],
    ['2026-01-01', thirtyDays, '2026-01-31'],
    ['2026-01-31', thirtyDays, '2026-03-02'],
    ['2026-01-31', { amount: 1, unit: 'calendar-days' }, '2026-02-01'],
  ] as const)('%s + %j = %s', (start, window, end) => {
    expect(windowEnd(start, window)).toBe(end);
  });

  test('working days skip weekends and bank holidays (Easter 2026)', () => {
    // Thursday 2 April 2026; Good Friday 3 April and Easter Monday 6 April are bank holidays.
    expect(windowEnd('2026-04-02', { amount: 1, unit: 'working-days' })).toBe('2026-04-07');
    expect(windowEnd('2026-04-02', { amount: 3, unit: 'working-days' })).toBe('2026-04-09');
    // Friday 9 January 2026 + 1 working day = Monday 12 January.
    expect(windowEnd('2026-01-09', { amount: 1, unit: 'working-days' })).toBe('2026-01-12');
  });

  test('working days agree with the calendar', () => {
    expect(windowEnd('2026-06-10', { amount: 14, unit: 'working-days' })).toBe(
      addWorkingDays('2026-06-10', 14),
    );
  });

  test('rejects a date that is not a calendar date', () => {
    expect(() => windowEnd('2026-02-30', month)).toThrow('is not a calendar date');
    expect(() => windowEnd('2026-02-30', thirtyDays)).toThrow('is not a calendar date');
  });
});

describe('withinWindow', () => {
  test('is inclusive of the start and of the last day', () => {
    expect(withinWindow('2026-01-31', '2026-01-31', month)).toBe(true);
    expect(withinWindow('2026-01-31', '2026-02-28', month)).toBe(true);
    expect(withinWindow('2026-01-31', '2026-03-01', month)).toBe(false);
    expect(withinWindow('2026-01-31', '2026-01-30', month)).toBe(false);
  });

  test('East Herts 30 days: day 30 is in, day 31 is out', () => {
    expect(withinWindow('2026-01-01', '2026-01-31', thirtyDays)).toBe(true);
    expect(withinWindow('2026-01-01', '2026-02-01', thirtyDays)).toBe(false);
  });

  test('six months with a month-end clamp', () => {
    expect(withinWindow('2025-08-31', '2026-02-28', sixMonths)).toBe(true);
    expect(withinWindow('2025-08-31', '2026-03-01', sixMonths)).toBe(false);
  });

  test('working days', () => {
    const window: Window = { amount: 1, unit: 'working-days' };
    expect(withinWindow('2026-04-02', '2026-04-07', window)).toBe(true);
    expect(withinWindow('2026-04-02', '2026-04-08', window)).toBe(false);
  });

  const date = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2020-01-01', n));
  const window = fc.record({
    amount: fc.integer({ min: 1, max: 366 }),
    unit: fc.constantFrom('calendar-months' as const, 'calendar-days' as const),
  });

  test('property: the last day is inside, the day after is outside', () => {
    fc.assert(
      fc.property(date, window, (start, w) => {
        const end = windowEnd(start, w);
        expect(compareDates(start, end)).toBeLessThan(0);
        expect(withinWindow(start, end, w)).toBe(true);
        expect(withinWindow(start, addDays(end, 1), w)).toBe(false);
      }),
    );
  });

  test('property: a later start never ends earlier (monotone)', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 400 }), window, (start, gap, w) => {
        expect(compareDates(windowEnd(start, w), windowEnd(addDays(start, gap), w))).toBeLessThanOrEqual(0);
      }),
    );
  });

  test('property: working-day windows contain exactly n working days after the start', () => {
    // Stay inside the bundled bank holiday data, with room for 60 working days (under 100 calendar days).
    const span = daysBetween(calendarCoverage.from, calendarCoverage.to) - 100;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: span }), fc.integer({ min: 1, max: 60 }), (offset, n) => {
        const start = addDays(calendarCoverage.from, offset);
        const w: Window = { amount: n, unit: 'working-days' };
        const end = windowEnd(start, w);
        expect(withinWindow(start, end, w)).toBe(true);
        expect(withinWindow(start, addDays(end, 1), w)).toBe(false);
      }),
    );
  });
});

describe('describeWindow', () => {
  test.each([
    [month, '1 month'],
    [sixMonths, '6 months'],
    [thirtyDays, '30 days'],
    [{ amount: 1, unit: 'calendar-days' }, '1 day'],
    [{ amount: 10, unit: 'working-days' }, '10 working days'],
    [{ amount: 1, unit: 'working-days' }, '1 working day'],
  ] as const)('%j reads "%s"', (w, words) => {
    expect(describeWindow(w)).toBe(words);
  });
});
