/**
 * The case review panel: who sits on it (the quorum, the chair), when it meets (free slots from the
 * calendar, or answers from partners who publish no free/busy), booking, rescheduling and cancelling the
 * meeting, and the panel papers.
 *
 * Where booking state lives: the times, members and status are in the case's `panel-booked` /
 * `panel-cancelled` events (the audit trail and what the rules check). The calendar's own event id never
 * changes for a booking, so it is kept in the case log's booking record (`PanelBooking`), written with
 * the event in the same append. Every id is derived from the case and the client's requestId, so a
 * retried request books, changes and records nothing twice (a booking retried after a lost answer is
 * sent with the same transactionId, which the calendar answers with the same event).
 */
import {
  addDays,
  agencyName,
  applyEvent,
  isWorkingDay,
  londonDate,
  panelQuorum,
  type CaseEvent,
  type CaseState,
  type PanelBooking,
  type PanelMember,
  type Policy,
  type VictimChoice,
} from '../../shared';
import {
  chairWarnings,
  freeSlots,
  londonWallTime,
  londonWallTimeToInstant,
  type Slot,
} from '../../shared/panel';
import type { BookingResult, PanelPapers, PanelSlots, Person, QuorumView } from '../api/contract';
import { composePanelPapers, returnStatuses } from '../letters/panel-papers';
import { DOCX_TYPE, renderDocx } from '../letters/render-docx';
import { stableUuid } from './stable-uuid';
import type { Calendar, CalendarFile, CalendarPerson, PanelMeetingDetails } from '../ports/calendar';
import type { CaseFiles } from '../store/case-files';
import type { CaseLog, CaseRecord, PanelBooking as BookingRecord } from '../store/case-log';
import { toCaseEvents } from './case-projector';
import type { CaseService } from './case-service';
import type { Directory } from './directory';
import { ForbiddenError, InvalidInputError, NotFoundError } from './errors';

export interface PanelServiceDeps {
  service: CaseService;
  cases: Pick<CaseLog, 'caseBookings'>;
  files: CaseFiles;
  policy: Policy;
  directory: Directory;
  calendar: Calendar;
  now: () => Date;
  /** A link to the case's Teams channel for the invitation body (see teamsChannelLink). */
  channelLink?: (channel: { channelId: string; name: string }) => string;
}

/** A panel member as the SPOC chooses them: a person in the directory, or anyone with an email address. */
export interface MemberInput {
  personId?: string;
  name: string;
  agencyId: string;
  role: PanelMember['role'];
  email?: string;
}

export interface ChairInput {
  personId?: string;
  name: string;
  organisation: string;
  independent: boolean;
  email?: string;
}

export interface AttendeeInput {
  personId?: string;
  email?: string;
  name?: string;
  agencyId?: string;
}

export interface SlotsInput {
  from: string;
  to: string;
  durationMinutes: number;
  attendees: AttendeeInput[];
  stepMinutes?: number;
  limit?: number;
}

export interface BookInput {
  requestId: string;
  start: string;
  end: string;
  members: MemberInput[];
  chair: ChairInput;
  victimParticipation: VictimChoice;
  location?: string;
}

export interface RescheduleInput {
  requestId: string;
  start: string;
  end: string;
  location?: string;
  members?: MemberInput[];
  chair?: ChairInput;
  victimParticipation?: VictimChoice;
}

export interface CancelInput {
  requestId: string;
  reason: string;
}

// The answers' shapes are the contract's (bot/api/panel.ts).
export type { BookingResult, PanelPapers, PanelSlots, QuorumView };

const isSpoc = (p: Person) => p.roles.includes('spoc') || p.roles.includes('manager');
const iso = (s: string) => new Date(s).toISOString();

/** The Teams deep link to a channel, for the panel invitation's body. */
export function teamsChannelLink(teamId: string, tenantId: string) {
  return (channel: { channelId: string; name: string }) =>
    `https://teams.microsoft.com/l/channel/${encodeURIComponent(channel.channelId)}/${encodeURIComponent(channel.name)}` +
    `?groupId=${encodeURIComponent(teamId)}&tenantId=${encodeURIComponent(tenantId)}`;
}

export class PanelService {
  constructor(private readonly deps: PanelServiceDeps) {}

  /** Whether these agencies make a quorum, and a sentence saying so. */
  async quorum(caseId: string, agencyIds: readonly string[], by: Person): Promise<QuorumView> {
    await this.load(caseId, by);
    return this.quorumView(agencyIds);
  }

  private quorumView(agencyIds: readonly string[]): QuorumView {
    const { policy } = this.deps;
    const known = new Set(policy.agencies.map((a) => a.id));
    const quorum = panelQuorum(
      agencyIds.filter((id) => known.has(id)).map((agencyId) => ({ agencyId })),
      policy,
    );
    const named = (ids: string[]) => ids.map((id) => ({ id, name: agencyName(policy, id) }));
    const missing = quorum.required - quorum.bodies.length;
    return {
      quorum,
      bodies: named(quorum.bodies),
      others: named(quorum.others),
      unknown: [...new Set(agencyIds.filter((id) => !known.has(id)))],
      // The bodies that count are the policy's panel list (East Herts s.12), not every relevant body.
      message: quorum.met
        ? `Quorate: ${quorum.bodies.length} of the bodies that make up the panel (at least ${quorum.required} needed).`
        : `Not quorate: ${quorum.bodies.length} of the bodies that make up the panel; ` +
          `add ${missing} more of ${quorum.counting
            .filter((id) => !quorum.bodies.includes(id))
            .map((id) => agencyName(policy, id))
            .join(', ')}.`,
    };
  }

  /**
   * Candidate times, earliest first. People whose calendars the app can read are checked (findMeetingTimes
   * with the SPOC's delegated token when available, else getSchedule and our own free-slot search); the
   * rest are listed in `toAsk`: they answer the offered slots (tallySlotAnswers).
   */
  async proposeSlots(
    caseId: string,
    input: SlotsInput,
    by: Person,
    userAssertion?: string,
  ): Promise<PanelSlots> {
    await this.load(caseId, by);
    if (input.to < input.from)
      throw new InvalidInputError('The search ends before it starts.', [
        { path: 'to', message: 'must not be before from' },
      ]);
    const attendees = input.attendees.map((a, i) => {
      const person = a.personId ? this.deps.directory.get(a.personId) : undefined;
      if (a.personId && !person)
        throw new InvalidInputError(`There is no person ${a.personId}.`, [
          { path: `attendees[${i}].personId`, message: 'unknown person' },
        ]);
      const email = a.email ?? person?.email;
      return {
        label: a.name ?? person?.name ?? email ?? `attendee ${i + 1}`,
        email,
        agencyId: a.agencyId ?? person?.agencyId,
      };
    });
    const rangeStart = new Date(londonWallTimeToInstant(input.from, 0)).toISOString();
    const rangeEnd = new Date(londonWallTimeToInstant(addDays(input.to, 1), 0)).toISOString();
    const emails = [...new Set(attendees.flatMap((a) => (a.email ? [a.email] : [])))];
    const availability = emails.length
      ? await this.deps.calendar.availability(emails, rangeStart, rangeEnd)
      : [];
    const known = new Map(availability.map((a) => [a.email, a]));
    const limit = input.limit ?? 20;
    const now = this.deps.now().toISOString();

    let method: 'findMeetingTimes' | 'getSchedule' | 'working-hours' = availability.some((a) => a.known)
      ? 'getSchedule'
      : 'working-hours';
    let slots: Slot[] | undefined;
    const knownEmails = availability.filter((a) => a.known).map((a) => a.email);
    if (this.deps.calendar.suggestTimes && userAssertion && knownEmails.length) {
      try {
        slots = (
          await this.deps.calendar.suggestTimes(
            {
              attendees: knownEmails,
              from: rangeStart,
              to: rangeEnd,
              durationMinutes: input.durationMinutes,
              maxCandidates: limit,
            },
            userAssertion,
          )
        ).filter((s) => s.start >= now && inWorkingHours(s));
        method = 'findMeetingTimes';
      } catch {
        slots = undefined; // no delegated consent, or the exchange failed: fall back to free/busy
      }
    }
    if (!slots) {
      try {
        slots = freeSlots({
          busy: availability.filter((a) => a.known).map((a) => a.busy),
          from: input.from,
          to: input.to,
          durationMinutes: input.durationMinutes,
          stepMinutes: input.stepMinutes ?? 30,
          notBefore: now,
          limit,
        });
      } catch (err) {
        if (err instanceof RangeError)
          throw new InvalidInputError(err.message, [{ path: 'from', message: err.message }]);
        throw err;
      }
    }
    return {
      method,
      durationMinutes: input.durationMinutes,
      slots: slots.slice(0, limit),
      attendees: attendees.map((a) => ({
        label: a.label,
        ...(a.agencyId ? { agencyId: a.agencyId } : {}),
        availability: !a.email
          ? ('no-email' as const)
          : known.get(a.email)?.known
            ? ('known' as const)
            : ('unknown' as const),
      })),
      toAsk: attendees.filter((a) => !a.email || !known.get(a.email)?.known).map((a) => a.label),
    };
  }

  /** Books the panel meeting in the calendar and records it; a retry with the same requestId books once. */
  async book(caseId: string, input: BookInput, by: Person): Promise<BookingResult> {
    const { record, state, reference } = await this.load(caseId, by);
    const bookingId = stableUuid('panel-booking', caseId, input.requestId);
    const eventId = stableUuid('panel-booked', caseId, input.requestId);
    const quorum = this.quorumView(input.members.map((m) => m.agencyId));
    const stored = new Set(record.events.map((e) => e.id));
    if (stored.has(eventId)) return this.result(record, state, bookingId, { quorum, changed: false });

    if (!quorum.quorum.met)
      throw new InvalidInputError(quorum.message, [{ path: 'members', message: quorum.message }]);
    const { start, end, warnings } = this.times(input.start, input.end);
    warnings.push(...chairWarnings(input.chair, this.deps.policy));
    const members = this.members(input.members);
    const payload = {
      bookingId,
      start,
      end,
      members: members.map((m) => m.member),
      chair: {
        ...(input.chair.personId ? { personId: input.chair.personId } : {}),
        name: input.chair.name,
        organisation: input.chair.organisation,
        independent: input.chair.independent,
      },
      victimParticipation: input.victimParticipation,
      ...(input.location ? { location: input.location } : {}),
    };
    this.check(state, { id: eventId, type: 'panel-booked', payload }, by);

    const chair = this.chairPerson(input.chair);
    const attendees = dedupe([
      ...members.flatMap((m) => (m.person ? [m.person] : [])),
      ...(chair ? [chair] : []),
    ]);
    const meeting = this.meeting(state, reference, {
      bookingId,
      start,
      end,
      location: input.location,
      chair: input.chair,
      victimParticipation: input.victimParticipation,
      attendees,
      sequence: 0,
    });
    const booked = await this.deps.calendar.book(meeting);
    const fileId = booked.file
      ? await this.putCalendarFile(caseId, reference, by, bookingId, 0, booked.file)
      : undefined;
    await this.deps.service.recordEvents(
      caseId,
      [
        {
          id: eventId,
          type: 'panel-booked',
          payload: { ...payload, ...(booked.joinUrl ? { joinUrl: booked.joinUrl } : {}) },
        },
      ],
      by,
      {
        loaded: { record, state },
        bookings: [
          {
            bookingId,
            providerEventId: booked.providerEventId,
            transactionId: meeting.transactionId,
            start,
            end,
            status: 'booked',
          },
        ],
      },
    );
    return {
      bookingId,
      status: 'booked',
      start,
      end,
      ...(booked.joinUrl ? { joinUrl: booked.joinUrl } : {}),
      provider: this.deps.calendar.provider,
      providerEventId: booked.providerEventId,
      quorum,
      warnings,
      notInvited: members.filter((m) => !m.person).map((m) => m.member.name),
      ...(fileId ? { fileId } : {}),
      changed: true,
    };
  }

  /** Moves the booked meeting (and may change its place, members or chair): the same calendar event. */
  async reschedule(caseId: string, input: RescheduleInput, by: Person): Promise<BookingResult> {
    const { record, state, reference } = await this.load(caseId, by);
    const current = this.currentBooking(state);
    const eventId = stableUuid('panel-rescheduled', caseId, input.requestId);
    if (record.events.some((e) => e.id === eventId))
      return this.result(record, state, current.bookingId, { changed: false });

    const { start, end, warnings } = this.times(input.start, input.end);
    const members = input.members ? this.members(input.members) : undefined;
    const quorum = input.members ? this.quorumView(input.members.map((m) => m.agencyId)) : undefined;
    if (quorum && !quorum.quorum.met)
      throw new InvalidInputError(quorum.message, [{ path: 'members', message: quorum.message }]);
    const chairInput = input.chair ?? current.chair;
    if (input.chair) warnings.push(...chairWarnings(input.chair, this.deps.policy));
    const location = input.location ?? current.location;
    const victimParticipation = input.victimParticipation ?? current.victimParticipation;
    const payload = {
      bookingId: current.bookingId,
      start,
      end,
      members: members ? members.map((m) => m.member) : current.members,
      chair: {
        ...((chairInput as { personId?: string }).personId
          ? { personId: (chairInput as { personId?: string }).personId }
          : {}),
        name: chairInput.name,
        organisation: chairInput.organisation,
        independent: chairInput.independent,
      },
      victimParticipation,
      ...(location ? { location } : {}),
      ...(current.joinUrl ? { joinUrl: current.joinUrl } : {}),
    };
    this.check(state, { id: eventId, type: 'panel-booked', payload }, by);

    const saved = await this.booking(caseId, current.bookingId);
    const sequence = this.sequence(record, current.bookingId);
    // Graph keeps its invitation list when none is sent; an .ics must list everyone again.
    const attendees = members
      ? dedupe([
          ...members.flatMap((m) => (m.person ? [m.person] : [])),
          ...optional(this.chairPerson(chairInput)),
        ])
      : this.deps.calendar.provider === 'ics'
        ? this.directoryAttendees(current)
        : undefined;
    const meeting = this.meeting(state, reference, {
      bookingId: current.bookingId,
      start,
      end,
      location,
      chair: chairInput,
      victimParticipation,
      attendees,
      sequence,
    });
    const moved = await this.deps.calendar.reschedule(saved.providerEventId, meeting);
    const fileId = moved.file
      ? await this.putCalendarFile(caseId, reference, by, current.bookingId, sequence, moved.file)
      : undefined;
    const joinUrl = moved.joinUrl ?? current.joinUrl;
    await this.deps.service.recordEvents(
      caseId,
      [{ id: eventId, type: 'panel-booked', payload: { ...payload, ...(joinUrl ? { joinUrl } : {}) } }],
      by,
      { loaded: { record, state }, bookings: [{ ...recordOf(saved), start, end, status: 'booked' }] },
    );
    return {
      bookingId: current.bookingId,
      status: 'booked',
      start,
      end,
      ...(joinUrl ? { joinUrl } : {}),
      provider: this.deps.calendar.provider,
      providerEventId: saved.providerEventId,
      ...(quorum ? { quorum } : {}),
      warnings,
      notInvited: members ? members.filter((m) => !m.person).map((m) => m.member.name) : [],
      ...(fileId ? { fileId } : {}),
      changed: true,
    };
  }

  /** Cancels the booked meeting in the calendar, with the reason, and records the cancellation. */
  async cancel(caseId: string, input: CancelInput, by: Person): Promise<BookingResult> {
    const { record, state, reference } = await this.load(caseId, by);
    const eventId = stableUuid('panel-cancelled', caseId, input.requestId);
    if (record.events.some((e) => e.id === eventId) && state.panel)
      return this.result(record, state, state.panel.bookingId, { changed: false });
    const current = this.currentBooking(state);
    const payload = { bookingId: current.bookingId, reason: input.reason };
    this.check(state, { id: eventId, type: 'panel-cancelled', payload }, by);
    const saved = await this.booking(caseId, current.bookingId);
    const sequence = this.sequence(record, current.bookingId);
    const meeting = this.meeting(state, reference, {
      bookingId: current.bookingId,
      start: current.start,
      end: current.end,
      location: current.location,
      chair: current.chair,
      victimParticipation: current.victimParticipation,
      attendees: this.directoryAttendees(current),
      sequence,
    });
    const cancelled = await this.deps.calendar.cancel(saved.providerEventId, meeting, input.reason);
    const fileId = cancelled.file
      ? await this.putCalendarFile(caseId, reference, by, current.bookingId, sequence, cancelled.file)
      : undefined;
    await this.deps.service.recordEvents(caseId, [{ id: eventId, type: 'panel-cancelled', payload }], by, {
      loaded: { record, state },
      bookings: [{ ...recordOf(saved), status: 'cancelled' }],
    });
    return {
      bookingId: current.bookingId,
      status: 'cancelled',
      start: current.start,
      end: current.end,
      provider: this.deps.calendar.provider,
      providerEventId: saved.providerEventId,
      warnings: [],
      notInvited: [],
      ...(fileId ? { fileId } : {}),
      changed: true,
    };
  }

  /** The panel papers as one .docx kept with the case; a retry with the same requestId stores one file. */
  async papers(caseId: string, input: { requestId: string }, by: Person): Promise<PanelPapers> {
    const { state, reference } = await this.load(caseId, by);
    const today = londonDate(this.deps.now());
    const doc = composePanelPapers({ reference, state }, this.deps.policy, today);
    const name = `${reference} panel papers.docx`;
    const file = await this.deps.files.putFile(
      caseId,
      {
        fileId: stableUuid('panel-papers', caseId, input.requestId),
        kind: 'panel-papers',
        name,
        contentType: DOCX_TYPE,
        storedBy: by.id,
      },
      await renderDocx(doc),
    );
    const statuses = returnStatuses(state, this.deps.policy, today);
    const names = (list: typeof statuses) => list.map((s) => agencyName(this.deps.policy, s.agencyId));
    return {
      fileId: file.fileId,
      name: file.name,
      outstanding: names(statuses.filter((s) => s.outstanding)),
      late: names(statuses.filter((s) => s.late)),
    };
  }

  /** The latest .ics of the case's current (or last) booking, for the tab's download link. */
  async latestCalendarFile(
    caseId: string,
    by: Person,
  ): Promise<{ fileId: string; name: string } | undefined> {
    // Readable by whoever may open the .ics (the files route then applies the access policy).
    const loaded = await this.deps.service.load(caseId);
    if (!loaded || !this.deps.service.access(by, loaded.state))
      throw new NotFoundError(`There is no case ${caseId}.`);
    return this.calendarFile(loaded.record, loaded.state);
  }

  /** Files are found by their derived ids, newest version first (stored times can tie). */
  private async calendarFile(
    record: CaseRecord,
    state: CaseState,
  ): Promise<{ fileId: string; name: string } | undefined> {
    if (!state.panel) return undefined;
    for (let sequence = this.sequence(record, state.panel.bookingId); sequence >= 0; sequence--) {
      const found = await this.deps.files.getFile(this.icsFileId(state.panel.bookingId, sequence));
      if (found && found.file.caseId === record.projection.caseId)
        return { fileId: found.file.fileId, name: found.file.name };
    }
    return undefined;
  }

  private icsFileId(bookingId: string, sequence: number): string {
    return stableUuid('panel-ics', bookingId, String(sequence));
  }

  private async load(
    caseId: string,
    by: Person,
  ): Promise<{ record: CaseRecord; state: CaseState; reference: string }> {
    if (!isSpoc(by)) throw new ForbiddenError('Only a SPOC or manager arranges the panel.');
    const loaded = await this.deps.service.load(caseId);
    if (!loaded) throw new NotFoundError(`There is no case ${caseId}.`);
    return { ...loaded, reference: loaded.record.projection.reference };
  }

  private currentBooking(state: CaseState): PanelBooking {
    if (state.panel?.status !== 'booked')
      throw new InvalidInputError('No panel meeting is booked on this case.', [
        { path: 'bookingId', message: 'nothing booked' },
      ]);
    return state.panel;
  }

  /** Validates the times; warns (not refuses) about a meeting outside working hours or on a non-working day. */
  private times(startInput: string, endInput: string): { start: string; end: string; warnings: string[] } {
    const start = iso(startInput);
    const end = iso(endInput);
    if (end <= start)
      throw new InvalidInputError('The meeting must end after it starts.', [
        { path: 'end', message: 'must be after start' },
      ]);
    if (Date.parse(end) - Date.parse(start) > 8 * 3_600_000)
      throw new InvalidInputError('A panel meeting lasts at most 8 hours.', [
        { path: 'end', message: 'at most 8 hours after start' },
      ]);
    if (start < this.deps.now().toISOString())
      throw new InvalidInputError('The meeting must start in the future.', [
        { path: 'start', message: 'in the past' },
      ]);
    const warnings: string[] = [];
    const s = londonWallTime(start);
    const e = londonWallTime(end);
    try {
      if (!isWorkingDay(s.date)) warnings.push(`${s.date} is not a working day.`);
    } catch {
      warnings.push(`${s.date} is outside the bank holiday calendar; check it is a working day.`);
    }
    if (s.minutes < 9 * 60 || e.minutes > 17 * 60 || e.date !== s.date)
      warnings.push(
        `The meeting (${s.time} to ${e.time}, UK time) is outside working hours (09:00 to 17:00).`,
      );
    return { start, end, warnings };
  }

  private members(inputs: readonly MemberInput[]): { member: PanelMember; person?: CalendarPerson }[] {
    return inputs.map((m, i) => {
      const person = m.personId ? this.deps.directory.get(m.personId) : undefined;
      if (m.personId && !person)
        throw new InvalidInputError(`There is no person ${m.personId}.`, [
          { path: `members[${i}].personId`, message: 'unknown person' },
        ]);
      const email = m.email ?? person?.email;
      return {
        member: {
          ...(m.personId ? { personId: m.personId } : {}),
          name: m.name,
          agencyId: m.agencyId,
          role: m.role,
        },
        ...(email ? { person: { email, name: m.name } } : {}),
      };
    });
  }

  private chairPerson(chair: ChairInput | PanelBooking['chair']): CalendarPerson | undefined {
    const c = chair as ChairInput;
    const person = c.personId
      ? this.deps.directory.get(c.personId)
      : this.deps.directory.people.find((p) => p.name === chair.name);
    const email = c.email ?? person?.email;
    return email ? { email, name: chair.name } : undefined;
  }

  /** Invitees recoverable from the case alone (directory members and chair), for an .ics change. */
  private directoryAttendees(booking: PanelBooking): CalendarPerson[] {
    return dedupe([
      ...booking.members.flatMap((m) => {
        const email = m.personId ? this.deps.directory.get(m.personId)?.email : undefined;
        return email ? [{ email, name: m.name }] : [];
      }),
      ...optional(this.chairPerson(booking.chair)),
    ]);
  }

  private meeting(
    state: CaseState,
    reference: string,
    m: {
      bookingId: string;
      start: string;
      end: string;
      location?: string | undefined;
      chair: { name: string; organisation: string };
      victimParticipation: VictimChoice;
      attendees: CalendarPerson[] | undefined;
      sequence: number;
    },
  ): PanelMeetingDetails {
    const link = state.teamsChannel && this.deps.channelLink?.(state.teamsChannel);
    const victim: Record<VictimChoice, string> = {
      'attend-in-person': 'The victim will attend the start of the meeting in person.',
      'attend-online': 'The victim will join the start of the meeting online.',
      'impact-statement': 'The victim has sent an impact statement, to be read at the start.',
      'no-involvement': 'The victim will not take part.',
      undecided: 'The victim has not yet said whether they will take part.',
    };
    return {
      bookingId: m.bookingId,
      transactionId: `asb-panel-${m.bookingId}`,
      // The reference only: calendar entries are seen by delegates and in notifications.
      subject: `Case review panel: ${reference}`,
      body: [
        `ASB case review panel meeting for case ${reference}, chaired by ${m.chair.name} (${m.chair.organisation}).`,
        victim[m.victimParticipation],
        'The panel papers are shared in the case channel before the meeting. The case is confidential: please do not forward this invitation.',
      ].join('\n\n'),
      ...(link ? { link } : {}),
      start: m.start,
      end: m.end,
      ...(m.location ? { location: m.location } : {}),
      ...(m.attendees ? { attendees: m.attendees } : {}),
      sequence: m.sequence,
    };
  }

  /** How many versions of this booking have been sent: the next .ics SEQUENCE. */
  private sequence(record: CaseRecord, bookingId: string): number {
    return toCaseEvents(record.events).filter(
      (e) => e.type === 'panel-booked' && e.payload.bookingId === bookingId,
    ).length;
  }

  private check(state: CaseState, input: { id: string; type: string; payload: unknown }, by: Person): void {
    applyEvent(
      state,
      { ...input, actor: by.id, at: this.deps.now().toISOString() } as CaseEvent,
      this.deps.policy,
    );
  }

  /** The calendar's record of a booking, kept in the case log with the events that made it. */
  private async booking(
    caseId: string,
    bookingId: string,
  ): Promise<BookingRecord & { providerEventId: string }> {
    const found = (await this.deps.cases.caseBookings(caseId)).find((b) => b.bookingId === bookingId);
    if (!found?.providerEventId)
      throw new NotFoundError('The calendar record of this booking is missing; cancel it and book again.');
    return { ...found, providerEventId: found.providerEventId };
  }

  private async putCalendarFile(
    caseId: string,
    reference: string,
    by: Person,
    bookingId: string,
    sequence: number,
    file: CalendarFile,
  ): Promise<string> {
    const stored = await this.deps.files.putFile(
      caseId,
      {
        fileId: this.icsFileId(bookingId, sequence),
        kind: 'calendar',
        name: `${reference} ${file.name}`,
        contentType: file.contentType,
        storedBy: by.id,
      },
      file.bytes,
    );
    return stored.fileId;
  }

  /** The booking as recorded, for a retried request (nothing is sent or recorded again). */
  private async result(
    record: CaseRecord,
    state: CaseState,
    bookingId: string,
    extra: { quorum?: QuorumView; changed: boolean },
  ): Promise<BookingResult> {
    const saved = await this.booking(record.projection.caseId, bookingId);
    const p = state.panel!;
    const file = (await this.calendarFile(record, state))?.fileId;
    return {
      bookingId,
      status: p.status,
      start: p.start,
      end: p.end,
      ...(p.joinUrl ? { joinUrl: p.joinUrl } : {}),
      provider: this.deps.calendar.provider,
      providerEventId: saved.providerEventId,
      ...(extra.quorum ? { quorum: extra.quorum } : {}),
      warnings: [],
      notInvited: [],
      ...(file ? { fileId: file } : {}),
      changed: extra.changed,
    };
  }
}

function dedupe(people: CalendarPerson[]): CalendarPerson[] {
  const seen = new Set<string>();
  return people.filter((p) => {
    const key = p.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const optional = <T>(value: T | undefined): T[] => (value === undefined ? [] : [value]);

/** Outlook's idea of working hours is each mailbox's own; the policy's day is 09:00-17:00 London. */
function inWorkingHours(slot: Slot): boolean {
  const s = londonWallTime(slot.start);
  const e = londonWallTime(slot.end);
  return s.date === e.date && s.minutes >= 9 * 60 && e.minutes <= 17 * 60;
}

/** A stored booking as the next record of it (the port's record carries no case id). */
function recordOf(b: BookingRecord): Omit<BookingRecord, 'caseId'> {
  const { caseId: _caseId, ...rest } = b;
  return rest;
}
