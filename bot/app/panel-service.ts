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
  agencyName,
  applyEvent,
  londonDate,
  type CaseEvent,
  type CaseState,
  type PanelBooking,
  type Policy,
} from '../../shared';
import { chairWarnings } from '../../shared/panel';
import type { BookInput, CancelInput, RescheduleInput, SlotsInput } from './panel-inputs';
import type {
  BookingResult,
  PanelPapers,
  PanelPeople,
  PanelSlots,
  Person,
  QuorumView,
} from '../api/contract';
import { composePanelPapers, returnStatuses } from '../letters/panel-papers';
import { DOCX_TYPE, renderDocx } from '../letters/render-docx';
import { stableUuid } from './stable-uuid';
import type { Calendar, CalendarFile } from '../ports/calendar';
import type { CaseFiles } from '../store/case-files';
import type { CaseLog, CaseRecord, PanelBooking as BookingRecord } from '../store/case-log';
import { toCaseEvents } from './case-projector';
import {
  chairPerson,
  dedupe,
  directoryAttendees,
  meetingDetails,
  meetingTimes,
  optional,
  panelMembers,
  panelPeople,
} from './panel-invitation';
import { quorumView } from './panel-quorum-view';
import { proposeSlots } from './panel-slots';
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

export type {
  AttendeeInput,
  BookInput,
  CancelInput,
  ChairInput,
  MemberInput,
  RescheduleInput,
  SlotsInput,
} from './panel-inputs';
import { isOfficer } from './access-policy';

// The answers' shapes are the contract's (bot/api/panel.ts).
export type { BookingResult, PanelPapers, PanelSlots, QuorumView };

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
    return quorumView(this.deps.policy, agencyIds);
  }

  /** Who the SPOC can pick for the panel: agency members and panel people (chairs) from the directory; no emails. */
  async people(caseId: string, by: Person): Promise<PanelPeople> {
    await this.load(caseId, by);
    return panelPeople(this.deps.directory);
  }

  /**
   * Candidate times, earliest first (panel-slots.ts): calendars the app can read are checked; the rest are
   * listed in `toAsk`.
   */
  async proposeSlots(
    caseId: string,
    input: SlotsInput,
    by: Person,
    userAssertion?: string,
  ): Promise<PanelSlots> {
    await this.load(caseId, by);
    return proposeSlots(this.deps, input, userAssertion);
  }

  /** Books the panel meeting in the calendar and records it; a retry with the same requestId books once. */
  async book(caseId: string, input: BookInput, by: Person): Promise<BookingResult> {
    const { record, state, reference } = await this.load(caseId, by);
    const bookingId = stableUuid('panel-booking', caseId, input.requestId);
    const eventId = stableUuid('panel-booked', caseId, input.requestId);
    const quorum = quorumView(
      this.deps.policy,
      input.members.map((m) => m.agencyId),
    );
    const stored = new Set(record.events.map((e) => e.id));
    if (stored.has(eventId)) return this.result(record, state, bookingId, { quorum, changed: false });

    if (!quorum.quorum.met)
      throw new InvalidInputError(quorum.message, [{ path: 'members', message: quorum.message }]);
    const { start, end, warnings } = meetingTimes(input.start, input.end, this.deps.now());
    warnings.push(...chairWarnings(input.chair, this.deps.policy));
    const members = panelMembers(this.deps.directory, input.members);
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

    const chair = chairPerson(this.deps.directory, input.chair);
    const attendees = dedupe([
      ...members.flatMap((m) => (m.person ? [m.person] : [])),
      ...(chair ? [chair] : []),
    ]);
    const meeting = meetingDetails(this.deps.channelLink, state, reference, {
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

    const { start, end, warnings } = meetingTimes(input.start, input.end, this.deps.now());
    const members = input.members ? panelMembers(this.deps.directory, input.members) : undefined;
    const quorum = input.members
      ? quorumView(
          this.deps.policy,
          input.members.map((m) => m.agencyId),
        )
      : undefined;
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
          ...optional(chairPerson(this.deps.directory, chairInput)),
        ])
      : this.deps.calendar.provider === 'ics'
        ? directoryAttendees(this.deps.directory, current)
        : undefined;
    const meeting = meetingDetails(this.deps.channelLink, state, reference, {
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
    const meeting = meetingDetails(this.deps.channelLink, state, reference, {
      bookingId: current.bookingId,
      start: current.start,
      end: current.end,
      location: current.location,
      chair: current.chair,
      victimParticipation: current.victimParticipation,
      attendees: directoryAttendees(this.deps.directory, current),
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
    if (!isOfficer(by)) throw new ForbiddenError('Only a SPOC or manager arranges the panel.');
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

/** A stored booking as the next record of it (the port's record carries no case id). */
function recordOf(b: BookingRecord): Omit<BookingRecord, 'caseId'> {
  const { caseId: _caseId, ...rest } = b;
  return rest;
}
