/**
 * zod schemas for what crosses the store's boundary: changes coming in from use cases, and rows coming
 * back from outside (SQLite rows, SharePoint list item fields) before they become port types.
 */
import { z } from 'zod';
import { isIsoDate } from '../../shared/dates';
import { InvalidChangeError } from './store-errors';
import { caseFileKinds, type NewCaseFile } from './case-files';
import type { CaseChange, NewCase } from './case-log';

/** Ids go into SharePoint key columns (255 characters at most, with the case id in front). */
const id = z.string().min(1).max(100);
export const isoDate = z.string().refine(isIsoDate, 'a calendar date, YYYY-MM-DD');
export const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, 'an ISO 8601 instant')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 instant');

/** An object made as `{...}` or JSON.parse makes it (not a Date, Map, class instance or array). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A JSON value (what a payload may hold), checked by hand: a schema union per node costs more than the append. */
export function isJson(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
      return isPlainObject(value) && Object.values(value).every((v) => isJson(v, depth + 1));
    }
    default:
      return false;
  }
}

const JSON_VALUE = 'a JSON value (text, numbers, true/false, null, lists, objects)';

/**
 * A payload: an object of JSON values, each bad one named by its key. Checked in place rather than as a
 * record, which copies every payload into a new object on each append only to throw the copy away.
 */
const payload = z.custom<Record<string, unknown>>().superRefine((value, ctx) => {
  if (!isPlainObject(value)) {
    ctx.addIssue({ code: 'custom', message: 'an object of JSON values' });
    return;
  }
  for (const [key, v] of Object.entries(value))
    if (!isJson(v)) ctx.addIssue({ code: 'custom', path: [key], message: JSON_VALUE });
});

export const newEventSchema = z.strictObject({
  id,
  type: z.string().min(1).max(80),
  actor: z.string().min(1).max(200),
  at: instant,
  payload,
});

export const agencyRequestSchema = z.strictObject({
  requestId: id,
  agencyId: z.string().min(1).max(100),
  requestedAt: instant,
  dueOn: isoDate,
  status: z.enum(['requested', 'returned', 'withdrawn']),
  returnedAt: instant.nullable(),
  late: z.boolean(),
});

export const bookingSchema = z.strictObject({
  bookingId: id,
  providerEventId: z.string().min(1).max(1000).nullable(),
  transactionId: z.string().min(1).max(200),
  start: instant,
  end: instant,
  status: z.enum(['pending', 'booked', 'cancelled']),
});

const changeSchema = z.strictObject({
  events: z.array(newEventSchema).min(1, 'an append needs at least one event'),
  agencyRequests: z.array(agencyRequestSchema).optional(),
  bookings: z.array(bookingSchema).optional(),
  effects: z
    .array(z.string().regex(/^[a-z][a-z0-9-]{0,59}$/))
    .max(20)
    .optional(),
});

const newCaseSchema = changeSchema.extend({
  caseId: id.optional(),
  openedOn: isoDate,
});

export const newFileSchema = z.strictObject({
  fileId: id.optional(),
  kind: z.enum(caseFileKinds),
  name: z.string().min(1).max(200),
  contentType: z.string().min(1).max(200),
  storedBy: z.string().min(1).max(200),
});

export const projectedCaseSchema = z.strictObject({
  title: z.string().min(1).max(120),
  status: z.string().min(1).max(80),
  spoc: z.string().min(1).max(200).nullable(),
  nextDeadline: isoDate.nullable(),
  agencies: z.array(z.string().min(1).max(100)),
  closedOn: isoDate.nullable(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`);
  throw new InvalidChangeError(`${what} cannot be stored: ${problems.join('; ')}`);
}

export function checkChange(change: CaseChange): CaseChange {
  const parsed = parse(changeSchema, change, 'The change') as CaseChange;
  const ids = new Set<string>();
  for (const e of parsed.events) {
    if (ids.has(e.id)) throw new InvalidChangeError(`The change names event ${e.id} twice.`);
    ids.add(e.id);
  }
  return parsed;
}

export function checkNewCase(input: NewCase): NewCase {
  const parsed = parse(newCaseSchema, input, 'The new case') as NewCase;
  checkChange({ events: parsed.events });
  return parsed;
}

export function checkNewFile(file: NewCaseFile): NewCaseFile {
  return parse(newFileSchema, file, 'The file') as NewCaseFile;
}
