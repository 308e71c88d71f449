/**
 * A document's name as a person gave it, made safe to show, store and put in SharePoint. Pure.
 *
 * SharePoint and OneDrive refuse `" * : < > ? / \ |`, leading and trailing spaces, the names `.lock`,
 * `CON`, `PRN`, `AUX`, `NUL`, `COM0-9`, `LPT0-9`, `desktop.ini`, `_vti_` anywhere and a name starting with
 * `~$` (support.microsoft.com, "Restrictions and limitations in OneDrive and SharePoint"). The file's
 * bytes sit in the library under its id (sharepoint-case-files.ts); this name is what people see.
 */
import { cleanText } from './clean-text';

const REFUSED = /["*:<>?/\\|]/g;
// eslint-disable-next-line no-control-regex -- control characters and line breaks are what is removed
const CONTROL = /[\u0000-\u001F\u007F\u2028\u2029]/g;
const RESERVED = /^(\.lock|con|prn|aux|nul|com\d|lpt\d|desktop\.ini)$/i;
const MAX = 120;

/** `raw` cleaned: the last path segment, refused characters as `_`, trimmed, at most 120 characters. */
export function safeDocumentName(raw: string, fallbackExtension: string): string {
  const base = cleanText(raw).split(/[/\\]/).pop() ?? '';
  let name = base
    .replace(CONTROL, ' ')
    .replace(REFUSED, '_')
    .replace(/_vti_/gi, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(~\$)+/, '')
    .replace(/^\.+/, '')
    .replace(/\.+$/, '')
    .trim();
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? '';
  let stem = name.slice(0, name.length - ext.length).trim();
  if (!stem || RESERVED.test(stem) || RESERVED.test(name)) stem = `document${stem ? ` ${stem}` : ''}`;
  name = `${stem.slice(0, MAX - (ext || fallbackExtension).length).trim()}${ext || fallbackExtension}`;
  return name;
}
