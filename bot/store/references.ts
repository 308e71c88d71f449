/**
 * Case references: `CT-<year of opening>-<sequence>`, the sequence per year padded to 4 digits and
 * growing past 9999 if it must. Adapters keep a counter per year that only ever goes up, so a reference
 * is never issued twice, even after its case is purged.
 */

export const REFERENCE_PREFIX = 'CT';

/** Per year, far beyond any council's caseload; keeps `caseNumber` exact in a double. */
const PER_YEAR = 1_000_000;

export function formatReference(year: number, seq: number): string {
  return `${REFERENCE_PREFIX}-${year}-${String(seq).padStart(4, '0')}`;
}

/** A number that orders cases by opening (year, then sequence): lists sort and page on it. */
export function caseNumber(year: number, seq: number): number {
  if (!Number.isInteger(seq) || seq < 1 || seq >= PER_YEAR)
    throw new RangeError(`sequence ${seq} out of range`);
  return year * PER_YEAR + seq;
}

export function yearOf(openedOn: string): number {
  return Number(openedOn.slice(0, 4));
}

/**
 * What an officer typed into a reference search, as a canonical reference, or null when it cannot be
 * one: `ct-2026-0007`, `CT 2026 7`, `2026-7` all give `CT-2026-0007`.
 */
export function normalizeReference(input: string): string | null {
  const m = /^\s*(?:ct)?[\s-]*(\d{4})[\s/-]+0*(\d{1,6})\s*$/i.exec(input);
  if (!m) return null;
  const seq = Number(m[2]);
  if (seq < 1) return null;
  return formatReference(Number(m[1]), seq);
}
