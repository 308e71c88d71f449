import type { CaseEvent, EventType } from './case-events';

/** An event the case's current state does not allow; `reason` is written for the SPOC. */
export class TransitionError extends Error {
  constructor(
    readonly eventType: EventType | string,
    readonly reason: string,
    /** The payload field the refusal is about, when there is one (`start`, `keepRightsOpen`). */
    readonly field?: string,
  ) {
    super(`Cannot record "${eventType}": ${reason}`);
    this.name = 'TransitionError';
  }
}

/**
 * Refuses `event` with `reason`, about `field` when given. A reason that starts with a field path
 * ("start: ...") names that field. A declaration (not an arrow) so TypeScript narrows after a call.
 */
export function fail(event: Pick<CaseEvent, 'type'>, reason: string, field?: string): never {
  throw new TransitionError(event.type, reason, field ?? /^([a-zA-Z][\w.[\]]*): /.exec(reason)?.[1]);
}
