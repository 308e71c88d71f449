import { randomUUID } from 'node:crypto';
import { GraphCalendar } from '../../bot/adapters/graph/graph-calendar';
import type { PanelService } from '../../bot/app/panel-service';
import { TransitionError } from '../../shared';
import { GraphCalendarDouble } from '../support/graph-calendar-double';
import {
  agenciesOf,
  createWorld,
  decide,
  openCase,
  panelMembers,
  record,
  VICTIM,
  type World,
} from '../letters/case-world';

import { booking, metCase, ORGANISER, panelService } from './panel-world';

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
