/**
 * Side effects of recorded events (a channel, a card, an email): `CaseReactor`s, registered in one place
 * (the composition root, bot/server/runtime.ts). When events are appended, the names of the reactors
 * they need are stored with them (the outbox); the outbox worker runs each after the answer, from the
 * appended events alone, so a reactor must be idempotent: a retry after a crash may run it again.
 */
import type { CaseEvent, CaseState } from '../../shared';
import type { Person } from '../api/contract';

export interface CaseReactor {
  /** Stored in the outbox: lower-case letters, digits and hyphens. */
  readonly name: string;
  /** Whether these events need this reactor (all events when not given); `state` is the case after them. */
  wants?(events: readonly CaseEvent[], state?: CaseState): boolean;
  react(change: RecordedChange): Promise<void>;
}

/** What a reactor works from: the appended events of one change, and who made it. */
export interface RecordedChange {
  caseId: string;
  reference: string;
  events: CaseEvent[];
  by: Person;
}

export class Reactors {
  private readonly byName = new Map<string, CaseReactor>();

  constructor(reactors: readonly CaseReactor[] = []) {
    this.register(...reactors);
  }

  register(...reactors: CaseReactor[]): this {
    for (const r of reactors) {
      if (this.byName.has(r.name)) throw new Error(`Two reactors are named "${r.name}".`);
      this.byName.set(r.name, r);
    }
    return this;
  }

  /** The names of the reactors these events need, in the order they were registered. */
  wanted(events: readonly CaseEvent[], state?: CaseState): string[] {
    return [...this.byName.values()].filter((r) => r.wants?.(events, state) ?? true).map((r) => r.name);
  }

  get(name: string): CaseReactor | undefined {
    return this.byName.get(name);
  }
}
