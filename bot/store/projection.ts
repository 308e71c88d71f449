/**
 * Turning a case's log into its projection: the projector (domain rules, injected) decides the list
 * fields; the store adds what it owns itself (reference, opening date, legal hold, version, updatedAt).
 * Both adapters use this, so a projection repaired after a crash equals the one a clean write made.
 */
import type { CaseEvent, CaseProjection, Projector } from './case-store';
import { projectedCaseSchema } from './store-schemas';
import { StoreError } from './store-errors';

/** Event types the store itself writes (setLegalHold); the projector may ignore them. */
export const LEGAL_HOLD_SET = 'legal-hold-set';
export const LEGAL_HOLD_RELEASED = 'legal-hold-released';

export interface CaseMeta {
  caseId: string;
  reference: string;
  openedOn: string;
}

export function legalHoldOf(events: readonly CaseEvent[]): boolean {
  let on = false;
  for (const e of events) {
    if (e.type === LEGAL_HOLD_SET) on = true;
    else if (e.type === LEGAL_HOLD_RELEASED) on = false;
  }
  return on;
}

export function buildProjection(
  projector: Projector,
  meta: CaseMeta,
  events: readonly CaseEvent[],
): CaseProjection {
  const last = events[events.length - 1];
  if (!last) throw new StoreError(`Case ${meta.caseId} has no events to project.`);
  const result = projectedCaseSchema.safeParse(projector(meta.reference, events));
  if (!result.success) {
    // The projector is our own code: a bad result is a bug, reported without any case content.
    const paths = result.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new StoreError(`The projector returned an invalid projection for ${meta.reference} (${paths}).`);
  }
  const projected = result.data;
  return {
    ...projected,
    agencies: [...new Set(projected.agencies)].sort(),
    caseId: meta.caseId,
    reference: meta.reference,
    openedOn: meta.openedOn,
    legalHold: legalHoldOf(events),
    version: last.seq,
    updatedAt: last.recordedAt,
  };
}
