/**
 * The non-personal facts of a case that the published statistics count (s.104(10)): kept in the purge log
 * when a case is purged, so the figures of past years stay true. Dates, outcomes and counts only.
 */
import { reduceCase, type CaseState, type Policy } from '../../shared';
import type { CaseForStatistics } from '../../shared';
import type { CaseEvent as StoredEvent, JsonObject } from '../store/case-log';
import { toCaseEvents } from './case-projector';

export interface CaseFacts {
  receivedOn: string;
  decisions: { by: 'decision' | 'appeal'; outcome: string; decidedOn: string }[];
  reviews: { heldOn: string; recommendations: number }[];
  appeals: { receivedOn: string }[];
}

export function caseFacts(state: CaseState): CaseFacts {
  return {
    receivedOn: state.receivedOn,
    decisions: state.decisions.map((d) => ({ by: d.by, outcome: d.outcome, decidedOn: d.decidedOn })),
    reviews: state.reviews.map((r) => ({ heldOn: r.heldOn, recommendations: r.recommendations.length })),
    appeals: state.appeals.map((a) => ({ receivedOn: a.receivedOn })),
  };
}

/** The store's summarizer: the facts of a case's stored log. */
export function summarizer(policy: Policy): (events: readonly StoredEvent[]) => JsonObject {
  return (events) => caseFacts(reduceCase(toCaseEvents(events), policy)) as unknown as JsonObject;
}

/**
 * A purged case as the statistics read it: only the fields they count are filled (the rest of a case's
 * state is gone with it).
 */
export function purgedForStatistics(reference: string, facts: CaseFacts): CaseForStatistics {
  const state = {
    receivedOn: facts.receivedOn,
    decisions: facts.decisions,
    reviews: facts.reviews.map((r) => ({
      heldOn: r.heldOn,
      recommendations: Array.from({ length: r.recommendations }),
    })),
    appeals: facts.appeals,
  };
  return { reference, state: state as unknown as CaseState };
}
