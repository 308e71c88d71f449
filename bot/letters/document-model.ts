/**
 * The content of a generated document (a letter or the panel papers) as data: the tab's preview (HTML)
 * and the stored .docx are both rendered from it, so what the SPOC previews is what is issued.
 */

// A preview answers with the blocks, so the contract defines them (bot/api/letters.ts).
import type { DocBlock } from '../api/letters';
export type { DocBlock };

export interface DocumentContent {
  kind: string;
  title: string;
  /** A protective marking printed in the header (e.g. OFFICIAL-SENSITIVE) for documents for professionals. */
  marking?: string;
  /** Whether the document is a form whose fields the reader fills in (the rest is protected in Word). */
  form?: boolean;
  paragraphs: DocBlock[];
}

/** Every piece of text in the document, for checks (the redaction check reads this). */
export function documentText(doc: DocumentContent): string[] {
  const out = [doc.title];
  for (const p of doc.paragraphs) {
    out.push(p.text);
    if (p.type === 'field' && p.value) out.push(p.value);
    if (p.type === 'table') out.push(...p.header, ...p.rows.flat());
  }
  return out;
}
