import {
  FIND_MEETING_TIMES_SCOPES,
  GraphCalendar,
  isoDuration,
} from '../../bot/adapters/graph/graph-calendar';
import { CalendarError, type PanelMeetingDetails } from '../../bot/ports/calendar';
import { GraphCalendarDouble } from '../support/graph-calendar-double';

const ORGANISER = 'asb-panels@council.example';
const meeting: PanelMeetingDetails = {
  bookingId: 'bk-1',
  transactionId: 'asb-panel-bk-1',
  subject: 'Case review panel: CT-2026-0007',
  body: 'ASB case review panel meeting for case CT-2026-0007.\n\nDo not forward.',
  link: 'https://teams.microsoft.com/l/channel/19%3Aabc/CT-2026-0007?groupId=g&tenantId=t',
  start: '2026-04-14T09:00:00.000Z',
  end: '2026-04-14T11:00:00.000Z',
  location: 'Wallfields, Hertford',
  attendees: [
    { email: 'a@ehc.example', name: 'A' },
    { email: 'b@police.example', name: 'B' },
  ],
  sequence: 0,
};

describe('the Graph calendar adapter, against a Graph double on loopback', () => {
  const double = new GraphCalendarDouble();
  const sleeps: number[] = [];
  let calendar: GraphCalendar;

  beforeAll(async () => {
    await double.start();
  });
  afterAll(() => double.stop());
  // Tokens as Entra issues them for what the package declares (docs/permissions.md).
  const appToken = double.appToken();
  const delegatedToken = double.delegatedToken();
  beforeEach(() => {
    sleeps.length = 0;
    calendar = new GraphCalendar({
      organiser: ORGANISER,
      baseUrl: double.baseUrl,
      appToken: async () => appToken,
      onBehalfOf: async (assertion) => (assertion === 'spoc-sso-token' ? delegatedToken : appToken),
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
  });

  it('books a Teams meeting in the organiser mailbox, with a transactionId, UTC times and no victim data', async () => {
    const booked = await calendar.book(meeting);
    expect(booked.providerEventId).toMatch(/^AAMk-event-/);
    expect(booked.joinUrl).toBe(`https://teams.microsoft.com/l/meetup-join/${booked.providerEventId}`);
    const request = double.requests.at(-1)!;
    expect(request).toMatchObject({
      method: 'POST',
      path: `/users/${ORGANISER}/events`,
      authorization: `Bearer ${appToken}`,
      prefer: 'outlook.timezone="UTC"',
      permission: 'Calendars.ReadWrite (Exchange RBAC)',
    });
    expect(request.body).toMatchObject({
      subject: 'Case review panel: CT-2026-0007',
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      transactionId: 'asb-panel-bk-1',
      start: { dateTime: '2026-04-14T09:00:00.000', timeZone: 'UTC' },
      end: { dateTime: '2026-04-14T11:00:00.000', timeZone: 'UTC' },
      location: { displayName: 'Wallfields, Hertford' },
      attendees: [
        { type: 'required', emailAddress: { address: 'a@ehc.example', name: 'A' } },
        { type: 'required', emailAddress: { address: 'b@police.example', name: 'B' } },
      ],
    });
    const html = (request.body as { body: { content: string } }).body.content;
    expect(html).toContain('<p>Do not forward.</p>');
    expect(html).toContain(
      'href="https://teams.microsoft.com/l/channel/19%3Aabc/CT-2026-0007?groupId=g&#38;tenantId=t"',
    );
  });

  it('a retried booking (same transactionId) finds the event it made: one meeting, not two', async () => {
    const m = { ...meeting, bookingId: 'bk-2', transactionId: 'asb-panel-bk-2' };
    const first = await calendar.book(m);
    const again = await calendar.book(m);
    expect(again.providerEventId).toBe(first.providerEventId);
    expect([...double.events.values()].filter((e) => e.transactionId === 'asb-panel-bk-2')).toHaveLength(1);
    // The double, like the product's assumption about Graph, does not de-duplicate by transactionId.
    const raw = await fetch(`${double.baseUrl}/users/${ORGANISER}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${appToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        subject: 'x',
        start: m.start,
        end: m.end,
        transactionId: m.transactionId,
      } as object),
    });
    expect(raw.status).toBe(201);
    expect([...double.events.values()].filter((e) => e.transactionId === 'asb-panel-bk-2')).toHaveLength(2);
  });

  it('a create whose answer was lost (504) is not sent again blind: the retry finds the event', async () => {
    double.loseNextAnswer('POST', /\/events$/);
    const m = { ...meeting, bookingId: 'bk-lost', transactionId: 'asb-panel-bk-lost' };
    const booked = await calendar.book(m);
    expect([...double.events.values()].filter((e) => e.transactionId === m.transactionId)).toHaveLength(1);
    expect(booked.providerEventId).toBe(
      [...double.events.values()].find((e) => e.transactionId === m.transactionId)!.id,
    );
    const creates = double.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/events'));
    expect(
      creates.filter((r) => (r.body as { transactionId?: string }).transactionId === m.transactionId),
    ).toHaveLength(1);
  });

  it('retries after 429, waiting as long as Retry-After says', async () => {
    double.failNext(429, '2', /\/events$/);
    const booked = await calendar.book({ ...meeting, bookingId: 'bk-3', transactionId: 'asb-panel-bk-3' });
    expect(booked.providerEventId).toBeTruthy();
    expect(sleeps).toEqual([2000]);
    expect([...double.events.values()].filter((e) => e.transactionId === 'asb-panel-bk-3')).toHaveLength(1);
  });

  it('gives up after the retries, with a CalendarError that keeps only the status and code', async () => {
    for (let i = 0; i < 4; i++) double.failNext(503, '0');
    const failed = calendar.book({ ...meeting, bookingId: 'bk-4', transactionId: 'asb-panel-bk-4' });
    await expect(failed).rejects.toThrow(CalendarError);
    await expect(failed).rejects.toMatchObject({ status: 503, code: 'ServiceUnavailable' });
    expect(sleeps).toHaveLength(3);
  });

  it('is refused without a token (the double answers 401 like Graph)', async () => {
    const res = await fetch(`${double.baseUrl}/users/${ORGANISER}/events`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    const noToken = new GraphCalendar({
      organiser: ORGANISER,
      baseUrl: double.baseUrl,
      appToken: async () => '',
      sleep: async () => {},
    });
    await expect(noToken.book(meeting)).rejects.toMatchObject({
      status: 401,
      code: 'InvalidAuthenticationToken',
    });
  });

  it('reschedules and cancels the same event; a repeated cancel is not an error', async () => {
    const booked = await calendar.book({ ...meeting, bookingId: 'bk-5', transactionId: 'asb-panel-bk-5' });
    const moved = await calendar.reschedule(booked.providerEventId, {
      ...meeting,
      start: '2026-04-15T13:00:00.000Z',
      end: '2026-04-15T14:30:00.000Z',
      sequence: 1,
    });
    expect(moved.providerEventId).toBe(booked.providerEventId);
    expect(moved.joinUrl).toBe(booked.joinUrl);
    const event = double.events.get(booked.providerEventId)!;
    expect(event).toMatchObject({
      changes: 1,
      start: { dateTime: '2026-04-15T13:00:00.000', timeZone: 'UTC' },
    });
    expect(double.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: `/users/${ORGANISER}/events/${booked.providerEventId}`,
    });

    // Without attendees the invitation list is left as it was.
    const { attendees: _omit, ...noAttendees } = meeting;
    await calendar.reschedule(booked.providerEventId, { ...noAttendees, sequence: 2 });
    expect(double.requests.at(-1)!.body).not.toHaveProperty('attendees');
    expect(double.events.get(booked.providerEventId)!.attendees).toHaveLength(2);

    await calendar.cancel(booked.providerEventId, meeting, 'The victim asked to move the meeting.');
    expect(double.events.get(booked.providerEventId)).toMatchObject({
      cancelled: true,
      cancelComment: 'The victim asked to move the meeting.',
    });
    await expect(calendar.cancel(booked.providerEventId, meeting, 'again')).resolves.toEqual({});
    await expect(calendar.reschedule(booked.providerEventId, meeting)).rejects.toMatchObject({ status: 404 });
  });

  it('reads free/busy with getSchedule (app-only); people outside the tenant are unknown', async () => {
    double.schedules.set('a@ehc.example', [
      { status: 'busy', start: '2026-04-14T09:00:00Z', end: '2026-04-14T10:00:00Z' },
      { status: 'free', start: '2026-04-14T12:00:00Z', end: '2026-04-14T13:00:00Z' },
      { status: 'tentative', start: '2026-04-15T09:00:00Z', end: '2026-04-15T09:30:00Z' },
    ]);
    const availability = await calendar.availability(
      ['a@ehc.example', 'partner@other-tenant.example'],
      '2026-04-14T00:00:00Z',
      '2026-04-16T00:00:00Z',
    );
    expect(availability).toEqual([
      {
        email: 'a@ehc.example',
        known: true,
        busy: [
          { start: '2026-04-14T09:00:00.000Z', end: '2026-04-14T10:00:00.000Z' },
          { start: '2026-04-15T09:00:00.000Z', end: '2026-04-15T09:30:00.000Z' },
        ],
      },
      { email: 'partner@other-tenant.example', known: false, busy: [] },
    ]);
    expect(double.requests.at(-1)).toMatchObject({
      path: `/users/${ORGANISER}/calendar/getSchedule`,
      authorization: `Bearer ${appToken}`,
      body: {
        schedules: ['a@ehc.example', 'partner@other-tenant.example'],
        startTime: { timeZone: 'UTC' },
        availabilityViewInterval: 30,
      },
    });
  });

  it('finds meeting times with the SPOC’s delegated token (Calendars.Read), dropping bank holidays', async () => {
    double.suggestions = [
      { start: '2026-04-07T09:00:00Z', end: '2026-04-07T10:30:00Z' },
      { start: '2026-04-06T09:00:00Z', end: '2026-04-06T10:30:00Z' }, // Easter Monday
    ];
    const slots = await calendar.suggestTimes!(
      {
        attendees: ['a@ehc.example'],
        from: '2026-04-06T00:00:00Z',
        to: '2026-04-08T00:00:00Z',
        durationMinutes: 90,
        maxCandidates: 10,
      },
      'spoc-sso-token',
    );
    expect(slots).toEqual([{ start: '2026-04-07T09:00:00.000Z', end: '2026-04-07T10:30:00.000Z' }]);
    expect(double.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/me/findMeetingTimes',
      authorization: `Bearer ${delegatedToken}`,
      permission: 'Calendars.Read',
      body: { meetingDuration: 'PT1H30M', timeConstraint: { activityDomain: 'work' }, maxCandidates: 10 },
    });
    // An app-only token is refused there, as in Graph: findMeetingTimes is delegated only.
    expect(FIND_MEETING_TIMES_SCOPES).toEqual(['https://graph.microsoft.com/Calendars.Read']);
    await expect(
      calendar.suggestTimes!(
        {
          attendees: [],
          from: '2026-04-06T00:00:00Z',
          to: '2026-04-08T00:00:00Z',
          durationMinutes: 60,
          maxCandidates: 5,
        },
        'app-only',
      ),
    ).rejects.toMatchObject({ status: 400 });
    expect(
      new GraphCalendar({ organiser: ORGANISER, appToken: async () => 'x' }).suggestTimes,
    ).toBeUndefined();
  });

  it('writes ISO 8601 durations', () => {
    expect([isoDuration(90), isoDuration(60), isoDuration(45), isoDuration(0)]).toEqual([
      'PT1H30M',
      'PT1H',
      'PT45M',
      'PT0M',
    ]);
  });
});
