/**
 * Calendar dates as ISO `YYYY-MM-DD` strings. The law counts days, not instants, so every rule works on
 * dates; arithmetic goes through UTC so no time zone or daylight-saving change can shift a day.
 */

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class InvalidDateError extends Error {
  constructor(value: unknown) {
    super(`"${String(value)}" is not a calendar date; write it as YYYY-MM-DD, for example 2026-04-01.`);
    this.name = 'InvalidDateError';
  }
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/**
 * Dates already checked: every exported function checks its dates, and the rules check the same few dates
 * many times over (the threshold test compares each report's date several times). Bounded, so memory stays
 * flat; a cache, so the answer never depends on it.
 */
const checked = new Set<string>();

export function assertIsoDate(value: unknown): asserts value is IsoDate {
  if (typeof value === 'string' && checked.has(value)) return;
  if (!isIsoDate(value)) throw new InvalidDateError(value);
  if (checked.size >= 8192) checked.clear();
  checked.add(value);
}

// Civil-date arithmetic without Date objects (H. Hinnant's days_from_civil / civil_from_days): the rules
// do this for every clock of every case, and allocating Dates dominated the deadline and threshold benches.
function toEpochDay(date: IsoDate): number {
  assertIsoDate(date);
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function fromEpochDay(day: number): IsoDate {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError(`There is no month ${String(month)} of year ${String(year)}; months are 1 to 12.`);
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return monthDays[month - 1]!;
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return (((toEpochDay(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

function wholeNumber(n: number, what: string): void {
  if (!Number.isInteger(n))
    throw new RangeError(`The number of ${what} must be a whole number; got ${String(n)}.`);
}

export function addDays(date: IsoDate, n: number): IsoDate {
  wholeNumber(n, 'days');
  return fromEpochDay(toEpochDay(date) + n);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/**
 * Adds calendar months, clamping to the end of a shorter month: 31 January + 1 month = 28 (or 29)
 * February, the reading used for "within one month" and "within six months".
 */
export function addMonths(date: IsoDate, n: number): IsoDate {
  assertIsoDate(date);
  wholeNumber(n, 'months');
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const month = (((m % 12) + 12) % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Orders two dates; both must be YYYY-MM-DD (a string comparison of '2026-4-1' would mislead). */
export function compareDates(a: IsoDate, b: IsoDate): number {
  assertIsoDate(a);
  assertIsoDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

let londonFormat: Intl.DateTimeFormat | undefined;

/** The calendar date of an instant in the United Kingdom (Europe/London), for "today" and event times. */
export function londonDate(instant: Date | string): IsoDate {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  const ms = d.getTime();
  if (Number.isNaN(ms)) throw new InvalidDateError(instant);
  // London's date changes only on a whole minute (midnight local; the offset moves by whole hours), so
  // the last minute's answer is the answer for any instant in it: formatting costs more than a rule.
  const minute = Math.floor(ms / 60_000);
  if (lastLondon?.minute === minute) return lastLondon.date;
  // Building a formatter is costly; en-CA formats as YYYY-MM-DD.
  londonFormat ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const date = londonFormat.format(d);
  lastLondon = { minute, date };
  return date;
}
let lastLondon: { minute: number; date: IsoDate } | undefined;

/** The financial year (1 April to 31 March) that contains `date`. */
export function financialYear(date: IsoDate): { from: IsoDate; to: IsoDate; label: string } {
  assertIsoDate(date);
  const y = Number(date.slice(0, 4));
  const start = date.slice(5) >= '04-01' ? y : y - 1;
  return {
    from: `${start}-04-01`,
    to: `${start + 1}-03-31`,
    label: `${start}-${String(start + 1).slice(2)}`,
  };
}
