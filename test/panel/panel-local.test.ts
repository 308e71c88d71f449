import { randomUUID } from 'node:crypto';
import mammoth from 'mammoth';
import { IcsCalendar } from '../../bot/adapters/local/ics-calendar';
import { parseIcs } from '../../bot/adapters/local/ics';
import type { PanelService } from '../../bot/app/panel-service';
import { agenciesOf, createWorld, record, VICTIM, type World } from '../letters/case-world';

import { booking, metCase, panelService } from './panel-world';

describe('the panel in local mode (.ics files kept with the case)', () => {
  let w: World;
  let panel: PanelService;
  beforeEach(() => {
    w = createWorld('erewash');
    panel = panelService(
      w,
      new IcsCalendar({ organiser: { email: 'sam.patel@council.example', name: 'Sam Patel' }, now: w.now }),
    );
  });
  afterEach(() => w.close());

  const icsOf = async (fileId: string) =>
    parseIcs((await w.stores.files.getFile(fileId))!.bytes.toString('utf8'));
  const value = (props: ReturnType<typeof parseIcs>, name: string) =>
    props.find((p) => p.name === name)?.value;

  it('writes the booking, each change (SEQUENCE bumped) and the cancellation as .ics files', async () => {
    const { caseId, reference } = await metCase(w);
    const request = { ...booking(w), location: 'Ilkeston Town Hall, Derbyshire DE7 5RP' };
    const booked = await panel.book(caseId, request, w.spoc);
    expect(await panel.book(caseId, request, w.spoc)).toMatchObject({
      changed: false,
      fileId: booked.fileId,
    });
    expect(booked).toMatchObject({
      provider: 'ics',
      providerEventId: `${booked.bookingId}@asb-case-review.local`,
    });
    expect(booked.joinUrl).toBeUndefined();
    const first = await icsOf(booked.fileId!);
    expect(value(first, 'METHOD')).toBe('REQUEST');
    expect(value(first, 'UID')).toBe(booked.providerEventId);
    expect(value(first, 'SEQUENCE')).toBe('0');
    expect(value(first, 'SUMMARY')).toBe(`Case review panel: ${reference}`);
    expect(value(first, 'LOCATION')).toBe('Ilkeston Town Hall\\, Derbyshire DE7 5RP');
    expect(
      first
        .filter((p) => p.name === 'ATTENDEE')
        .map((p) => p.value)
        .sort(),
    ).toEqual(
      [
        'mailto:housing.officer@partner.example',
        'mailto:jordan.lee@neighbour.example',
        'mailto:member1@derbyshire-police.example',
        'mailto:member1@erewash-bc.example',
      ].sort(),
    );
    expect(value(first, 'ORGANIZER')).toBe('mailto:sam.patel@council.example');
    expect(value(first, 'DESCRIPTION')).toMatch(/Microsoft Teams link is added/);

    const moved = await panel.reschedule(
      caseId,
      { requestId: randomUUID(), start: '2026-04-15T09:00:00Z', end: '2026-04-15T11:00:00Z' },
      w.spoc,
    );
    const second = await icsOf(moved.fileId!);
    expect(value(second, 'UID')).toBe(booked.providerEventId);
    expect(value(second, 'SEQUENCE')).toBe('1');
    expect(value(second, 'DTSTART')).toBe('20260415T090000Z');
    expect(value(second, 'LOCATION')).toBe('Ilkeston Town Hall\\, Derbyshire DE7 5RP');

    const cancelled = await panel.cancel(caseId, { requestId: randomUUID(), reason: 'Rearranging' }, w.spoc);
    const third = await icsOf(cancelled.fileId!);
    expect(value(third, 'METHOD')).toBe('CANCEL');
    expect(value(third, 'SEQUENCE')).toBe('2');

    // The booking is kept once, in the case log with the events that made it; the files are the .ics.
    expect(await w.stores.cases.caseBookings(caseId)).toEqual([
      expect.objectContaining({
        bookingId: booked.bookingId,
        providerEventId: booked.providerEventId,
        start: '2026-04-15T09:00:00.000Z',
        status: 'cancelled',
      }),
    ]);
    const files = (await w.stores.files.caseFiles(caseId)).filter((f) => f.kind === 'calendar');
    expect(files.map((f) => f.name).sort()).toEqual(
      [
        `${reference} panel meeting.ics`,
        `${reference} panel meeting (update 1).ics`,
        `${reference} panel meeting (cancelled).ics`,
      ].sort(),
    );
    expect(await panel.latestCalendarFile(caseId, w.spoc)).toEqual({
      fileId: cancelled.fileId,
      name: `${reference} panel meeting (cancelled).ics`,
    });
  });

  it('proposes working-hours slots when no free/busy is known: everyone is asked', async () => {
    const { caseId } = await metCase(w);
    const slots = await panel.proposeSlots(
      caseId,
      {
        from: '2026-04-07',
        to: '2026-04-07',
        durationMinutes: 120,
        attendees: [{ personId: 'erewash-bc-1' }, { name: 'Partner' }],
        stepMinutes: 60,
      },
      w.spoc,
    );
    expect(slots).toMatchObject({
      method: 'working-hours',
      toAsk: ['Alex Morgan (Erewash Borough Council)', 'Partner'],
    });
    expect(slots.slots.map((s) => s.start.slice(11, 16))).toEqual([
      '08:00',
      '09:00',
      '10:00',
      '11:00',
      '12:00',
      '13:00',
      '14:00',
    ]);
  });

  it('collates the panel papers: the case summary and every agency return, with late marks and no victim contact details', async () => {
    const a = agenciesOf.erewash;
    const { caseId, reference } = await metCase(w);
    await record(w, caseId, '2026-03-11', 'returns-requested', {
      requestedOn: '2026-03-11',
      requests: [
        { requestId: 'rq-council', agencyId: a.council },
        { requestId: 'rq-police', agencyId: a.police },
        { requestId: 'rq-housing', agencyId: a.housing },
      ],
      incidentIds: ['inc-1', 'inc-2', 'inc-3'],
    });
    await record(w, caseId, '2026-03-13', 'return-received', {
      requestId: 'rq-council',
      agencyId: a.council,
      receivedOn: '2026-03-13',
      incidents: [
        {
          incidentId: 'inc-1',
          holdsRecord: true,
          reference: 'EBC/123',
          reportedOn: '2026-01-05',
          actionTaken: 'Noise diary sent.',
        },
      ],
      otherInformation: 'Environmental health visited twice.',
      submittedBy: 'erewash-bc-1',
    });
    await record(w, caseId, '2026-03-24', 'return-received', {
      requestId: 'rq-police',
      agencyId: a.police,
      receivedOn: '2026-03-24',
      incidents: [
        {
          incidentId: 'inc-2',
          holdsRecord: true,
          reference: 'DP-2026-555',
          reportedOn: '2026-01-20',
          actionTaken: 'Words of advice given.',
        },
        { incidentId: 'inc-3', holdsRecord: false },
      ],
      submittedBy: 'derbyshire-police-1',
    });
    w.at('2026-03-25T10:00:00Z');
    await panel.book(caseId, booking(w), w.spoc);
    const requestId = randomUUID();
    const papers = await panel.papers(caseId, { requestId }, w.spoc);
    expect(await panel.papers(caseId, { requestId }, w.spoc)).toEqual(papers);
    expect(papers).toMatchObject({
      name: `${reference} panel papers.docx`,
      outstanding: ['Registered provider of social housing'],
    });
    expect(papers.late).toEqual(['Derbyshire Constabulary', 'Registered provider of social housing']);
    const file = await w.stores.files.getFile(papers.fileId);
    const { value: text } = await mammoth.extractRawText({ buffer: file!.bytes });
    const flat = text.replace(/\s+/g, ' ');
    for (const s of [
      `Case review panel papers: ${reference}`,
      'inc-1',
      '5 January 2026',
      'Met (route: count), decided on 10 March 2026',
      'Three qualifying complaints.',
      'The victim will attend the start of the meeting online.',
      'Tuesday 14 April 2026',
      '10:00 to 12:00',
      'Jordan Lee, North Herts Council (independent)',
      'Erewash Borough Council',
      'EBC/123',
      'Noise diary sent.',
      'Environmental health visited twice.',
      'received 24 March 2026 (LATE)',
      'DP-2026-555',
      'Words of advice given.',
      'no return received (OVERDUE)',
    ])
      expect(flat).toContain(s);
    for (const s of [VICTIM.name, VICTIM.email, VICTIM.phone, 'Sample Road', 'SG13 1AA'])
      expect(flat).not.toContain(s);
    expect(
      (await w.service.getCase(caseId, w.spoc)).files.find((f) => f.fileId === papers.fileId),
    ).toMatchObject({ kind: 'panel-papers' });
  });

  it('only a SPOC or manager arranges the panel', async () => {
    const { caseId } = await metCase(w);
    await expect(panel.book(caseId, booking(w), w.directory.get('derbyshire-police-1')!)).rejects.toThrow(
      /Only a SPOC/,
    );
  });
});
