import { z } from 'zod';
import { documentKinds } from '../../shared';

/**
 * Issue 15: a document added to a case (POST /api/cases/{caseId}/documents, multipart/form-data): the
 * file in the part named `file`, these fields beside it. The file's type is checked from its bytes and
 * its size against the server's limit (GET /api/me says it); refusals name the field they are about.
 */
export const addDocumentFields = z.object({
  /** The client's id for this upload: a retry with the same id lands once. */
  id: z.uuid({ message: 'a new upload id (a UUID) is needed; reopen the form' }),
  kind: z.enum(documentKinds, { message: 'choose what kind of document this is' }),
  description: z
    .string()
    .trim()
    .max(500, { message: 'keep the description under 500 characters' })
    .optional()
    .transform((d) => d || undefined),
  /** "true" when an officer shares it with the case's panel. */
  sharedWithPanel: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export type AddDocumentFields = z.infer<typeof addDocumentFields>;

/** What adding a document answers: 201 added, 200 `alreadyRecorded` for a retry. */
export interface AddedDocument {
  fileId: string;
  name: string;
  size: number;
  version: number;
  alreadyRecorded: boolean;
}

/** The document rules the tab checks before sending (the server checks again). */
export interface DocumentRules {
  maxBytes: number;
  /** The file input's `accept` list. */
  accept: string;
}
