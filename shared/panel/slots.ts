import { isWorkingDay } from '../calendar';
import { addDays, assertIsoDate, daysBetween, type IsoDate } from '../dates';
import { londonWallTimeToInstant, parseClockTime } from './london-time';

/**
 * Free times for a panel meeting, computed from everyone's busy times (Graph getSchedule, app-only) the
 * way findMeetingTimes would for a signed-in user. Pure: the same inputs always give the same slots.
 */

/** A time range, ISO 8601 instants; the end is exclusive (a meeting ending at 10:00 leaves 10:00 free). */
export interface Interval {
  start: string;
  end: string;
}

export interface Slot {
  /** UTC, e.g. 2026-04-14T09:00:00.000Z */
  start: string;
  end: string;
}

export interface SlotRequest {
  /** Busy times per attendee (or one list for everyone); all of them must be free for a slot. */
  busy: Readonly<Record<string, readonly Interval[]>> | readonly (readonly Interval[])[];
  /** First and last London calendar dates to search, inclusive. */
  from: IsoDate;
  to: IsoDate;
  durationMinutes: number;
  /** Slots start every `stepMinutes` from the start of the working day (default 30). */
  stepMinutes?: number;
  /** London working hours (default 09:00-17:00); a slot lies wholly inside them. */
  workingHours?: { start: string; end: string };
  /** No slot starts before this instant (e.g. now, so nothing in the past is offered). */
  notBefore?: string;
  /** At most this many slots, earliest first. */
  limit?: number;
}

export const DEFAULT_WORKING_HOURS = { start: '09:00', end: '17:00' } as const;
/** The longest range searched at once: Graph's getSchedule answers for at most 62 days. */
export const MAX_SEARCH_DAYS = 62;

const MINUTE_MS = 60_000;

function instant(value: string, what: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`${what} "${value}" is not an ISO 8601 instant.`);
  return ms;
}

/** Busy ranges of everyone, merged into a sorted list of disjoint [start, end) ranges in ms. */
export function mergeBusy(busy: SlotRequest['busy']): [number, number][] {
  const lists: readonly (readonly Interval[])[] = Array.isArray(busy)
    ? (busy as readonly (readonly Interval[])[])
    : Object.values(busy as Record<string, readonly Interval[]>);
  const ranges = lists
    .flat()
    .map((i): [number, number] => [instant(i.start, 'A busy start'), instant(i.end, 'A busy end')])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [s, e] of ranges) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/**
 * Candidate slots, earliest first: on working days (England and Wales), inside London working hours,
 * overlapping nobody's busy time. Throws a RangeError for a request that cannot be answered as asked.
 */
export function freeSlots(request: SlotRequest): Slot[] {
  const { from, to, durationMinutes } = request;
  const step = request.stepMinutes ?? 30;
  const hours = request.workingHours ?? DEFAULT_WORKING_HOURS;
  assertIsoDate(from);
  assertIsoDate(to);
  if (to < from) throw new RangeError(`The search ends (${to}) before it starts (${from}).`);
  if (daysBetween(from, to) + 1 > MAX_SEARCH_DAYS)
    throw new RangeError(`Search at most ${MAX_SEARCH_DAYS} days at a time.`);
  if (!Number.isInteger(durationMinutes) || durationMinutes < 1)
    throw new RangeError('The meeting length must be a whole number of minutes, 1 or more.');
  if (!Number.isInteger(step) || step < 1)
    throw new RangeError('The step must be a whole number of minutes.');
  const dayStart = parseClockTime(hours.start);
  const dayEnd = parseClockTime(hours.end);
  if (dayEnd <= dayStart) throw new RangeError('Working hours must end after they start.');
  const notBefore = request.notBefore === undefined ? -Infinity : instant(request.notBefore, 'notBefore');
  const limit = request.limit ?? Infinity;

  const busy = mergeBusy(request.busy);
  const duration = durationMinutes * MINUTE_MS;
  const out: Slot[] = [];
  let b = 0; // busy ranges ending at or before the candidate's start never matter again
  for (let date = from; date <= to && out.length < limit; date = addDays(date, 1)) {
    if (!isWorkingDay(date)) continue;
    const open = londonWallTimeToInstant(date, dayStart);
    const close = londonWallTimeToInstant(date, dayEnd);
    for (let start = open; start + duration <= close && out.length < limit; start += step * MINUTE_MS) {
      if (start < notBefore) continue;
      const end = start + duration;
      while (b < busy.length && busy[b]![1] <= start) b++;
      // busy is sorted and disjoint, so only the first range ending after `start` can overlap
      const next = busy[b];
      if (next && next[0] < end) continue;
      out.push({ start: new Date(start).toISOString(), end: new Date(end).toISOString() });
    }
  }
  return out;
}
