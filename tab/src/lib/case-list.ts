/** Words for the case list. Pure. */

/**
 * "Showing 50 of 320 cases.", or "Showing 50 cases; more to load." when the server's total is no more than
 * what has been loaded although more pages follow.
 */
export function listSummary(shown: number, total: number, more: boolean): string {
  if (shown === 0) return 'No cases match these filters.';
  const cases = (n: number) => `${n} case${n === 1 ? '' : 's'}`;
  if (total > shown || (total === shown && !more)) return `Showing ${shown} of ${cases(total)}.`;
  return `Showing ${cases(shown)}${more ? '; more to load' : ''}.`;
}

/** A deadline's label worth showing: not empty and not a placeholder such as "Next deadline". */
export function meaningful(label: string | undefined): boolean {
  return !!label && !/^next deadline$/i.test(label.trim());
}
