/**
 * Read, decide, append - again if another writer got there first. Optimistic writes lose no update
 * only if the loser re-reads and decides again on what is now stored; this is that loop, bounded.
 */
import type { Appended, CaseChange, CaseLog, CaseRecord } from './case-log';
import { CaseNotFoundError, ConcurrencyError } from './store-errors';

export interface RetryOptions {
  /** Attempts in all (first try included); 8 when not given. */
  attempts?: number;
  /** Waits between attempts (jittered, growing); injectable so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** The case as the caller has just read it: the first attempt decides on it without reading again. */
  current?: CaseRecord;
}

/** What to append given the case as it now is, or null when there is nothing (left) to do. */
export type Decide = (current: CaseRecord) => CaseChange | null | Promise<CaseChange | null>;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withRetry(
  store: CaseLog,
  caseId: string,
  decide: Decide,
  options: RetryOptions = {},
): Promise<Appended> {
  const attempts = options.attempts ?? 8;
  const sleep = options.sleep ?? realSleep;
  let read = options.current;
  for (let attempt = 1; ; attempt++) {
    const current = read ?? (await store.getCase(caseId, { forAppend: true }));
    read = undefined;
    if (!current) throw new CaseNotFoundError(caseId);
    const change = await decide(current);
    if (!change) return { version: current.projection.version, appended: false };
    try {
      return await store.append(caseId, current.projection.version, change);
    } catch (err) {
      if (!(err instanceof ConcurrencyError) || attempt >= attempts) throw err;
      // Jitter spreads two racing writers apart so the next round is unlikely to collide again.
      await sleep(Math.round(Math.random() * 10 * 2 ** Math.min(attempt, 6)));
    }
  }
}
