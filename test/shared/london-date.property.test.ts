/**
 * "Today in London" for any instant: the day a record is stamped with, and the latest date a rule accepts.
 * The answer is kept for the minute it was asked in (London's date only changes on a whole minute), so
 * it must agree with a fresh reading of the clock for every instant, across the clock changes included.
 */
import fc from 'fast-check';
import { londonDate } from '../../shared/dates';

const fresh = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

describe('londonDate', () => {
  it('agrees with a fresh reading for any sequence of instants, however close together', () => {
    const from = Date.UTC(2015, 0, 1);
    const to = Date.UTC(2035, 0, 1);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: from, max: to }), fc.integer({ min: -120_000, max: 120_000 })), {
          minLength: 1,
          maxLength: 20,
        }),
        (steps) => {
          for (const [at, nudge] of steps)
            for (const ms of [at, at + nudge])
              expect(londonDate(new Date(ms))).toBe(fresh.format(new Date(ms)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('turns the day at midnight London time, in winter (GMT) and in summer (BST)', () => {
    expect(londonDate('2026-01-15T23:59:59.999Z')).toBe('2026-01-15');
    expect(londonDate('2026-01-16T00:00:00.000Z')).toBe('2026-01-16');
    expect(londonDate('2026-07-15T22:59:59.999Z')).toBe('2026-07-15');
    expect(londonDate('2026-07-15T23:00:00.000Z')).toBe('2026-07-16');
    // The same minute asked twice, then the next minute: the day after in London.
    expect(londonDate('2026-07-15T22:59:00.000Z')).toBe('2026-07-15');
    expect(londonDate('2026-07-15T23:00:30.000Z')).toBe('2026-07-16');
  });
});
