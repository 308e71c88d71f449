import { randomUUID } from 'node:crypto';
import mammoth from 'mammoth';
import { GraphCalendar } from '../../bot/adapters/graph/graph-calendar';
import { IcsCalendar } from '../../bot/adapters/local/ics-calendar';
import { parseIcs } from '../../bot/adapters/local/ics';
import { PanelService, teamsChannelLink } from '../../bot/app/panel-service';
import type { Calendar } from '../../bot/ports/calendar';
import { TransitionError } from '../../shared';
import { GraphCalendarDouble } from '../support/graph-calendar-double';
import {
  agenciesOf,
  CHAIR,
  createWorld,
  decide,
  openCase,
  panelMembers,
  record,
  VICTIM,
  type World,
} from '../letters/case-world';

const ORGANISER = 'asb-panels@council.example';

function panelService(w: World, calendar: Calendar) {
  return new PanelService({
    service: w.service,
    cases: w.stores.cases,
    files: w.stores.files,
    policy: w.policy,
    directory: w.directory,
    calendar,
    now: w.now,
    channelLink: teamsChannelLink('team-1', 'tenant-1'),
  });
}

async function metCase(w: World) {
  const opened = await openCase(w);
  await decide(w, opened.caseId, '2026-03-10', 'met', ['Three qualifying complaints.']);
  w.at('2026-03-20T10:00:00Z');
  return opened;
}

const booking = (w: World, requestId = randomUUID()) => ({
  requestId,
  start: '2026-04-14T09:00:00Z',
  end: '2026-04-14T11:00:00Z',
  members: panelMembers(w),
  chair: CHAIR,
  victimParticipation: 'attend-online' as const,
});

describe('the panel through the Graph calendar (double on loopback)', () => {
  const double = new GraphCalendarDouble();
  let w: World;
  let panel: PanelService;
  const sleeps: number[] = [];

  beforeAll(() => double.start());
  afterAll(() => double.stop());
  beforeEach(() => {
    w = createWorld('east-herts');
    panel = panelService(
      w,
      new GraphCalendar({
        organiser: ORGANISER,
        baseUrl: double.baseUrl,
        appToken: async () => double.appToken(),
        onBehalfOf: async () => double.delegatedToken(),
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      }),
    );
  });
  afterEach(() => w.close());

  it('a retried booking request makes one calendar event and one panel-booked event', async () => {
    const { caseId, reference } = await metCase(w);
    const request = booking(w);
    double.failNext(429, '1', /\/events$/); // throttled once: the adapter waits and retries
    const first = await panel.book(caseId, request, w.spoc);
    const again = await panel.book(caseId, request, w.spoc);
    expect(first).toMatchObject({
      status: 'booked',
      provider: 'graph',
      changed: true,
      warnings: [],
      notInvited: [],
    });
    expect(first.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(again).toMatchObject({
      bookingId: first.bookingId,
      providerEventId: first.providerEventId,
      joinUrl: first.joinUrl,
      changed: false,
    });
    expect(sleeps).toContain(1000);

    const events = [...double.events.values()].filter((e) => e.subject === `Case review panel: ${reference}`);
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.attendees.map((a) => a.emailAddress.address).sort()).toEqual(
      [
        'housing.officer@partner.example',
        'jordan.lee@neighbour.example',
        'member1@ehc.example',
        'member1@herts-police.example',
      ].sort(),
    );
    // Never the victim's name or details in the calendar.
    const sent = JSON.stringify(event);
    for (const s of [VICTIM.name, 'Alice', VICTIM.email, 'Sample Road']) expect(sent).not.toContain(s);

    const detail = await w.service.getCase(caseId, w.spoc);
    expect(detail.state.timeline.filter((t) => t.type === 'panel-booked')).toHaveLength(1);
    expect(detail.state.panel).toMatchObject({
      bookingId: first.bookingId,
      status: 'booked',
      start: '2026-04-14T09:00:00.000Z',
      joinUrl: first.joinUrl,
      chair: { name: 'Jordan Lee', organisation: 'North Herts Council', independent: true },
    });
    expect(detail.state.panel!.members[2]).toEqual({
      name: 'Housing officer',
      agencyId: 'social-housing',
      role: 'member',
    }); // no email kept
    expect(detail.state.status).toBe('panel-booked');
  });

  it('a booking that the calendar made but the case did not record is completed by the retry, not made twice', async () => {
    const { caseId } = await metCase(w);
    const request = booking(w);
    const spy = jest.spyOn(w.service, 'recordEvents').mockRejectedValueOnce(new Error('store unavailable'));
    await expect(panel.book(caseId, request, w.spoc)).rejects.toThrow('store unavailable');
    spy.mockRestore();
    const done = await panel.book(caseId, request, w.spoc);
    expect(done.changed).toBe(true);
    expect(
      [...double.events.values()].filter((e) => e.transactionId === `asb-panel-${done.bookingId}`),
    ).toHaveLength(1);
  });

  it('reschedules the same event, then cancels it, each once however often retried', async () => {
    const { caseId } = await metCase(w);
    const booked = await panel.book(caseId, booking(w), w.spoc);
    const move = { requestId: randomUUID(), start: '2026-04-16T13:00:00Z', end: '2026-04-16T14:30:00Z' };
    const moved = await panel.reschedule(caseId, move, w.spoc);
    await panel.reschedule(caseId, move, w.spoc);
    expect(moved).toMatchObject({
      bookingId: booked.bookingId,
      providerEventId: booked.providerEventId,
      joinUrl: booked.joinUrl,
      start: '2026-04-16T13:00:00.000Z',
    });
    const event = double.events.get(booked.providerEventId)!;
    expect(event.changes).toBe(1);
    expect(event.start.dateTime).toBe('2026-04-16T13:00:00.000');
    expect(event.attendees).toHaveLength(4); // unchanged: no attendees sent
    let detail = await w.service.getCase(caseId, w.spoc);
    expect(detail.state.panel).toMatchObject({
      start: '2026-04-16T13:00:00.000Z',
      end: '2026-04-16T14:30:00.000Z',
      status: 'booked',
    });
    expect(detail.state.timeline.filter((t) => t.type === 'panel-booked')).toHaveLength(2);

    const cancel = { requestId: randomUUID(), reason: 'The chair is unwell.' };
    const cancelled = await panel.cancel(caseId, cancel, w.spoc);
    const again = await panel.cancel(caseId, cancel, w.spoc);
    expect(cancelled).toMatchObject({ status: 'cancelled', changed: true });
    expect(again).toMatchObject({ status: 'cancelled', changed: false });
    expect(double.events.get(booked.providerEventId)).toMatchObject({
      cancelled: true,
      cancelComment: 'The chair is unwell.',
    });
    detail = await w.service.getCase(caseId, w.spoc);
    expect(detail.state.panel!.status).toBe('cancelled');
    expect(detail.state.status).toBe('threshold-met');
    await expect(panel.reschedule(caseId, { ...move, requestId: randomUUID() }, w.spoc)).rejects.toThrow(
      /No panel meeting is booked/,
    );
  });

  it('puts the case channel link in the invitation body when the case has a channel', async () => {
    const { caseId } = await metCase(w);
    await record(w, caseId, '2026-03-20', 'channel-created', {
      channelId: '19:abc@thread.tacv2',
      name: 'CT-2026-0001',
    });
    w.at('2026-03-20T10:00:00Z');
    const booked = await panel.book(caseId, booking(w), w.spoc);
    const body = double.events.get(booked.providerEventId)!.body!.content;
    expect(body).toContain(
      'https://teams.microsoft.com/l/channel/19%3Aabc%40thread.tacv2/CT-2026-0001?groupId=team-1&#38;tenantId=tenant-1',
    );
  });

  it('refuses a panel without a quorum, and before the threshold is met; warns about a chair who is not independent', async () => {
    const { caseId } = await openCase(w);
    w.at('2026-03-03');
    await expect(panel.book(caseId, booking(w), w.spoc)).rejects.toThrow(TransitionError);
    await decide(w, caseId, '2026-03-10', 'met');
    const two = { ...booking(w), members: panelMembers(w).slice(0, 2) };
    await expect(panel.book(caseId, two, w.spoc)).rejects.toMatchObject({
      problems: [
        {
          path: 'members',
          message: expect.stringMatching(/Not quorate: 2 of the bodies that make up the panel/),
        },
      ],
    });
    expect(double.events.size).toBeGreaterThan(0); // earlier tests; none for this case:
    const before = double.events.size;
    const result = await panel.book(
      caseId,
      {
        ...booking(w),
        chair: { name: 'Sam Patel', organisation: 'East Herts District Council', independent: false },
      },
      w.spoc,
    );
    expect(double.events.size).toBe(before + 1);
    expect(result.warnings).toEqual([expect.stringMatching(/not independent/)]);
    expect(result.quorum).toMatchObject({
      quorum: { met: true, required: 3 },
      message: expect.stringMatching(/^Quorate: 3/),
    });
  });

  it('answers the quorum for a set of agencies, naming what is missing', async () => {
    const { caseId } = await openCase(w);
    const a = agenciesOf['east-herts'];
    const view = await panel.quorum(caseId, [a.council, a.police, 'herts-fire', 'nowhere'], w.spoc);
    expect(view).toMatchObject({
      quorum: { met: false, required: 3, bodies: [a.council, a.police], others: ['herts-fire'] },
      bodies: [
        { id: 'ehc', name: 'East Herts District Council' },
        { id: 'herts-police', name: 'Hertfordshire Constabulary' },
      ],
      others: [{ id: 'herts-fire', name: 'Herts Fire and Rescue Service' }],
      unknown: ['nowhere'],
    });
    // East Herts s.12: the county council is a relevant body (s.6) but not one of the panel's three.
    expect(view.message).toMatch(/add 1 more of .*Hertfordshire and West Essex ICB/);
    expect(view.message).not.toMatch(/Hertfordshire County Council/);
  });

  it('proposes slots: getSchedule for people in the tenant, the rest asked; findMeetingTimes with a delegated token', async () => {
    const { caseId } = await metCase(w);
    double.schedules.set('member1@ehc.example', [
      { status: 'busy', start: '2026-04-07T08:00:00Z', end: '2026-04-07T12:00:00Z' },
    ]);
    double.schedules.set('member1@herts-police.example', []);
    const input = {
      from: '2026-04-06',
      to: '2026-04-07',
      durationMinutes: 60,
      attendees: [
        { personId: 'ehc-1' },
        { personId: 'herts-police-1' },
        { name: 'Housing officer', email: 'housing@partner.example', agencyId: 'social-housing' },
      ],
      stepMinutes: 60,
    };
    const app = await panel.proposeSlots(caseId, input, w.spoc);
    expect(app.method).toBe('getSchedule');
    // Easter Monday skipped; 7 April from 13:00 London (12:00Z) once the council member is free.
    expect(app.slots.map((s) => s.start)).toEqual([
      '2026-04-07T12:00:00.000Z',
      '2026-04-07T13:00:00.000Z',
      '2026-04-07T14:00:00.000Z',
      '2026-04-07T15:00:00.000Z',
    ]);
    expect(app.toAsk).toEqual(['Housing officer']);
    expect(app.attendees.map((a) => a.availability)).toEqual(['known', 'known', 'unknown']);

    double.suggestions = [{ start: '2026-04-07T14:00:00Z', end: '2026-04-07T15:00:00Z' }];
    const delegated = await panel.proposeSlots(caseId, input, w.spoc, 'spoc-sso-token');
    expect(delegated.method).toBe('findMeetingTimes');
    expect(delegated.slots).toEqual([{ start: '2026-04-07T14:00:00.000Z', end: '2026-04-07T15:00:00.000Z' }]);
    expect(double.requests.at(-1)!.body).toMatchObject({
      attendees: [
        { emailAddress: { address: 'member1@ehc.example' } },
        { emailAddress: { address: 'member1@herts-police.example' } },
      ],
    });
  });
});

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
