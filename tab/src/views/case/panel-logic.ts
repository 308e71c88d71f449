import type { CaseDetail } from '../../../../bot/api/contract';
import {
  addDays,
  agencyName,
  chairWarnings,
  londonWallTime,
  panelQuorum,
  quorumBodyIds,
  type PanelMember,
  type Policy,
  type Quorum,
  type VictimChoice,
} from '../../../../shared';
import type { BookingResult, BookPanelBody, PanelSlotsBody } from '../../api/client';
import { formatDate, londonInstant, londonParts } from '../../lib/format';
import type { CaseContext } from './events/event-spec';

/**
 * The panel section's form and what it sends: members proposed from the policy's agencies, the quorum, the
 * chair and the policy's warnings about them, the slot search, and the booking body. Pure.
 */

export interface MemberRow {
  key: string;
  name: string;
  agencyId: string;
  role: PanelMember['role'];
  /** For the invitation only; never stored with the case. */
  email: string;
  personId?: string;
}

export interface PanelForm {
  date: string;
  startTime: string;
  endTime: string;
  members: MemberRow[];
  chairName: string;
  chairOrganisation: string;
  chairIndependent: boolean;
  chairEmail: string;
  victimParticipation: VictimChoice;
  location: string;
}

export interface Problem {
  path: string;
  message: string;
}

export const roleLabels: Record<PanelMember['role'], string> = {
  member: 'Member',
  chair: 'Chair',
  'minute-taker': 'Minute taker',
  adviser: 'Adviser',
};

export const durationOptions = [60, 90, 120, 180] as const;

/**
 * The form to book (or, with a booking, to reschedule): the booking as it stands; after a cancellation, the
 * same people without the time; else one member per agency on the case (relevant bodies first, as they
 * make the quorum). The victim's choice is the one recorded last.
 */
export function initialPanelForm(
  state: Pick<CaseDetail['state'], 'panel' | 'agencies' | 'victimContact'>,
  policy: Policy,
  newKey: () => string,
): PanelForm {
  const previous = state.panel;
  if (previous) {
    const booked = previous.status === 'booked';
    const start = booked ? londonParts(previous.start) : undefined;
    const end = booked ? londonParts(previous.end) : undefined;
    return {
      date: start?.date ?? '',
      startTime: start?.time ?? '',
      endTime: end?.time ?? '',
      members: previous.members.map((m) => ({
        key: newKey(),
        name: m.name,
        agencyId: m.agencyId,
        role: m.role,
        email: '',
        ...(m.personId ? { personId: m.personId } : {}),
      })),
      chairName: previous.chair.name,
      chairOrganisation: previous.chair.organisation,
      chairIndependent: previous.chair.independent,
      chairEmail: '',
      victimParticipation: booked
        ? previous.victimParticipation
        : (state.victimContact?.choice ?? previous.victimParticipation),
      location: previous.location ?? '',
    };
  }
  const counted = new Set(quorumBodyIds(policy));
  const agencies = [...state.agencies].sort((a, b) => Number(counted.has(b)) - Number(counted.has(a)));
  return {
    date: '',
    startTime: '',
    endTime: '',
    members: agencies.map((agencyId) => blankMember(newKey(), agencyId)),
    chairName: '',
    chairOrganisation: '',
    chairIndependent: policy.panel.chair !== 'council-manager',
    chairEmail: '',
    victimParticipation: state.victimContact?.choice ?? 'undecided',
    location: '',
  };
}

export function blankMember(key: string, agencyId = ''): MemberRow {
  return { key, name: '', agencyId, role: 'member', email: '' };
}

/** The quorum of the members with an agency chosen (the shared rule the server applies). */
export function quorumOf(rows: readonly Pick<MemberRow, 'agencyId'>[], policy: Policy): Quorum {
  return panelQuorum(
    rows.filter((r) => r.agencyId),
    policy,
  );
}

/** The bodies that make up the panel (the policy's list) not yet on it: the ones to add for a quorum. */
export function missingBodies(
  rows: readonly Pick<MemberRow, 'agencyId'>[],
  policy: Policy,
): { id: string; name: string }[] {
  const present = new Set(rows.map((r) => r.agencyId));
  return quorumBodyIds(policy)
    .filter((id) => !present.has(id))
    .map((id) => ({ id, name: agencyName(policy, id) }));
}

/** The policy's warnings about the chair (never a refusal), as the server gives them when booking. */
export function chairAdvice(
  form: Pick<PanelForm, 'chairName' | 'chairOrganisation' | 'chairIndependent'>,
  policy: Policy,
): string[] {
  if (!form.chairName.trim() || !form.chairOrganisation.trim()) return [];
  return chairWarnings(
    {
      name: form.chairName.trim(),
      organisation: form.chairOrganisation.trim(),
      independent: form.chairIndependent,
    },
    policy,
  );
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Problems the form can see before asking the server, by the paths the server uses. */
export function panelProblems(form: PanelForm, policy: Policy, options: { needTime: boolean }): Problem[] {
  const out: Problem[] = [];
  if (options.needTime) {
    if (!londonInstant(form.date, form.startTime))
      out.push({ path: 'start', message: 'Choose a proposed time, or enter the date and start time.' });
    if (!londonInstant(form.date, form.endTime)) out.push({ path: 'end', message: 'Enter the end time.' });
    else if (form.endTime <= form.startTime)
      out.push({ path: 'end', message: 'The panel must end after it starts.' });
  }
  if (form.members.length === 0) out.push({ path: 'members', message: 'Add the panel members.' });
  form.members.forEach((m, i) => {
    if (!m.name.trim()) out.push({ path: `members[${i}].name`, message: 'Enter the name.' });
    if (!m.agencyId) out.push({ path: `members[${i}].agencyId`, message: 'Choose the agency.' });
    if (m.email.trim() && !EMAIL.test(m.email.trim()))
      out.push({
        path: `members[${i}].email`,
        message: 'Enter an email address like name@agency.gov.uk, or leave it blank.',
      });
  });
  const q = quorumOf(form.members, policy);
  if (form.members.length > 0 && !q.met)
    out.push({
      path: 'members',
      message: `The panel needs at least ${q.required} distinct relevant bodies; it has ${q.bodies.length}.`,
    });
  if (!form.chairName.trim()) out.push({ path: 'chair.name', message: "Enter the chair's name." });
  if (!form.chairOrganisation.trim())
    out.push({ path: 'chair.organisation', message: "Enter the chair's organisation." });
  if (form.chairEmail.trim() && !EMAIL.test(form.chairEmail.trim()))
    out.push({ path: 'chair.email', message: 'Enter an email address, or leave it blank.' });
  return out;
}

const trimmedOpt = <K extends string>(key: K, value: string) =>
  (value.trim() ? { [key]: value.trim() } : {}) as Partial<Record<K, string>>;

/** The members and chair as the panel routes take them. */
export function membersBody(form: Pick<PanelForm, 'members'>): BookPanelBody['members'] {
  return form.members.map((m) => ({
    ...(m.personId ? { personId: m.personId } : {}),
    name: m.name.trim(),
    agencyId: m.agencyId,
    role: m.role,
    ...trimmedOpt('email', m.email),
  }));
}

export function chairBody(form: PanelForm): BookPanelBody['chair'] {
  return {
    name: form.chairName.trim(),
    organisation: form.chairOrganisation.trim(),
    independent: form.chairIndependent,
    ...trimmedOpt('email', form.chairEmail),
  };
}

/** POST .../panel/book (and, the same fields, .../panel/reschedule). */
export function bookingBody(form: PanelForm, requestId: string): BookPanelBody {
  return {
    requestId,
    start: londonInstant(form.date, form.startTime) ?? '',
    end: londonInstant(form.date, form.endTime) ?? '',
    members: membersBody(form),
    chair: chairBody(form),
    victimParticipation: form.victimParticipation,
    ...trimmedOpt('location', form.location),
  };
}

/**
 * The slot search: from today for two weeks, for everyone on the panel and the chair; slots on the hour,
 * so the twenty offered reach over several days.
 */
export function slotSearchBody(
  form: PanelForm,
  search: { from: string; to: string; durationMinutes: number },
): PanelSlotsBody {
  const attendees: PanelSlotsBody['attendees'] = form.members
    .filter((m) => m.name.trim() || m.email.trim())
    .map((m) => ({
      ...trimmedOpt('name', m.name),
      ...trimmedOpt('email', m.email),
      ...(m.agencyId ? { agencyId: m.agencyId } : {}),
      ...(m.personId ? { personId: m.personId } : {}),
    }));
  if (form.chairName.trim() || form.chairEmail.trim())
    attendees.push({ ...trimmedOpt('name', form.chairName), ...trimmedOpt('email', form.chairEmail) });
  return {
    from: search.from,
    to: search.to,
    durationMinutes: search.durationMinutes,
    attendees,
    stepMinutes: 60,
    limit: 20,
  };
}

export function defaultSearch(today: string): { from: string; to: string; durationMinutes: number } {
  return { from: today, to: addDays(today, 14), durationMinutes: 90 };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function weekday(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return WEEKDAYS[d.getUTCDay()] ?? '';
}

/** A slot (UTC instants) in UK time: "Wed 11 Mar 2026, 09:00 to 10:30". */
export function formatSlot(slot: { start: string; end: string }): string {
  const s = londonWallTime(slot.start);
  const e = londonWallTime(slot.end);
  const day = `${weekday(s.date)} ${formatDate(s.date, 'short')}`;
  return s.date === e.date
    ? `${day}, ${s.time} to ${e.time}`
    : `${day}, ${s.time} to ${weekday(e.date)} ${formatDate(e.date, 'short')}, ${e.time}`;
}

/** The date and times a slot puts into the form. */
export function slotToForm(slot: {
  start: string;
  end: string;
}): Pick<PanelForm, 'date' | 'startTime' | 'endTime'> {
  const s = londonWallTime(slot.start);
  const e = londonWallTime(slot.end);
  return { date: s.date, startTime: s.time, endTime: e.time };
}

/** Whether the form's date and times are this slot. */
export function isChosenSlot(
  form: Pick<PanelForm, 'date' | 'startTime' | 'endTime'>,
  slot: { start: string; end: string },
): boolean {
  const f = slotToForm(slot);
  return f.date === form.date && f.startTime === form.startTime && f.endTime === form.endTime;
}

/** What the policy asks of the chair, in a sentence. */
export const chairPreference: Record<string, string> = {
  'independent-neighbouring-authority':
    'The policy asks for an independent chair from a neighbouring authority where possible.',
  independent: 'The policy asks for an independent chair.',
  'council-manager': 'The policy has a council manager chair the panel.',
};

/** A panel dialog: what it is about, and what to do with the calendar's answer (announce it, reload). */
export interface PanelDialogProps {
  ctx: CaseContext;
  onDone: (result: BookingResult, message: string) => Promise<void>;
}
