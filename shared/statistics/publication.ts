import { addDays, assertIsoDate, financialYear, type IsoDate } from '../dates';
import type { Policy } from '../policy/policy-schema';
import { windowEnd } from '../policy/windows';

/**
 * Publishing the figures is a duty with a clock too: s.104(10) asks the relevant bodies to publish them, East
 * Herts s.15 does so "At the end of each year", Erewash by financial year with the next update in September.
 * The clock runs from the end of the year the figures cover; `policy.statistics.publishWithin` is its length.
 */
export interface PublicationDue {
  /** The year the figures cover. */
  from: IsoDate;
  to: IsoDate;
  /** "2025-26" for a financial year, "2025" for a calendar year. */
  label: string;
  /** The last day to publish them. */
  dueOn: IsoDate;
  published: boolean;
  overdue: boolean;
}

function yearContaining(date: IsoDate, year: Policy['statistics']['year']) {
  if (year === 'financial') return financialYear(date);
  const y = date.slice(0, 4);
  return { from: `${y}-01-01`, to: `${y}-12-31`, label: y };
}

/**
 * The publication due for the last whole year before `today`, and whether it is done: `publishedThrough` is
 * the end date of the last period already published, if any.
 */
export function statisticsPublicationDue(
  policy: Policy,
  today: IsoDate,
  publishedThrough?: IsoDate,
): PublicationDue {
  assertIsoDate(today);
  if (publishedThrough !== undefined) assertIsoDate(publishedThrough);
  const current = yearContaining(today, policy.statistics.year);
  const last = yearContaining(addDays(current.from, -1), policy.statistics.year);
  const dueOn = windowEnd(last.to, policy.statistics.publishWithin);
  const published = !!publishedThrough && publishedThrough >= last.to;
  return { ...last, dueOn, published, overdue: !published && today > dueOn };
}
