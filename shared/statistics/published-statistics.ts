import { assertIsoDate, financialYear, type IsoDate } from '../dates';
import type { CaseState } from '../case/case-state';

/** One published figure and the cases behind it, so every number can be checked. */
export interface Figure {
  count: number;
  references: string[];
}

export interface MonthFigures {
  /** `YYYY-MM` */
  month: string;
  applications: number;
  thresholdNotMet: number;
  reviewsCarriedOut: number;
  reviewsWithRecommendations: number;
  appealsReceived: number;
}

/** The figures s.104(10) requires a council to publish, plus appeals received (as Erewash publishes). */
export interface PublishedStatistics {
  from: IsoDate;
  to: IsoDate;
  applications: Figure;
  /** Times it was decided the threshold was not met (including applications found ineligible). */
  thresholdNotMet: Figure;
  reviewsCarriedOut: Figure;
  reviewsWithRecommendations: Figure;
  /** Appeals and requests to review a "not met" decision. */
  appealsReceived: Figure;
  byMonth: MonthFigures[];
}

/**
 * What the figures count of a case: its dates, decisions, reviews (and whether they made recommendations)
 * and appeals. A case's state has all of it; a purged case keeps exactly this (no personal data), so the
 * figures of past years stay true after retention.
 */
export interface StatisticalFacts {
  receivedOn: IsoDate;
  decisions: readonly Pick<CaseState['decisions'][number], 'by' | 'outcome' | 'decidedOn'>[];
  reviews: readonly { heldOn: IsoDate; recommendations: { length: number } | number }[];
  appeals: readonly { receivedOn: IsoDate }[];
}

export interface CaseForStatistics {
  reference: string;
  state: StatisticalFacts;
}

/** The facts the figures count, from a case's state (kept in the purge log when a case is purged). */
export function statisticalFacts(state: CaseState): StatisticalFacts {
  return {
    receivedOn: state.receivedOn,
    decisions: state.decisions.map((d) => ({ by: d.by, outcome: d.outcome, decidedOn: d.decidedOn })),
    reviews: state.reviews.map((r) => ({ heldOn: r.heldOn, recommendations: r.recommendations.length })),
    appeals: state.appeals.map((a) => ({ receivedOn: a.receivedOn })),
  };
}

const recommendationCount = (r: StatisticalFacts['reviews'][number]) =>
  typeof r.recommendations === 'number' ? r.recommendations : r.recommendations.length;

function months(from: IsoDate, to: IsoDate): string[] {
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last) return out;
    out.push(key);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

/**
 * The published figures for `from`..`to` inclusive (a financial year, 1 April to 31 March, when only a
 * date inside it is given through `statisticsForFinancialYear`). Each figure counts occurrences dated in
 * the period: a case received in March whose review is held in May counts in both years, once each.
 */
export function publishedStatistics(
  cases: readonly CaseForStatistics[],
  from: IsoDate,
  to: IsoDate,
): PublishedStatistics {
  // Dates are checked first: a malformed one ('2026-4-1') would otherwise compare wrongly or never end the
  // month loop.
  assertIsoDate(from);
  assertIsoDate(to);
  if (from > to) throw new RangeError(`The period starts (${from}) after it ends (${to}).`);
  const inPeriod = (d: IsoDate | undefined): d is IsoDate => !!d && d >= from && d <= to;
  const monthKeys = months(from, to);
  const byMonth = new Map<string, MonthFigures>(
    monthKeys.map((month) => [
      month,
      {
        month,
        applications: 0,
        thresholdNotMet: 0,
        reviewsCarriedOut: 0,
        reviewsWithRecommendations: 0,
        appealsReceived: 0,
      },
    ]),
  );
  const figure = (): Figure => ({ count: 0, references: [] });
  const result = {
    applications: figure(),
    thresholdNotMet: figure(),
    reviewsCarriedOut: figure(),
    reviewsWithRecommendations: figure(),
    appealsReceived: figure(),
  };
  const count = (key: keyof typeof result, reference: string, date: IsoDate) => {
    const f = result[key];
    f.count += 1;
    if (!f.references.includes(reference)) f.references.push(reference);
    const month = byMonth.get(date.slice(0, 7));
    if (month) month[key] += 1;
  };

  for (const { reference, state } of cases) {
    if (inPeriod(state.receivedOn)) count('applications', reference, state.receivedOn);
    for (const d of state.decisions)
      if (d.by === 'decision' && d.outcome !== 'met' && inPeriod(d.decidedOn))
        count('thresholdNotMet', reference, d.decidedOn);
    for (const r of state.reviews) {
      if (!inPeriod(r.heldOn)) continue;
      count('reviewsCarriedOut', reference, r.heldOn);
      if (recommendationCount(r) > 0) count('reviewsWithRecommendations', reference, r.heldOn);
    }
    for (const a of state.appeals)
      if (inPeriod(a.receivedOn)) count('appealsReceived', reference, a.receivedOn);
  }
  for (const f of Object.values(result)) f.references.sort();
  return { from, to, ...result, byMonth: [...byMonth.values()] };
}

/** The figures for the financial year (April to March) that contains `date`. */
export function statisticsForFinancialYear(
  cases: readonly CaseForStatistics[],
  date: IsoDate,
): PublishedStatistics {
  const year = financialYear(date);
  return publishedStatistics(cases, year.from, year.to);
}
