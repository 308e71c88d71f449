/**
 * Turning a case's log into its projection, incrementally: the projector (domain rules, injected) folds
 * events into the case's state and decides the list fields; the store adds what it owns itself (reference,
 * opening date, legal hold, version, updatedAt). Both adapters use this, so a projection repaired after a
 * crash equals the one a clean write made.
 *
 * The folded state of recently written cases is kept in memory (`Folds`, least recently used out first),
 * keyed by case, reference and version: an append evolves it with its own events instead of reading and
 * folding the whole log. The log is immutable and each version of a case is one log prefix, so a state
 * at the version an append expects is exact; anything else (another process appended, the process
 * restarted) is folded again from the log.
 */
import type { CaseEvent, CaseProjection, Projector } from './case-log';
import { projectedCaseSchema } from './store-schemas';
import { StoreError } from './store-errors';

/** Event types the store itself reads (legal hold); the projector may ignore them. */
export const LEGAL_HOLD_SET = 'legal-hold-set';
export const LEGAL_HOLD_RELEASED = 'legal-hold-released';

export interface CaseMeta {
  caseId: string;
  reference: string;
  openedOn: string;
}

export function legalHoldOf(events: readonly CaseEvent[], from = false): boolean {
  let on = from;
  for (const e of events) {
    if (e.type === LEGAL_HOLD_SET) on = true;
    else if (e.type === LEGAL_HOLD_RELEASED) on = false;
  }
  return on;
}

/** A case folded up to `version`: the projector's state, the legal hold, and the last event. */
export interface Folded {
  state: unknown;
  legalHold: boolean;
  version: number;
  last: CaseEvent;
}

const MAX_FOLDS = 2_000;

export class Folds {
  private readonly kept = new Map<string, { reference: string; folded: Folded }>();

  constructor(
    private readonly projector: Projector,
    private readonly max = MAX_FOLDS,
  ) {}

  /**
   * The case folded at `version`, taken out (so no one else evolves it meanwhile); the caller puts the
   * next one back once its append is stored. Undefined when it is not kept at that version.
   */
  take(caseId: string, reference: string, version: number): Folded | undefined {
    const found = this.kept.get(caseId);
    if (!found) return undefined;
    this.kept.delete(caseId);
    return found.reference === reference && found.folded.version === version ? found.folded : undefined;
  }

  put(caseId: string, reference: string, folded: Folded): void {
    this.kept.delete(caseId);
    this.kept.set(caseId, { reference, folded });
    if (this.kept.size > this.max) this.kept.delete(this.kept.keys().next().value!);
  }

  forget(caseId: string): void {
    this.kept.delete(caseId);
  }

  /** Folds `events` (the log's next ones, in order) onto `from`, or onto a new case. */
  fold(events: readonly CaseEvent[], from?: Folded): Folded {
    let state = from ? from.state : this.projector.initial();
    for (const e of events) state = this.projector.evolve(state, e);
    const last = events[events.length - 1] ?? from?.last;
    if (!last) throw new StoreError('A case has no events to project.');
    return { state, legalHold: legalHoldOf(events, from?.legalHold), version: last.seq, last };
  }

  /** The projection of a folded case. */
  project(meta: CaseMeta, folded: Folded): CaseProjection {
    const result = projectedCaseSchema.safeParse(this.projector.project(meta.reference, folded.state));
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
      legalHold: folded.legalHold,
      version: folded.version,
      updatedAt: folded.last.recordedAt,
    };
  }
}
