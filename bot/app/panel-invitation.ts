/**
 * What goes in the panel's invitation: the times checked (with warnings, not refusals, outside working
 * hours), the members and chair as calendar attendees, and the meeting's subject and body (the case's
 * reference only: calendar entries are seen by delegates and in notifications).
 */
import {
  isWorkingDay,
  type CaseState,
  type PanelBooking,
  type PanelMember,
  type VictimChoice,
} from '../../shared';
import { londonWallTime } from '../../shared/panel';
import type { PanelPeople } from '../api/contract';
import type { CalendarPerson, PanelMeetingDetails } from '../ports/calendar';
import type { Directory } from './directory';
import { InvalidInputError } from './errors';
import type { ChairInput, MemberInput } from './panel-inputs';

const iso = (s: string) => new Date(s).toISOString();

/** Validates the times; warns (not refuses) about a meeting outside working hours or on a non-working day. */
export function meetingTimes(
  startInput: string,
  endInput: string,
  now: Date,
): { start: string; end: string; warnings: string[] } {
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
  if (start < now.toISOString())
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
    warnings.push(`The meeting (${s.time} to ${e.time}, UK time) is outside working hours (09:00 to 17:00).`);
  return { start, end, warnings };
}

export function panelMembers(
  directory: Directory,
  inputs: readonly MemberInput[],
): { member: PanelMember; person?: CalendarPerson }[] {
  return inputs.map((m, i) => {
    const person = m.personId ? directory.get(m.personId) : undefined;
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

export function chairPerson(
  directory: Directory,
  chair: ChairInput | PanelBooking['chair'],
): CalendarPerson | undefined {
  const c = chair as ChairInput;
  const person = c.personId ? directory.get(c.personId) : directory.people.find((p) => p.name === chair.name);
  const email = c.email ?? person?.email;
  return email ? { email, name: chair.name } : undefined;
}

/** Invitees recoverable from the case alone (directory members and chair), for an .ics change. */
export function directoryAttendees(directory: Directory, booking: PanelBooking): CalendarPerson[] {
  return dedupe([
    ...booking.members.flatMap((m) => {
      const email = m.personId ? directory.get(m.personId)?.email : undefined;
      return email ? [{ email, name: m.name }] : [];
    }),
    ...optional(chairPerson(directory, booking.chair)),
  ]);
}

export function meetingDetails(
  channelLink: ((channel: { channelId: string; name: string }) => string) | undefined,
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
  const link = state.teamsChannel && channelLink?.(state.teamsChannel);
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

export function dedupe(people: CalendarPerson[]): CalendarPerson[] {
  const seen = new Set<string>();
  return people.filter((p) => {
    const key = p.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const optional = <T>(value: T | undefined): T[] => (value === undefined ? [] : [value]);

/** Who can be picked for the panel: agency members and panel people (chairs) from the directory; no emails. */
export function panelPeople(directory: Directory): PanelPeople {
  return {
    people: directory.people
      .filter((p) => p.agencyId || p.roles.includes('panel'))
      .map((p) => ({
        id: p.id,
        name: p.name,
        ...(p.agencyId ? { agencyId: p.agencyId } : {}),
        invited: !!p.email,
      })),
  };
}
