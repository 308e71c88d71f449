/**
 * The codes an API error carries (apiErrorSchema in people.ts). Plain data with no zod, so the tab's first
 * screen reads errors with it and carries no schema library.
 */
export const apiErrorCodes = [
  'invalid',
  'not-allowed',
  'conflict',
  'not-found',
  'unauthenticated',
  'forbidden',
  'internal',
] as const;

export type ApiErrorCode = (typeof apiErrorCodes)[number];
