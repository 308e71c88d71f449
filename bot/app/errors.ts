import type { ValidationProblem } from '../../shared';

/** Errors a use case raises for the person using it; the HTTP layer maps each to a status and a code. */
export class InvalidInputError extends Error {
  constructor(
    message: string,
    readonly problems: ValidationProblem[] = [],
  ) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export class UnauthenticatedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

/** A case that is not there, or not this person's to see (no hint which): no internal id reaches a person. */
export const NO_SUCH_CASE = 'There is no such case, or it is not shared with you. Check the reference.';
