import type { FieldChange } from './case-state';

/**
 * What a correction changed, field by field: both values flattened to paths (`incidents.2.date`), and each
 * path whose value differs listed with its value before and after (`''` for none). Arrays are compared by
 * position, so an incident added at the end shows as new fields. Pure and total: any JSON in, a list out.
 */
export function fieldChanges(before: unknown, after: unknown, prefix = ''): FieldChange[] {
  const a = flatten(before, prefix);
  const b = flatten(after, prefix);
  const fields = [...new Set([...a.keys(), ...b.keys()])];
  return fields
    .filter((f) => (a.get(f) ?? '') !== (b.get(f) ?? ''))
    .map((field) => ({ field, before: a.get(field) ?? '', after: b.get(field) ?? '' }));
}

function flatten(value: unknown, path: string, out = new Map<string, string>()): Map<string, string> {
  if (value === undefined || value === null) return out;
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, join(path, String(i)), out));
  else if (typeof value === 'object')
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, join(path, k), out);
  else out.set(path, String(value));
  return out;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
