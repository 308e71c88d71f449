/**
 * A small RFC 5545 writer (and the reader the tests use): one VEVENT per calendar, UTC times, CRLF line
 * ends, lines folded at 75 octets without splitting a UTF-8 character, TEXT values escaped.
 */

export interface IcsPerson {
  email: string;
  name?: string;
}

export interface IcsEvent {
  method: 'REQUEST' | 'CANCEL';
  /** Stable for the meeting's whole life: a reschedule or cancellation names the same UID. */
  uid: string;
  /** 0 when first sent; each change sends a higher number so calendars replace the older copy. */
  sequence: number;
  /** When this copy was written. */
  stamp: Date | string;
  start: Date | string;
  end: Date | string;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  organiser: IcsPerson;
  attendees: readonly IcsPerson[];
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** 20260414T093000Z */
export function icsUtc(value: Date | string): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) throw new RangeError(`"${String(value)}" is not a date and time.`);
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (CN=...): quoted when it holds : ; or ,; DQUOTE and control characters cannot appear. */
function paramValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/["\u0000-\u001f\u007f]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** RFC 5545 3.1: lines longer than 75 octets continue on the next line after CRLF and one space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space of a continuation line counts
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function person(prop: string, p: IcsPerson, extra: string[] = []): string {
  const params = [...(p.name ? [`CN=${paramValue(p.name)}`] : []), ...extra];
  return `${prop}${params.map((x) => `;${x}`).join('')}:mailto:${p.email}`;
}

/** The whole calendar object, ready to store or send as text/calendar. */
export function writeIcs(event: IcsEvent): string {
  const cancel = event.method === 'CANCEL';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//ASB Case Review//Panel booking//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.method}`,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${icsUtc(event.stamp)}`,
    `DTSTART:${icsUtc(event.start)}`,
    `DTEND:${icsUtc(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.url ? [`URL:${event.url}`] : []),
    person('ORGANIZER', event.organiser),
    ...event.attendees.map((a) =>
      person('ATTENDEE', a, [
        'CUTYPE=INDIVIDUAL',
        'ROLE=REQ-PARTICIPANT',
        'PARTSTAT=NEEDS-ACTION',
        `RSVP=${cancel ? 'FALSE' : 'TRUE'}`,
      ]),
    ),
    `STATUS:${cancel ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

export interface IcsProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** Unfolds and splits content lines into properties (enough to check what writeIcs wrote). */
export function parseIcs(text: string): IcsProperty[] {
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  return unfolded
    .split('\r\n')
    .filter((l) => l.length > 0)
    .map((line) => {
      // the value starts at the first colon outside a quoted parameter value
      let quoted = false;
      let at = -1;
      for (let i = 0; i < line.length; i++) {
        if (line[i] === '"') quoted = !quoted;
        else if (line[i] === ':' && !quoted) {
          at = i;
          break;
        }
      }
      const head = line.slice(0, at);
      const name = /^[^;]*/.exec(head)![0];
      const params: Record<string, string> = {};
      for (const m of head.slice(name.length).matchAll(/;([A-Za-z0-9-]+)=("[^"]*"|[^;]*)/g))
        params[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
      return { name, params, value: line.slice(at + 1) };
    });
}

/** The inverse of escapeText. */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
