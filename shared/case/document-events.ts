import { z } from 'zod';
import { isIsoDate } from '../dates';

/**
 * Issue 15: a document added to the case by hand (an officer, or an agency member for their agency): the
 * file is stored with the case first (CaseFiles, kind `document`), then this event makes it part of the
 * record. Who may read it follows from here (bot/app/access-policy.ts): officers always; the adding
 * agency's members when an agency added it; the panel when an officer shared it with the panel.
 */
export const documentKinds = ['diary-sheet', 'impact-statement', 'evidence', 'other'] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** The victim's own documents: the officers' unless the SPOC shares them with the panel. */
export const personalDocumentKinds: readonly DocumentKind[] = ['diary-sheet', 'impact-statement'];

export const documentAdded = z.strictObject({
  fileId: z.string().min(1).max(100),
  kind: z.enum(documentKinds),
  /** The name the person gave the file, cleaned; shown in the case, never written to a log. */
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(500).optional(),
  contentType: z.string().min(1).max(200),
  size: z.number().int().min(1),
  addedOn: z.string().refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD' }),
  /** Added by a member of this agency, for it: that agency's members see it too. */
  agencyId: z.string().min(1).max(40).optional(),
  /** An officer shared it with the case's panel. */
  sharedWithPanel: z.boolean().optional(),
});

export type DocumentAddedPayload = z.infer<typeof documentAdded>;
