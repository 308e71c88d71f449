import { isUkPostcode, normalisePostcode, type CaseState } from '../../shared';
import type { CaseListQuery } from '../api/contract';
import type { CaseLog, CaseRecord } from '../store/case-log';
import { normalizeReference } from '../store/references';

/**
 * Issue 15: finding a case by the victim's or applicant's name, address or postcode, for the SPOC and
 * managers (the list route checks who). Contact details are not in the store's list rows (they are
 * personal data, kept only in the case's log), so a search reads each case in the list's filters and
 * matches the contact details folded from its log: fine for a council's hundreds of cases a year, and
 * what the statistics read already. A reference is found by the store's index instead.
 */

export type SearchKind = 'reference' | 'postcode' | 'name or address';

/** What kind of search this is: what the access log records, never the words searched for. */
export function searchKind(q: string): SearchKind {
  if (normalizeReference(q)) return 'reference';
  if (isUkPostcode(q)) return 'postcode';
  return 'name or address';
}

/** Whether a case's contact details match the words searched for. */
export function matchesPeople(state: Pick<CaseState, 'parties'>, q: string): boolean {
  const people = [state.parties?.victim, state.parties?.applicant].filter((p) => p !== undefined);
  if (people.length === 0) return false;
  const compact = (s: string) => s.replace(/\s+/g, '').toUpperCase();
  if (isUkPostcode(q)) {
    const wanted = compact(normalisePostcode(q));
    return people.some((p) => compact(`${p.postcode ?? ''} ${p.address ?? ''}`).includes(wanted));
  }
  const words = q
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  return people.some((p) => {
    const text = `${p.name} ${p.address ?? ''} ${p.postcode ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** The list rows of the cases within the query's filters whose people match `q`, newest first. */
export async function findCasesByPeople(
  cases: CaseLog,
  reduce: (record: CaseRecord) => CaseState,
  query: Pick<CaseListQuery, 'status' | 'spoc' | 'agency' | 'limit'>,
  q: string,
): Promise<CaseRecord['projection'][]> {
  const found: CaseRecord['projection'][] = [];
  let cursor: string | undefined;
  do {
    const page = await cases.listCases({
      ...(query.status && query.status !== 'open' ? { status: query.status } : {}),
      ...(query.status === 'open' ? { state: 'open' as const } : {}),
      ...(query.spoc ? { spoc: query.spoc } : {}),
      ...(query.agency ? { agencyId: query.agency } : {}),
      orderBy: 'newest',
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const p of page.items) {
      const record = await cases.getCase(p.caseId);
      if (record && matchesPeople(reduce(record), q)) found.push(p);
      if (found.length >= query.limit) return found;
    }
    cursor = page.next ?? undefined;
  } while (cursor);
  return found;
}
