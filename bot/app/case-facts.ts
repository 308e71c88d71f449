/**
 * The purge log's summarizer: the non-personal facts of a case that the published statistics count
 * (s.104(10)), kept when a case is purged so the figures of past years stay true.
 */
import { reduceCase, statisticalFacts, type Policy } from '../../shared';
import type { CaseEvent as StoredEvent, JsonObject } from '../store/case-log';
import { toCaseEvents } from './case-projector';

export function summarizer(policy: Policy): (events: readonly StoredEvent[]) => JsonObject {
  return (events) => statisticalFacts(reduceCase(toCaseEvents(events), policy)) as unknown as JsonObject;
}
