/** Errors every CaseStore adapter throws, so use cases can handle them without knowing the adapter. */

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** Another writer appended to the case first: re-read it, decide again, append again (see withRetry). */
export class ConcurrencyError extends StoreError {
  constructor(
    readonly caseId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | null,
  ) {
    super(
      `Case ${caseId} has moved on: expected version ${expectedVersion}` +
        (actualVersion === null ? ', another writer got there first.' : `, found ${actualVersion}.`),
    );
    this.name = 'ConcurrencyError';
  }
}

export class CaseNotFoundError extends StoreError {
  constructor(readonly caseId: string) {
    super(`There is no case ${caseId} (it may have been purged).`);
    this.name = 'CaseNotFoundError';
  }
}

/** What a caller gave the store cannot be stored (e.g. an append with no events). */
export class InvalidChangeError extends StoreError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidChangeError';
  }
}

/** An id the caller chose is already used by another case: refused, so nothing is lost or overwritten. */
export class IdConflictError extends StoreError {
  constructor(
    readonly what: 'event' | 'request',
    readonly id: string,
  ) {
    super(
      `The ${what} id ${id} is already used on another case; ids are chosen once per change (a new UUID).`,
    );
    this.name = 'IdConflictError';
  }
}
