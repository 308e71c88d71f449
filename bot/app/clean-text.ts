/**
 * Text from people, made safe for where it goes. Pure.
 *
 * Word documents (.docx) are XML 1.0: a character it does not allow (a C0 control other than tab and line
 * breaks, U+FFFE, U+FFFF, an unpaired surrogate) makes a letter Word cannot open. They arrive by paste
 * (Word's vertical tab for a manual line break, form feeds from PDFs) and by mistake; they are cleaned at
 * the door, before anything is recorded, and again when a letter is written (for text stored before).
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const LINE_BREAKS = /[\u000B\u000C\u2028\u2029]/g;
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with line-break look-alikes made newlines and characters XML cannot hold removed. */
export function cleanText(text: string): string {
  return text.replace(LINE_BREAKS, '\n').replace(NOT_XML, '');
}

/** Every string in a JSON value, cleaned (keys too); other values as they are. */
export function cleanDeep(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanDeep);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanDeep(v)]));
  return value;
}
