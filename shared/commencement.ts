import type { IsoDate } from './dates';

/**
 * The day the ASB case review (s.104, Sch 4) came into force in England and Wales: the Anti-social Behaviour,
 * Crime and Policing Act 2014 (Commencement No. 7, Saving and Transitional Provisions) Order 2014
 * (SI 2014/2590), art. 3(d) and (f), brought Part 6 (which holds s.104) and Schedule 4 into force, "to the
 * extent not already in force", on 20 October 2014. No application, incident or report is dated before it.
 */
export const CASE_REVIEW_COMMENCEMENT: IsoDate = '2014-10-20';
