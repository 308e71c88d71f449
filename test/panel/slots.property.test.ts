import fc from 'fast-check';
import { addDays, daysBetween, isWorkingDay } from '../../shared';
import { freeSlots, londonOffsetMinutes, londonWallTimeToInstant, type Interval } from '../../shared/panel';

/** London wall time by an independent route (Intl directly), to check the slots against. */
const fmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
function london(ms: number): { date: string; minutes: number } {
  const p = Object.fromEntries(fmt.formatToParts(ms).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

const MIN = 60_000;
/** Searches start anywhere from 2025 to 2027, across both clock changes. */
const start = fc.integer({ min: 0, max: 3 * 365 }).map((i) => addDays('2025-01-01', i));
const search = fc.record({
  from: start,
  days: fc.integer({ min: 0, max: 20 }),
  durationMinutes: fc.integer({ min: 15, max: 240 }),
  stepMinutes: fc.constantFrom(15, 30, 60),
});

/** Busy intervals near the search range, per attendee, in minutes from the range start. */
const busyFor = (from: string, days: number) =>
  fc
    .array(
      fc.array(
        fc.record({
          at: fc.integer({ min: -600, max: (days + 1) * 1440 + 600 }),
          length: fc.integer({ min: 1, max: 600 }),
        }),
        { maxLength: 12 },
      ),
      { maxLength: 5 },
    )
    .map((people) => {
      const origin = Date.parse(`${from}T00:00:00Z`);
      return people.map((list) =>
        list.map((b): Interval => ({
          start: new Date(origin + b.at * MIN).toISOString(),
          end: new Date(origin + (b.at + b.length) * MIN).toISOString(),
        })),
      );
    });

describe('free slots, properties', () => {
  const cases = search.chain((s) =>
    busyFor(s.from, s.days).map((busy) => ({ ...s, busy, to: addDays(s.from, s.days) })),
  );

  it('no slot overlaps any busy interval; each lies in 09:00-17:00 London on a working day; sorted and unique', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const slots = freeSlots({
          busy: c.busy,
          from: c.from,
          to: c.to,
          durationMinutes: c.durationMinutes,
          stepMinutes: c.stepMinutes,
        });
        const all = c.busy.flat().map((b) => [Date.parse(b.start), Date.parse(b.end)] as const);
        let previous = -Infinity;
        // Plain checks in the loop (expect() per slot is slow); the message says which property broke.
        const fail = (what: string, slot: unknown) => {
          throw new Error(`${what}: ${JSON.stringify(slot)}`);
        };
        for (const slot of slots) {
          const s = Date.parse(slot.start);
          const e = Date.parse(slot.end);
          if (e - s !== c.durationMinutes * MIN) fail('wrong length', slot);
          if (all.some(([bs, be]) => s < be && bs < e)) fail('overlaps a busy interval', slot);
          const ls = london(s);
          const le = london(e);
          if (!isWorkingDay(ls.date)) fail('not a working day', slot);
          if (ls.date < c.from || ls.date > c.to) fail('outside the dates searched', slot);
          if (le.date !== ls.date || ls.minutes < 9 * 60 || le.minutes > 17 * 60)
            fail('outside working hours', slot);
          if ((ls.minutes - 9 * 60) % c.stepMinutes !== 0) fail('not on a step', slot);
          if (s <= previous) fail('not sorted or not unique', slot); // strictly increasing
          previous = s;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('misses no free slot: every step-aligned working-hours start that is free is offered', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const slots = new Set(
          freeSlots({
            busy: c.busy,
            from: c.from,
            to: c.to,
            durationMinutes: c.durationMinutes,
            stepMinutes: c.stepMinutes,
          }).map((s) => s.start),
        );
        const all = c.busy.flat().map((b) => [Date.parse(b.start), Date.parse(b.end)] as const);
        for (let d = 0; d <= daysBetween(c.from, c.to); d++) {
          const date = addDays(c.from, d);
          if (!isWorkingDay(date)) continue;
          for (let m = 9 * 60; m + c.durationMinutes <= 17 * 60; m += c.stepMinutes) {
            const s = londonWallTimeToInstant(date, m);
            const e = s + c.durationMinutes * MIN;
            const free = all.every(([bs, be]) => !(s < be && bs < e));
            if (slots.has(new Date(s).toISOString()) !== free)
              throw new Error(`${date} ${m} min: free ${free} but offered ${!free}`);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('London wall time converts to the right instant on either side of the clock changes', () => {
    expect(new Date(londonWallTimeToInstant('2026-03-27', 9 * 60)).toISOString()).toBe(
      '2026-03-27T09:00:00.000Z',
    ); // GMT
    expect(new Date(londonWallTimeToInstant('2026-03-30', 9 * 60)).toISOString()).toBe(
      '2026-03-30T08:00:00.000Z',
    ); // BST
    expect(new Date(londonWallTimeToInstant('2026-10-26', 9 * 60)).toISOString()).toBe(
      '2026-10-26T09:00:00.000Z',
    );
    expect(londonOffsetMinutes('2026-07-01T12:00:00Z')).toBe(60);
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 1439 }), (date, minutes) => {
        const ms = londonWallTimeToInstant(date, minutes);
        const back = london(ms);
        // In the hour skipped in spring the clock reads an hour later; otherwise exactly what was asked.
        if (back.date === date && back.minutes === minutes) return;
        expect(back.minutes - minutes).toBe(60);
      }),
    );
  });

  it('skips weekends and bank holidays, never offers the past, honours the limit', () => {
    // Friday 3 April 2026 is Good Friday, Monday 6 April Easter Monday.
    const slots = freeSlots({
      busy: [],
      from: '2026-04-02',
      to: '2026-04-07',
      durationMinutes: 60,
      stepMinutes: 60,
    });
    expect([...new Set(slots.map((s) => s.start.slice(0, 10)))]).toEqual(['2026-04-02', '2026-04-07']);
    expect(slots[0]).toEqual({ start: '2026-04-02T08:00:00.000Z', end: '2026-04-02T09:00:00.000Z' });
    const later = freeSlots({
      busy: [],
      from: '2026-04-02',
      to: '2026-04-07',
      durationMinutes: 60,
      notBefore: '2026-04-02T14:30:00Z',
      limit: 3,
    });
    expect(later.map((s) => s.start)).toEqual([
      '2026-04-02T14:30:00.000Z',
      '2026-04-02T15:00:00.000Z',
      '2026-04-07T08:00:00.000Z',
    ]);
  });

  it('busy people from getSchedule make their busy times unavailable, back to back meetings allowed', () => {
    const busy = {
      'a@x': [{ start: '2026-04-07T08:00:00Z', end: '2026-04-07T10:00:00Z' }],
      'b@x': [{ start: '2026-04-07T11:00:00Z', end: '2026-04-07T15:00:00Z' }],
    };
    const slots = freeSlots({
      busy,
      from: '2026-04-07',
      to: '2026-04-07',
      durationMinutes: 60,
      stepMinutes: 60,
    });
    expect(slots.map((s) => s.start.slice(11, 16))).toEqual(['10:00', '15:00']);
  });

  it('refuses a request it cannot answer as asked', () => {
    expect(() => freeSlots({ busy: [], from: '2026-04-07', to: '2026-04-01', durationMinutes: 60 })).toThrow(
      RangeError,
    );
    expect(() => freeSlots({ busy: [], from: '2026-01-01', to: '2026-04-01', durationMinutes: 60 })).toThrow(
      /62 days/,
    );
    expect(() => freeSlots({ busy: [], from: '2026-01-01', to: '2026-01-02', durationMinutes: 0 })).toThrow(
      RangeError,
    );
  });
});
