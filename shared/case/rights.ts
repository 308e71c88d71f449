import { assertIsoDate, type IsoDate } from '../dates';
import type { Policy } from '../policy/policy-schema';
import { windowEnd } from '../policy/windows';
import type { ApplicantRight } from './case-events';
import { currentDecision, currentReview, type CaseState } from './case-state';

/**
 * The applicant's rights after a decision (Sch 4 para 3: the procedure must provide for an applicant who is
 * dissatisfied). East Herts s.11: a "not met" decision may be reviewed on a CT3a form received within 28
 * days of the decision; s.13: the victim may appeal the threshold decision or the review's decision.
 */
export interface OpenRight {
  right: ApplicantRight;
  against: 'threshold-decision' | 'review-outcome';
  /** The day of the decision (decided on) or outcome (sent on) the right is against. */
  of: IsoDate;
  /** The last day the right can be used; absent when the policy sets no time limit. */
  until?: IsoDate;
  /** For the SPOC: "ask for a review of the "not met" decision until 7 April 2026". */
  what: string;
}

/** The decision a review request or an appeal against the threshold may challenge, if any. */
function challengeableDecision(state: CaseState) {
  const decision = currentDecision(state);
  return decision && decision.outcome !== 'met' && decision.by === 'decision' ? decision : undefined;
}

/** The rights still open on `on`: not used, not waived, and inside their window. */
export function openRights(state: CaseState, policy: Policy, on: IsoDate): OpenRight[] {
  assertIsoDate(on);
  const out: OpenRight[] = [];
  const waived = (right: ApplicantRight, of: IsoDate) =>
    state.waivers.some((w) => w.right === right && w.of === of);

  const decision = challengeableDecision(state);
  if (decision) {
    const used = state.appeals.some(
      (a) => a.against === 'threshold-decision' && a.receivedOn >= decision.decidedOn,
    );
    const until = windowEnd(decision.decidedOn, policy.clocks.thresholdReviewRequest);
    if (!used && !waived('threshold-review', decision.decidedOn) && on <= until)
      out.push({
        right: 'threshold-review',
        against: 'threshold-decision',
        of: decision.decidedOn,
        until,
        what: `ask for a review of the "${decision.outcome === 'ineligible' ? 'ineligible' : 'not met'}" decision of ${decision.decidedOn} until ${until}`,
      });
  }

  const sentOn = currentReview(state)?.outcomeSentOn;
  if (sentOn) {
    const used = state.appeals.some((a) => a.against === 'review-outcome' && a.receivedOn >= sentOn);
    const window = policy.clocks.appealWindow;
    const until = window ? windowEnd(sentOn, window) : undefined;
    if (!used && !waived('appeal', sentOn) && (!until || on <= until))
      out.push({
        right: 'appeal',
        against: 'review-outcome',
        of: sentOn,
        ...(until ? { until } : {}),
        what: `appeal the review's outcome sent on ${sentOn}${until ? ` until ${until}` : ' (the policy sets no time limit)'}`,
      });
  }
  return out;
}

/** The waiver that gave up this right against the current decision or outcome, if any. */
export function waiverOf(state: CaseState, right: ApplicantRight): IsoDate | undefined {
  const of =
    right === 'threshold-review'
      ? challengeableDecision(state)?.decidedOn
      : currentReview(state)?.outcomeSentOn;
  return of ? state.waivers.find((w) => w.right === right && w.of === of)?.waivedOn : undefined;
}
