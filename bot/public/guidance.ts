/**
 * The start page's guidance, generated from the council's policy (issue 17): its threshold, its time limits
 * and what the review is not for, in the applicant's language. Nothing here is a promise the policy does
 * not make.
 */
import type { Policy } from '../../shared';
import { describePeriod, type Translate } from './i18n';

export interface Guidance {
  count: string;
  hate?: string;
  community?: string;
  ack: string;
  decision: string;
  reviewRight: string;
  notFor: string[];
}

export function guidance(policy: Policy, t: Translate): Guidance {
  const th = policy.threshold;
  const period = (w: { amount: number; unit: string }) => describePeriod(w, t);
  return {
    count: t('start.count', {
      count: th.count.qualifyingComplaints,
      lookBack: period(th.lookBack),
      reportWindow: period(th.reportWindow),
    }),
    ...(th.hate.enabled
      ? { hate: t('start.hate', { incidents: th.hate.incidents, lookBack: period(th.hate.lookBack) }) }
      : {}),
    ...(th.community.enabled
      ? {
          community: t('start.community', {
            reporters: th.community.reporters,
            lookBack: period(th.community.lookBack),
          }),
        }
      : {}),
    ack: t('start.ack', { ack: period(policy.clocks.acknowledgement) }),
    decision: t('start.decision', { decision: period(policy.clocks.thresholdDecision) }),
    reviewRight: t('start.reviewRight', { window: period(policy.clocks.thresholdReviewRequest) }),
    // The standard grounds in the catalogue's plain words; a council's own ground in its own words.
    notFor: policy.exclusions.map((g) => {
      try {
        return t(`exclusion.${g.id}`);
      } catch {
        return g.label;
      }
    }),
  };
}
