import type { CaseDetail } from '../../../../../bot/api/contract';
import type { DocumentKind } from '../../../../../shared';

type File = CaseDetail['files'][number];

/** Issue 15: the kinds a person picks when adding a document, in the council's words. */
export const documentKindLabels: Record<DocumentKind, string> = {
  'diary-sheet': 'Diary sheet',
  'impact-statement': 'Impact statement',
  evidence: 'Evidence',
  other: 'Other',
};

const fileKindLabels: Record<string, string> = {
  letter: 'Letter',
  email: 'Application email',
  calendar: 'Panel invitation',
  'panel-papers': 'Panel papers',
  minutes: 'Minutes',
  'victim-statement': "Victim's impact statement",
  other: 'Other',
};

/** A file's kind in words: a document's own kind, else what the app made it for. */
export function fileKindLabel(f: Pick<File, 'kind' | 'documentKind'>): string {
  if (f.documentKind) return documentKindLabels[f.documentKind];
  return fileKindLabels[f.kind] ?? 'Other';
}

/** Who besides the officers may read a document added by hand. */
export function readersOf(f: File, agencyName: (id: string) => string): string | undefined {
  if (f.kind !== 'document') return undefined;
  if (f.agencyId) return `Officers and ${agencyName(f.agencyId)}`;
  return f.sharedWithPanel ? 'Officers and the panel' : 'Officers only';
}
