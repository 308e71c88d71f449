import { z } from 'zod';
import { closureReason, isoDate } from '../../shared';

/**
 * Letters: which apply now, a preview, issuing one (bot/server/letter-routes.ts). The letter kinds and
 * the document's blocks are part of the answer, so they are defined here; bot/letters re-exports them.
 */

export const letterKinds = [
  'ct1',
  'ct2',
  'ct3',
  'ct3a',
  'ct4',
  'invitation',
  'outcome',
  'appeal-acknowledgement',
  'appeal-decision',
  'closure',
  'second-report',
] as const;
export type LetterKind = (typeof letterKinds)[number];
export const letterKindSchema = z.enum(letterKinds);

/** The content of a generated document as data: the preview (HTML) and the .docx are rendered from it. */
export type DocBlock =
  /** The council's name and address at the top of a letter. */
  | { type: 'letterhead'; text: string }
  /** The recipient's name and address lines, the date and the reference. */
  | { type: 'address'; text: string }
  | { type: 'meta'; text: string }
  | { type: 'heading'; text: string; level?: 1 | 2 }
  | { type: 'text'; text: string }
  | { type: 'bullet'; text: string }
  /** A labelled space for the reader to write in (a form); `value` pre-fills it. */
  | { type: 'field'; text: string; lines?: number; value?: string }
  /** A box for the reader to tick (a form). */
  | { type: 'checkbox'; text: string }
  | { type: 'table'; text: string; header: string[]; rows: string[][] }
  | { type: 'signature'; text: string };

const id = z.string().min(1).max(100);

/** Choices a letter may need; the same for the preview and the issue. */
export const letterOptionsSchema = z.strictObject({
  to: z.enum(['victim', 'applicant']).optional(),
  /** Names that must not appear in the letter (alleged perpetrator, third parties): the letter is refused. */
  redact: z.array(z.string().trim().min(2).max(200)).max(50).optional(),
  recommendations: z.array(id).max(100).optional(),
  actions: z.array(id).max(200).optional(),
  appealId: id.optional(),
  closure: z
    .strictObject({ closesOn: isoDate, reason: closureReason, detail: z.string().max(2000).optional() })
    .optional(),
  victimConsultedOn: isoDate.optional(),
  notConsultedReason: z.string().trim().min(1).max(2000).optional(),
});
export type LetterOptionsBody = z.input<typeof letterOptionsSchema>;

/** POST /api/cases/:caseId/letters/:kind: `requestId` (a UUID) makes a retried issue record nothing twice. */
export const issueLetterSchema = letterOptionsSchema.extend({ requestId: z.uuid() });
export type IssueLetterBody = z.input<typeof issueLetterSchema>;

/**
 * GET .../preview query: the options without names (a URL may be logged on the way); to check a redact
 * list, POST the options to .../preview instead.
 */
export const previewLetterQuery = z.strictObject({
  to: z.enum(['victim', 'applicant']).optional(),
  recommendations: z.string().max(4000).optional(),
  actions: z.string().max(8000).optional(),
  appealId: id.optional(),
});

export interface LetterSummary {
  kind: LetterKind;
  code: string;
  label: string;
  /** Whether the letter can be written now; `why` says why not. */
  applies: boolean;
  why?: string;
  to: 'victim' | 'applicant';
  /** The clock issuing it meets (by recording the step), if any. */
  meets?: 'acknowledgement' | 'outcome';
  issued: { letterId: string; issuedOn: string; fileId?: string }[];
  /** Outcome letter: what the SPOC may choose to share with the victim. */
  choices?: {
    recommendations: { id: string; text: string }[];
    actions: { id: string; description: string; ownerAgency: string; dueOn: string }[];
  };
}

/** GET /api/cases/:caseId/letters */
export interface LetterList {
  reference: string;
  letters: LetterSummary[];
}

export interface LetterPreview {
  kind: LetterKind;
  title: string;
  paragraphs: DocBlock[];
  html: string;
  /** Names on the redact list found in the letter: issuing it would be refused. */
  problems: { path: string; message: string }[];
}

export interface IssuedLetter {
  letterId: string;
  kind: LetterKind;
  fileId: string;
  name: string;
  issuedOn: string;
  /** The event types this call recorded (empty when the letter had been issued already: a retry). */
  recorded: string[];
}
