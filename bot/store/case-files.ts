/**
 * The CaseFiles port: documents kept with a case (letters, the application email, calendar files, panel
 * papers), each checksummed. Adapters: SQLite (a BLOB beside the case) and SharePoint (the site's document
 * library, one folder per case). One contract suite (test/store/case-files.contract.test.ts) holds both.
 */
import { createHash } from 'node:crypto';

/**
 * What a file is, which decides who may read it (bot/app/access-policy.ts): letters to the victim or
 * applicant, the application email, the panel's calendar files, the panel papers, anything else.
 */
export const caseFileKinds = [
  'letter',
  'email',
  'calendar',
  'panel-papers',
  'other',
  'victim-statement',
  // Issue 16: the minutes made from what the panel's meeting recorded.
  'minutes',
  // Issue 15: a document added by hand (its kind in words, who may read it: the case's document-added event).
  'document',
] as const;
export type CaseFileKind = (typeof caseFileKinds)[number];

export interface NewCaseFile {
  /** Optional: give one to make a retried upload land on the same file. */
  fileId?: string;
  kind: CaseFileKind;
  /** Shown to officers; keep personal data out (e.g. `CT-2026-0007 outcome letter.docx`). */
  name: string;
  contentType: string;
  storedBy: string;
}

export interface CaseFile {
  fileId: string;
  caseId: string;
  kind: CaseFileKind;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  storedAt: string;
  storedBy: string;
}

/** A file's record as a store keeps it: what it is, and its size and SHA-256 from the bytes themselves. */
export function fileRecord(
  caseId: string,
  fileId: string,
  file: NewCaseFile,
  bytes: Uint8Array,
  storedAt: string,
): CaseFile {
  return {
    fileId,
    caseId,
    kind: file.kind,
    name: file.name,
    contentType: file.contentType,
    size: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    storedAt,
    storedBy: file.storedBy,
  };
}

export interface CaseFiles {
  /** Stores a file with a case (CaseNotFoundError when there is none); a fileId stored already is kept. */
  putFile(caseId: string, file: NewCaseFile, bytes: Uint8Array): Promise<CaseFile>;
  getFile(fileId: string): Promise<{ file: CaseFile; bytes: Buffer } | null>;
  /** A case's files, oldest first. */
  caseFiles(caseId: string): Promise<CaseFile[]>;
}
