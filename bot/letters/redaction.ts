import { documentText, type DocumentContent } from './document-model';

/**
 * Victim letters never carry the alleged perpetrator's personal data (East Herts s.12; UK GDPR). The case
 * model holds no perpetrator fields, but free text (reasons, actions, details) could; the SPOC can list
 * names that must not appear, and a letter that contains one is refused rather than sent.
 */

const normalise = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where each listed name appears (as a whole word or phrase, any case); empty when none does. */
export function redactionHits(
  doc: DocumentContent,
  names: readonly string[],
): { entry: number; paragraph: number }[] {
  const texts = documentText(doc).map(normalise);
  const hits: { entry: number; paragraph: number }[] = [];
  names.forEach((name, entry) => {
    const n = normalise(name);
    if (!n) return;
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(n)}($|[^\\p{L}\\p{N}])`, 'u');
    const paragraph = texts.findIndex((t) => pattern.test(t));
    if (paragraph >= 0) hits.push({ entry, paragraph });
  });
  return hits;
}
