/**
 * Possible repeats (issue 17): an application for the same victim at the same address within the policy's
 * period (`threshold.lookBack`, the six months in which complaints count) is flagged for the SPOC, never
 * merged and never silently made a second case.
 *
 * The store has no index on people (it holds no personal data in its list columns), so this walks the
 * cases opened within the period, newest first, and remembers each case's key (a case's first event never
 * changes): a case is read once per process.
 */
import { createHash } from 'node:crypto';
import { windowEnd, type Policy, type PossibleRepeat } from '../../shared';
import type { CaseLog } from '../store/case-log';
import { normalisePostcode } from './draft';

const POSTCODE_IN_TEXT = /\b([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})\b/i;

/** The same person at the same address: the name's letters, and the postcode (or the first address line). */
export function victimKey(name: string, address: string): string {
  const n = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z]/g, '');
  const postcode = POSTCODE_IN_TEXT.exec(address);
  const place = postcode
    ? normalisePostcode(`${postcode[1]}${postcode[2]}`)
    : address
        .split(',')[0]!
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '');
  // Kept as a hash: the cache holds no names or addresses.
  return createHash('sha256').update(`${n}|${place}`).digest('base64url');
}

export class RepeatFinder {
  /** caseId -> the victim key of its application ('' when it names no victim). */
  private readonly keys = new Map<string, string>();

  constructor(private readonly deps: { cases: Pick<CaseLog, 'listCases' | 'getCase'>; policy: Policy }) {}

  async find(key: string, receivedOn: string): Promise<PossibleRepeat[]> {
    const found: PossibleRepeat[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await this.deps.cases.listCases({
        orderBy: 'newest',
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      for (const p of page.items) {
        // Newest first: once a case is older than the period, so are the rest.
        if (windowEnd(p.openedOn, this.deps.policy.threshold.lookBack) < receivedOn) return found;
        if ((await this.keyOf(p.caseId)) === key)
          found.push({ caseId: p.caseId, reference: p.reference, receivedOn: p.openedOn });
        if (found.length >= 20) return found;
      }
      if (!page.next) return found;
      cursor = page.next;
    }
    return found;
  }

  /** A case this process has just opened: its key is known without reading it back. */
  remember(caseId: string, key: string): void {
    this.keys.set(caseId, key);
  }

  private async keyOf(caseId: string): Promise<string> {
    const known = this.keys.get(caseId);
    if (known !== undefined) return known;
    const record = await this.deps.cases.getCase(caseId);
    const victim = (
      record?.events[0]?.payload as { parties?: { victim?: { name?: string; address?: string } } }
    )?.parties?.victim;
    const key = victim?.name && victim.address ? victimKey(victim.name, victim.address) : '';
    if (this.keys.size > 50_000) this.keys.clear();
    this.keys.set(caseId, key);
    return key;
  }
}
