import type { EmailSnapshot } from './email-to-application';

/**
 * A simple reader for an uploaded .eml (local mode's stand-in for the open email) and a writer of a small
 * .eml for the sample emails, so a case recorded locally keeps an original message just as one recorded in
 * Outlook does. It reads what the task pane needs: From, Subject, Date, Message-ID, the text of the body
 * (text/plain, else text/html without its tags) and the names and sizes of attachments. Not a full MIME
 * parser: enough for messages saved from mail programs. Pure: no DOM, no Node.
 */

export interface ParsedEml {
  messageId?: string;
  subject: string;
  from: { displayName: string; emailAddress: string };
  /** The Date header as an ISO instant, when it could be read. */
  date?: string;
  text: string;
  attachments: { name: string; size: number; contentType?: string }[];
}

type Headers = Map<string, string>;

interface ContentType {
  type: string;
  params: Map<string, string>;
}

const utf8 = new TextEncoder();

/** Splits a message or MIME part into its unfolded headers and its body. */
function splitPart(source: string): { headers: Headers; body: string } {
  const text = source.replace(/^\uFEFF/, '');
  const m = /\r?\n\r?\n/.exec(text);
  const head = m ? text.slice(0, m.index) : text;
  const body = m ? text.slice(m.index + m[0].length) : '';
  const headers: Headers = new Map();
  let last: string | undefined;
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) {
      headers.set(last, `${headers.get(last)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    // The first occurrence wins (a forwarded message's headers come later in some exports).
    if (!headers.has(last)) headers.set(last, line.slice(colon + 1).trim());
    else last = undefined;
  }
  return { headers, body };
}

function decodeBytes(bytes: Uint8Array, charset: string | undefined): string {
  try {
    return new TextDecoder(charset?.trim() || 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes); // an unknown charset label
  }
}

export function base64ToBytes(b64: string): Uint8Array {
  const clean = b64.replace(/[^A-Za-z0-9+/]/g, '');
  const binary = atob(clean.slice(0, clean.length - (clean.length % 4 === 1 ? 1 : 0)));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode with a huge argument list overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Quoted-printable to bytes; characters that are not escapes are taken as UTF-8. */
function quotedPrintableToBytes(text: string): Uint8Array {
  const unfolded = text.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < unfolded.length; i++) {
    const ch = unfolded[i]!;
    const hex = ch === '=' ? unfolded.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(...utf8.encode(ch));
  }
  return Uint8Array.from(out);
}

/** RFC 2047 encoded words in headers: `=?utf-8?B?...?=` and `=?iso-8859-1?Q?...?=`. */
export function decodeHeader(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1') // whitespace between encoded words goes
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, charset: string, enc: string, data: string) => {
      const bytes =
        enc.toUpperCase() === 'B' ? base64ToBytes(data) : quotedPrintableToBytes(data.replace(/_/g, ' '));
      return decodeBytes(bytes, charset.replace(/\*.*$/, ''));
    });
}

/** `"Jo Sample" <jo@example.org>`, `Jo <jo@example.org>`, `jo@example.org (Jo)` or `jo@example.org`. */
export function parseAddress(value: string): { displayName: string; emailAddress: string } {
  const decoded = decodeHeader(value).trim();
  const angle = /^(.*?)<([^>]+)>/.exec(decoded);
  if (angle) {
    const name = angle[1]!
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .replace(/\\(.)/g, '$1');
    return { displayName: name, emailAddress: angle[2]!.trim() };
  }
  const email = /[^\s<>"(),;]+@[^\s<>"(),;]+/.exec(decoded)?.[0] ?? '';
  const comment = /\(([^)]*)\)/.exec(decoded)?.[1]?.trim() ?? '';
  return { displayName: comment, emailAddress: email };
}

function parseContentType(value: string | undefined): ContentType {
  const [type = 'text/plain', ...rest] = (value ?? 'text/plain').split(';');
  const params = new Map<string, string>();
  for (const raw of rest) {
    const eq = raw.indexOf('=');
    if (eq < 0) continue;
    let key = raw.slice(0, eq).trim().toLowerCase();
    let val = raw
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    // RFC 2231: filename*=utf-8''na%C3%AFve.pdf
    if (key.endsWith('*')) {
      key = key.slice(0, -1);
      const quote = val.indexOf("''");
      try {
        val = decodeURIComponent(quote >= 0 ? val.slice(quote + 2) : val);
      } catch {
        // keep it as written
      }
    }
    params.set(key, val);
  }
  return { type: type.trim().toLowerCase() || 'text/plain', params };
}

function decodeBody(body: string, encoding: string | undefined, charset: string | undefined): string {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === 'base64') return decodeBytes(base64ToBytes(body), charset);
  if (e === 'quoted-printable') return decodeBytes(quotedPrintableToBytes(body), charset);
  return body;
}

function decodedSize(body: string, encoding: string | undefined): number {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === 'base64') {
    const clean = body.replace(/[^A-Za-z0-9+/=]/g, '');
    const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
    return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
  }
  if (e === 'quoted-printable') return quotedPrintableToBytes(body).length;
  return utf8.encode(body).length;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** HTML as readable text: block ends become line breaks, tags go, common entities are decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6])>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (all, name: string) => {
      if (name.startsWith('#')) {
        const code =
          name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : all;
      }
      return entities[name.toLowerCase()] ?? all;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

interface Walk {
  plain?: string;
  html?: string;
  attachments: ParsedEml['attachments'];
}

function walk(headers: Headers, body: string, out: Walk, depth: number): void {
  const ct = parseContentType(headers.get('content-type'));
  const encoding = headers.get('content-transfer-encoding');
  const boundary = ct.params.get('boundary');
  if (ct.type.startsWith('multipart/') && boundary && depth < 10) {
    const delimiter = `--${boundary}`;
    const parts: string[] = [];
    let current: string[] | undefined;
    for (const line of body.split(/\r?\n/)) {
      if (line.startsWith(delimiter)) {
        if (current) parts.push(current.join('\r\n'));
        if (line.slice(delimiter.length).startsWith('--')) {
          current = undefined;
          break;
        }
        current = [];
      } else current?.push(line);
    }
    if (current) parts.push(current.join('\r\n'));
    for (const part of parts) {
      const p = splitPart(part);
      walk(p.headers, p.body, out, depth + 1);
    }
    return;
  }
  const disposition = parseContentType(headers.get('content-disposition') ?? 'inline');
  const name = decodeHeader(disposition.params.get('filename') ?? ct.params.get('name') ?? '');
  const isText = ct.type === 'text/plain' || ct.type === 'text/html';
  if (disposition.type === 'attachment' || (name && !isText) || ct.type === 'message/rfc822') {
    out.attachments.push({
      name: name || (ct.type === 'message/rfc822' ? 'attached message.eml' : 'attachment'),
      size: decodedSize(body, encoding),
      contentType: ct.type,
    });
    return;
  }
  if (ct.type === 'text/plain' && out.plain === undefined)
    out.plain = decodeBody(body, encoding, ct.params.get('charset'));
  else if (ct.type === 'text/html' && out.html === undefined)
    out.html = decodeBody(body, encoding, ct.params.get('charset'));
}

/** Reads a message saved as .eml (RFC 5322 with MIME). Never throws on odd input: fields are left empty. */
export function parseEml(source: string): ParsedEml {
  const { headers, body } = splitPart(source);
  const found: Walk = { attachments: [] };
  walk(headers, body, found, 0);
  const dateHeader = headers.get('date');
  const ms = dateHeader ? Date.parse(dateHeader.replace(/\s*\([^)]*\)\s*$/, '')) : NaN;
  const messageId = headers.get('message-id')?.trim();
  const text = found.plain ?? (found.html !== undefined ? htmlToText(found.html) : '');
  return {
    ...(messageId ? { messageId } : {}),
    subject: decodeHeader(headers.get('subject') ?? '').trim(),
    from: parseAddress(headers.get('from') ?? ''),
    ...(Number.isNaN(ms) ? {} : { date: new Date(ms).toISOString() }),
    text: text.replace(/\r\n/g, '\n').trim(),
    attachments: found.attachments,
  };
}

/**
 * An uploaded .eml as the task pane's open email. Its id is the Message-ID when there is one (the same
 * message uploaded twice is one case), else the id the caller derived from the file's bytes.
 */
export function emlToSnapshot(
  parsed: ParsedEml,
  options: { fallbackId: string; receivedAt: string },
): EmailSnapshot {
  return {
    itemId: parsed.messageId ? `eml:${parsed.messageId.replace(/^<|>$/g, '')}` : options.fallbackId,
    subject: parsed.subject,
    from: parsed.from,
    receivedAt: parsed.date ?? options.receivedAt,
    body: parsed.text,
    attachments: parsed.attachments.map((a, i) => ({
      id: `eml-attachment-${i + 1}`,
      name: a.name,
      size: a.size,
      ...(a.contentType ? { contentType: a.contentType } : {}),
    })),
  };
}

/** A header value with non-ASCII text as an RFC 2047 encoded word. */
function encodeHeader(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(clean) ? clean : `=?utf-8?B?${bytesToBase64(utf8.encode(clean))}?=`;
}

/**
 * A small text-only .eml for an email that exists only as a snapshot (local mode's samples): the headers
 * and body the SPOC saw. Attachments are named in the body, as the sample has no content for them.
 */
export function snapshotToEml(email: EmailSnapshot, to = 'community.safety@council.example'): string {
  const from = email.from.displayName
    ? `${encodeHeader(`"${email.from.displayName.replace(/["\\]/g, '')}"`)} <${email.from.emailAddress}>`
    : email.from.emailAddress;
  const listed = email.attachments.filter((a) => !a.isInline);
  const body = [
    email.body.replace(/\r?\n/g, '\r\n'),
    ...(listed.length ? ['', `[Attachments in the original: ${listed.map((a) => a.name).join(', ')}]`] : []),
  ].join('\r\n');
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${encodeHeader(email.subject)}`,
    `Date: ${new Date(email.receivedAt).toUTCString()}`,
    `Message-ID: <${email.itemId.replace(/[^\w.-]/g, '_')}@asb-case-review.local>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
    '',
  ].join('\r\n');
}

/** Text as base64 of its UTF-8 bytes (the API takes the .eml as base64). */
export function textToBase64(text: string): string {
  return bytesToBase64(utf8.encode(text));
}
