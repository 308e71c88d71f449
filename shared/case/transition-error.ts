import type { CaseEvent, EventType } from './case-events';

/** An event the case's current state does not allow; `reason` is written for the SPOC. */
export class TransitionError extends Error {
  constructor(
    readonly eventType: EventType | string,
    readonly reason: string,
  ) {
    super(`Cannot record "${eventType}": ${reason}`);
    this.name = 'TransitionError';
  }
}

/** Refuses `event` with `reason`. A declaration (not an arrow) so TypeScript narrows after a call. */
export function fail(event: Pick<CaseEvent, 'type'>, reason: string): never {
  throw new TransitionError(event.type, reason);
}
