/**
 * The content of a generated document (a letter or the panel papers) as data: the tab's preview (HTML)
 * and the stored .docx are both rendered from it, so what the SPOC previews is what is issued.
 */

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
