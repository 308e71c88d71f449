/**
 * Dates and times for people: "3 March 2026", "Tue 3 Mar 2026, 14:05". ISO dates (`YYYY-MM-DD`) are
 * calendar dates, so they are formatted in UTC to stay the same day wherever the browser is; instants are
 * shown in UK time, as the council works in it. Pure apart from Intl.
 */

import { dateInWords, monthNames as MONTHS } from '../../../shared/words';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-03-03` -> `3 March 2026`; `short` -> `3 Mar 2026`. Anything else is returned as it is. */
export function formatDate(date: string | undefined, style: 'long' | 'short' = 'long'): string {
  if (!date) return '';
  if (style === 'long') return dateInWords(date);
  const m = ISO.exec(date);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month.slice(0, 3)} ${m[1]}` : date;
}

let instantFormat: Intl.DateTimeFormat | undefined;

/** An instant (`2026-03-03T14:05:00Z`) in UK time: `3 Mar 2026, 14:05`. */
export function formatInstant(instant: string | undefined): string {
  if (!instant) return '';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  instantFormat ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  return instantFormat.format(d);
}

/** `2026-04` -> `Apr 2026` (`long`: `April 2026`). */
export function formatMonth(month: string, style: 'long' | 'short' = 'short'): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const name = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !name) return month;
  return `${style === 'short' ? name.slice(0, 3) : name} ${m[1]}`;
}

/** A file size for people: 980 bytes, 12 KB, 3.4 MB. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The offset of UK time from UTC at an instant, in minutes (0 in winter, 60 in summer). */
function londonOffsetMinutes(utcMs: number): number {
  let f = offsetFormats.get('london');
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    offsetFormats.set('london', f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  return Math.round((asUtc - Math.floor(utcMs / 60_000) * 60_000) / 60_000);
}

/**
 * A UK wall-clock time as an ISO instant with its offset, whatever the browser's time zone:
 * (`2026-07-01`, `10:30`) -> `2026-07-01T10:30:00+01:00`. Undefined when the date or time is not valid.
 */
export function londonInstant(date: string, time: string): string | undefined {
  const d = ISO.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return undefined;
  const [y, mo, day, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (h > 23 || mi > 59) return undefined;
  const wall = Date.UTC(y, mo - 1, day, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== day) return undefined;
  // Guess with the offset at the wall time, then correct once (enough across a clock change).
  let offset = londonOffsetMinutes(wall);
  offset = londonOffsetMinutes(wall - offset * 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${date}T${time}:00${sign}${hh}:${mm}`;
}

/** The UK wall-clock date and time of an instant, for prefilling inputs: `{ date, time }`. */
export function londonParts(instant: string): { date: string; time: string } | undefined {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return undefined;
  const local = new Date(ms + londonOffsetMinutes(ms) * 60_000).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}
