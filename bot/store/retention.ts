/**
 * Retention: a closed case is kept `retentionYears` after its closure date and purged the day after
 * that period ends, unless it is on legal hold. Dates are calendar dates (shared/dates).
 */
import { addMonths, type IsoDate } from '../../shared/dates';

/** True when the retention period of a case closed on `closedOn` has passed by `today`. */
export function retentionPassed(closedOn: IsoDate, today: IsoDate, retentionYears: number): boolean {
  return addMonths(closedOn, 12 * retentionYears) < today;
}

/**
 * The latest closure date that can have passed retention by `today`: adapters select closed cases up
 * to it with an indexed query, then check each with `retentionPassed` (29 February makes the bound
 * one day loose).
 */
export function purgeCandidatesUpTo(today: IsoDate, retentionYears: number): IsoDate {
  return addMonths(today, -12 * retentionYears);
}
