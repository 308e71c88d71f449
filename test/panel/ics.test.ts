import fc from 'fast-check';
import { IcsCalendar } from '../../bot/adapters/local/ics-calendar';
import {
  escapeText,
  foldLine,
  parseIcs,
  unescapeText,
  writeIcs,
  type IcsEvent,
} from '../../bot/adapters/local/ics';
import type { PanelMeetingDetails } from '../../bot/ports/calendar';

const event: IcsEvent = {
  method: 'REQUEST',
  uid: 'a1b2c3d4-0000-8000-8000-000000000001@asb-case-review.local',
  sequence: 0,
  stamp: '2026-03-20T10:15:00Z',
  start: '2026-04-14T09:00:00Z',
  end: '2026-04-14T11:00:00Z',
  summary: 'Case review panel: CT-2026-0007',
  description:
    'ASB case review panel meeting for case CT-2026-0007; chaired by Jordan Lee, North Herts Council.\n\nPapers: in the case channel. Back\\slash test. ' +
    'Café résumé naïve — a long line to fold across several octet boundaries with multibyte characters ééééé.',
  location: 'Wallfields, Pegs Lane, Hertford',
  organiser: { email: 'panels@council.example', name: 'ASB Panels' },
  attendees: [
    { email: 'a@ehc.example', name: 'Alex Morgan (East Herts District Council)' },
    { email: 'b@police.example', name: 'Inspector "Ray"; Herts' },
  ],
};

describe('the .ics writer (RFC 5545)', () => {
  const text = writeIcs(event);

  it('uses CRLF line ends only, and no physical line is longer than 75 octets', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).toContain('\r\n '); // the description was folded
  });

  it('writes one VEVENT with UID, SEQUENCE, DTSTAMP, UTC times, organiser and attendees', () => {
    const props = parseIcs(text);
    const names = props.map((p) => p.name);
    expect(names.slice(0, 6)).toEqual(['BEGIN', 'VERSION', 'PRODID', 'CALSCALE', 'METHOD', 'BEGIN']);
    expect(names.slice(-3)).toEqual(['TRANSP', 'END', 'END']);
    const get = (n: string) => props.filter((p) => p.name === n);
    expect(get('BEGIN').map((p) => p.value)).toEqual(['VCALENDAR', 'VEVENT']);
    expect(get('METHOD')[0]!.value).toBe('REQUEST');
    expect(get('UID')[0]!.value).toBe(event.uid);
    expect(get('SEQUENCE')[0]!.value).toBe('0');
    expect(get('DTSTAMP')[0]!.value).toBe('20260320T101500Z');
    expect(get('DTSTART')[0]!.value).toBe('20260414T090000Z');
    expect(get('DTEND')[0]!.value).toBe('20260414T110000Z');
    expect(get('STATUS')[0]!.value).toBe('CONFIRMED');
    expect(get('ORGANIZER')[0]).toEqual({
      name: 'ORGANIZER',
      params: { CN: 'ASB Panels' },
      value: 'mailto:panels@council.example',
    });
    const attendees = get('ATTENDEE');
    expect(attendees.map((a) => a.value)).toEqual(['mailto:a@ehc.example', 'mailto:b@police.example']);
    expect(attendees[0]!.params).toMatchObject({
      CN: 'Alex Morgan (East Herts District Council)',
      ROLE: 'REQ-PARTICIPANT',
      RSVP: 'TRUE',
    });
    // A name with ; is quoted, and a double quote (not allowed in a parameter) is dropped.
    expect(attendees[1]!.params.CN).toBe('Inspector Ray; Herts');
  });

  it('escapes TEXT values and unfolds back to the original', () => {
    const props = parseIcs(text);
    const description = props.find((p) => p.name === 'DESCRIPTION')!.value;
    expect(description).toContain(
      'CT-2026-0007\\; chaired by Jordan Lee\\, North Herts Council.\\n\\nPapers',
    );
    expect(description).toContain('Back\\\\slash');
    expect(unescapeText(description)).toBe(event.description);
    expect(unescapeText(props.find((p) => p.name === 'LOCATION')!.value)).toBe(event.location);
  });

  it('folding never splits a character and unfolds to the same line (any text)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => {
        const line = `DESCRIPTION:${escapeText(s)}`;
        const folded = foldLine(line);
        for (const physical of folded.split('\r\n'))
          expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
        expect(folded.replace(/\r\n /g, '')).toBe(line);
        expect(unescapeText(escapeText(s))).toBe(s.replace(/\r\n|\r/g, '\n'));
      }),
    );
  });

  it('a cancellation is METHOD:CANCEL with STATUS:CANCELLED for the same UID', () => {
    const props = parseIcs(writeIcs({ ...event, method: 'CANCEL', sequence: 2 }));
    expect(props.find((p) => p.name === 'METHOD')!.value).toBe('CANCEL');
    expect(props.find((p) => p.name === 'STATUS')!.value).toBe('CANCELLED');
    expect(props.find((p) => p.name === 'SEQUENCE')!.value).toBe('2');
    expect(props.find((p) => p.name === 'UID')!.value).toBe(event.uid);
  });
});

describe('the local (.ics) calendar', () => {
  const calendar = new IcsCalendar({
    organiser: { email: 'spoc@council.example', name: 'Sam Patel' },
    now: () => new Date('2026-03-20T10:00:00Z'),
  });
  const meeting: PanelMeetingDetails = {
    bookingId: 'bk-1',
    transactionId: 'asb-panel-bk-1',
    subject: 'Case review panel: CT-2026-0007',
    body: 'ASB case review panel meeting for case CT-2026-0007.',
    start: '2026-04-14T09:00:00.000Z',
    end: '2026-04-14T11:00:00.000Z',
    location: 'Wallfields, Hertford',
    attendees: [{ email: 'a@ehc.example', name: 'A' }],
    sequence: 0,
  };
  const props = (bytes: Uint8Array) => parseIcs(new TextDecoder().decode(bytes));

  it('books, reschedules (SEQUENCE bumped, same UID) and cancels with files', async () => {
    const booked = await calendar.book(meeting);
    expect(booked.providerEventId).toBe('bk-1@asb-case-review.local');
    expect(booked.file).toMatchObject({
      name: 'panel meeting.ics',
      contentType: 'text/calendar; charset=utf-8; method=REQUEST',
    });
    const moved = await calendar.reschedule(booked.providerEventId, {
      ...meeting,
      start: '2026-04-15T09:00:00.000Z',
      end: '2026-04-15T11:00:00.000Z',
      sequence: 1,
    });
    const m = props(moved.file!.bytes);
    expect(m.find((p) => p.name === 'UID')!.value).toBe(booked.providerEventId);
    expect(m.find((p) => p.name === 'SEQUENCE')!.value).toBe('1');
    expect(m.find((p) => p.name === 'DTSTART')!.value).toBe('20260415T090000Z');
    expect(moved.file!.name).toBe('panel meeting (update 1).ics');
    const cancelled = await calendar.cancel(booked.providerEventId, { ...meeting, sequence: 2 });
    const c = props(cancelled.file!.bytes);
    expect(c.find((p) => p.name === 'METHOD')!.value).toBe('CANCEL');
    expect(c.find((p) => p.name === 'SEQUENCE')!.value).toBe('2');
    expect(c.find((p) => p.name === 'SUMMARY')!.value).toBe('Cancelled: Case review panel: CT-2026-0007');
  });

  it('knows nobody’s free/busy: everyone answers the offered slots', async () => {
    expect(await calendar.availability(['a@x.example'])).toEqual([
      { email: 'a@x.example', known: false, busy: [] },
    ]);
  });
});
