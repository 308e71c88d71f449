import { assertIsoDate, type IsoDate } from '../dates';

/**
 * Wall-clock time in the United Kingdom (Europe/London) and the instants it maps to. Panels are booked in
 * local working hours, but calendars and the event log speak UTC; the offset comes from the host's time zone
 * data (Intl), so a change to summer time rules needs no code change here.
 */

const MINUTE_MS = 60_000;
let partsFormat: Intl.DateTimeFormat | undefined;

function londonParts(ms: number): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  partsFormat ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const out: Record<string, number> = {};
  for (const p of partsFormat.formatToParts(ms)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { y: out.year!, mo: out.month!, d: out.day!, h: out.hour!, mi: out.minute!, s: out.second! };
}

/** The instant in ms, or a RangeError saying what was wrong (never an Intl error deep inside). */
function instantMs(instant: number | string | Date): number {
  const ms = typeof instant === 'number' ? instant : new Date(instant).getTime();
  if (!Number.isFinite(ms))
    throw new RangeError(
      `"${String(instant)}" is not an instant; write it as ISO 8601, e.g. 2026-03-10T14:00:00Z.`,
    );
  return ms;
}

/** Minutes London is ahead of UTC at this instant: 0 (GMT) or 60 (BST). */
export function londonOffsetMinutes(instant: number | string | Date): number {
  const ms = instantMs(instant);
  const p = londonParts(ms);
  const asUtc = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE_MS);
}

/** "HH:MM" as minutes after midnight; throws on anything else. */
export function parseClockTime(value: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) throw new RangeError(`"${value}" is not a time of day written HH:MM (24-hour clock).`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * The instant (ms since the epoch) at which London's clocks show `minutes` past midnight on `date`. In the
 * hour skipped in spring the later reading is used; in the hour repeated in autumn, the first (BST).
 */
export function londonWallTimeToInstant(date: IsoDate, minutes: number): number {
  assertIsoDate(date);
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 24 * 60)
    throw new RangeError(`${String(minutes)} is not a time of day in minutes (0 to 1440).`);
  const wall =
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) +
    minutes * MINUTE_MS;
  const summer = wall - 60 * MINUTE_MS;
  return londonOffsetMinutes(summer) === 60 ? summer : wall;
}

/** The London calendar date and "HH:MM" of an instant, for letters and checks. */
export function londonWallTime(instant: number | string | Date): {
  date: IsoDate;
  time: string;
  minutes: number;
} {
  const ms = instantMs(instant);
  const p = londonParts(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${String(p.y).padStart(4, '0')}-${pad(p.mo)}-${pad(p.d)}`,
    time: `${pad(p.h)}:${pad(p.mi)}`,
    minutes: p.h * 60 + p.mi,
  };
}
