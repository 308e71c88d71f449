/**
 * `npm run holidays:update`: refreshes shared/calendar/bank-holidays.json from gov.uk.
 *
 * gov.uk publishes only recent years, so its list is merged into the bundled one: gov.uk wins for every
 * year it lists, older (and further future) bundled years are kept. The covered range is derived from
 * the data (see coverageOf), so the JSON file is the only thing this writes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { coverageOf, type BankHolidayEvent, type CalendarCoverage } from '../shared/calendar/bank-holidays';
import { isIsoDate } from '../shared/dates';

export const GOV_UK_URL = 'https://www.gov.uk/bank-holidays.json';
const DIVISION = 'england-and-wales';

const eventSchema = z.object({
  title: z.string().min(1),
  date: z.string().refine(isIsoDate, 'must be a date written YYYY-MM-DD'),
  notes: z.string(),
  bunting: z.boolean(),
});

// Other divisions (Scotland, Northern Ireland) may be present; only England and Wales is kept.
const fileSchema = z.object({
  [DIVISION]: z.object({ division: z.literal(DIVISION), events: z.array(eventSchema).min(1) }),
});

/** Reads a bank-holidays.json document; throws an Error naming each field that is wrong. */
export function parseBankHolidays(json: unknown, source: string): BankHolidayEvent[] {
  const result = fileSchema.safeParse(json);
  if (!result.success) {
    throw new Error(
      `${source} is not in the gov.uk bank-holidays.json format:\n${z.prettifyError(result.error)}`,
    );
  }
  return result.data[DIVISION].events;
}

/** The file as written: gov.uk's shape, England and Wales only, 2-space indent, trailing newline. */
export function formatBankHolidays(events: readonly BankHolidayEvent[]): string {
  const file = { [DIVISION]: { division: DIVISION, events } };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export interface MergeResult {
  /** Sorted by date. */
  events: BankHolidayEvent[];
  added: BankHolidayEvent[];
  removed: BankHolidayEvent[];
  /** Same date, different title, notes or bunting. */
  changed: { before: BankHolidayEvent; after: BankHolidayEvent }[];
  coverage: { before: CalendarCoverage; after: CalendarCoverage };
}

/**
 * Merges gov.uk's list into the bundled one. For every year gov.uk lists any event in, its events
 * replace the bundled ones (so corrections and cancellations take effect); other bundled years stay.
 * Throws if the result would leave a year with no events (see coverageOf).
 */
export function mergeBankHolidays(
  bundled: readonly BankHolidayEvent[],
  published: readonly BankHolidayEvent[],
): MergeResult {
  const publishedYears = new Set(published.map((e) => e.date.slice(0, 4)));
  const events = [...bundled.filter((e) => !publishedYears.has(e.date.slice(0, 4))), ...published]
    .map((e) => ({ title: e.title, date: e.date, notes: e.notes, bunting: e.bunting }))
    .sort((a, b) => (a.date === b.date ? a.title.localeCompare(b.title) : a.date < b.date ? -1 : 1));

  const before = byDate(bundled);
  const after = byDate(events);
  const added = events.filter((e) => !before.has(e.date));
  const removed = bundled.filter((e) => !after.has(e.date));
  const changed: MergeResult['changed'] = [];
  for (const [date, next] of after) {
    const prev = before.get(date);
    if (prev && (prev.title !== next.title || prev.notes !== next.notes || prev.bunting !== next.bunting)) {
      changed.push({ before: prev, after: next });
    }
  }
  return {
    events,
    added,
    removed: [...removed].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    changed,
    coverage: { before: coverageOf(bundled), after: coverageOf(events) },
  };
}

function byDate(events: readonly BankHolidayEvent[]): Map<string, BankHolidayEvent> {
  return new Map(events.map((e) => [e.date, e]));
}

function describeEvent(e: BankHolidayEvent): string {
  return `${e.date} ${e.title}${e.notes ? ` (${e.notes})` : ''}`;
}

/** The script's I/O, passed in so that tests never touch the network or the real file. */
export interface UpdateIo {
  fetch: typeof fetch;
  readFile(file: string): Promise<string>;
  writeFile(file: string, text: string): Promise<void>;
  log(line: string): void;
  error(line: string): void;
  /** The bundled JSON file. */
  file: string;
}

/** Fetches, merges and writes; returns the process exit code. */
export async function updateHolidays(io: UpdateIo): Promise<number> {
  let bundled: BankHolidayEvent[];
  try {
    bundled = parseBankHolidays(JSON.parse(await io.readFile(io.file)), io.file);
  } catch (e) {
    io.error(`holidays:update: cannot read the bundled list: ${message(e)}`);
    return 1;
  }

  let body: unknown;
  try {
    const response = await io.fetch(GOV_UK_URL, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(20_000),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
    body = await response.json();
  } catch (e) {
    io.error(
      `holidays:update: could not fetch ${GOV_UK_URL} (${message(e)}); the bundled list is unchanged.`,
    );
    return 1;
  }

  let result: MergeResult;
  try {
    result = mergeBankHolidays(bundled, parseBankHolidays(body, GOV_UK_URL));
  } catch (e) {
    io.error(`holidays:update: ${message(e)}\nThe bundled list is unchanged.`);
    return 1;
  }

  const { added, removed, changed, coverage } = result;
  for (const e of added) io.log(`added    ${describeEvent(e)}`);
  for (const e of removed) io.log(`removed  ${describeEvent(e)}`);
  for (const { before, after } of changed) {
    io.log(`changed  ${describeEvent(before)} -> ${describeEvent(after)}`);
  }
  const range = `${coverage.after.from} to ${coverage.after.to}`;
  if (added.length + removed.length + changed.length === 0) {
    io.log(`holidays:update: already up to date; the calendar covers ${range}.`);
    return 0;
  }
  await io.writeFile(io.file, formatBankHolidays(result.events));
  const was = `${coverage.before.from} to ${coverage.before.to}`;
  io.log(
    `holidays:update: ${added.length} added, ${removed.length} removed, ${changed.length} changed; ` +
      `the calendar covers ${range}${range === was ? '' : ` (was ${was})`}. Wrote ${io.file}.`,
  );
  return 0;
}

/** One line: Node's fetch hides the reason (DNS, refused, timeout) in `cause`. */
function message(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause as { code?: unknown; message?: unknown } | undefined;
  const detail = cause ? (cause.code ?? cause.message) : undefined;
  return detail ? `${e.message}: ${String(detail)}` : e.message;
}

if (/update-holidays\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  const file = path.resolve(__dirname, '../shared/calendar/bank-holidays.json');
  void updateHolidays({
    fetch: globalThis.fetch,
    readFile: (f) => readFile(f, 'utf8'),
    writeFile: (f, text) => writeFile(f, text, 'utf8'),
    log: (line) => console.log(line),
    error: (line) => console.error(line),
    file,
  }).then((code) => {
    process.exitCode = code;
  });
}
