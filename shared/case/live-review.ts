import { z } from 'zod';
import { isIsoDate } from '../dates';

/**
 * Issue 16: the case review run live inside the panel's Teams meeting. Each thing the chair (or the SPOC)
 * records as the meeting goes is one `meeting-noted` event on the case: who attends for which body, the
 * agenda part in hand, each recommendation and action as it is agreed, what is on the meeting stage. The
 * case log stays the one source of truth; ending the meeting records `review-held` from what was noted.
 */

const id = z.string().min(1).max(100);
const agencyId = z.string().min(1).max(40);
const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.string().refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD' });

/** The live agenda: the victim's part first when they attend (or sent a statement), then the agencies'. */
export const agendaParts = ['victim', 'agencies', 'actions'] as const;
export type AgendaPart = (typeof agendaParts)[number];

/** What the meeting stage shows: the agenda is for everyone; the action plan only after the victim's part. */
export const stageViews = ['agenda', 'action-plan'] as const;
export type StageView = (typeof stageViews)[number];

const booking = { bookingId: id };

export const meetingNotedSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('attendance'),
    ...booking,
    attendeeId: id,
    personId: id.optional(),
    name: text(200),
    agencyId,
    role: z.enum(['member', 'chair', 'minute-taker', 'adviser']),
    /** Joined (true) or left (false). */
    present: z.boolean(),
  }),
  z.strictObject({
    kind: z.literal('recommendation'),
    ...booking,
    itemId: id,
    text: text(4000),
    ownerAgency: agencyId.optional(),
  }),
  z.strictObject({
    kind: z.literal('action'),
    ...booking,
    itemId: id,
    description: text(4000),
    ownerAgency: agencyId,
    /** The person in the owner agency who will do it, as the panel named them. */
    ownerName: text(200).optional(),
    dueOn: isoDate,
  }),
  /** A recommendation or action noted by mistake. */
  z.strictObject({ kind: z.literal('withdrawn'), ...booking, itemId: id }),
  z.strictObject({ kind: z.literal('agenda'), ...booking, part: z.enum(agendaParts) }),
  z.strictObject({ kind: z.literal('stage'), ...booking, showing: z.enum(stageViews) }),
]);
export type MeetingNoted = z.infer<typeof meetingNotedSchema>;

export interface LiveAttendee {
  attendeeId: string;
  personId?: string;
  name: string;
  agencyId: string;
  role: 'member' | 'chair' | 'minute-taker' | 'adviser';
  /** In the meeting now. */
  present: boolean;
  /** Was in the meeting at some point: recorded as an attendee when the review ends. */
  attended: boolean;
}

export interface LiveAction {
  id: string;
  description: string;
  ownerAgency: string;
  ownerName?: string;
  dueOn: string;
}

/** The review as it is being run: folded from the booking's `meeting-noted` events. */
export interface LiveReview {
  bookingId: string;
  part: AgendaPart;
  stage: StageView;
  attendees: LiveAttendee[];
  recommendations: { id: string; text: string; ownerAgency?: string }[];
  actions: LiveAction[];
  /** When the last note was recorded (an instant). */
  changedAt: string;
}

type VictimChoice =
  'attend-in-person' | 'attend-online' | 'impact-statement' | 'no-involvement' | 'undecided';

/** Whether the meeting opens with the victim's part: they attend, or their statement is read. */
export function hasVictimPart(choice: VictimChoice | undefined): boolean {
  return choice === 'attend-in-person' || choice === 'attend-online' || choice === 'impact-statement';
}

/** The agenda of the meeting, in order, for a victim's choice. */
export function agendaFor(choice: VictimChoice | undefined): AgendaPart[] {
  return hasVictimPart(choice) ? [...agendaParts] : ['agencies', 'actions'];
}

export const agendaTitles: Record<AgendaPart, string> = {
  victim: "The victim's part",
  agencies: "The agencies' part: returns and discussion",
  actions: 'Recommendations and the action plan',
};

/** An empty live review for a booking, starting at the first part of its agenda. */
export function startLiveReview(bookingId: string, choice: VictimChoice | undefined, at: string): LiveReview {
  return {
    bookingId,
    part: agendaFor(choice)[0]!,
    stage: 'agenda',
    attendees: [],
    recommendations: [],
    actions: [],
    changedAt: at,
  };
}

/** Folds one note into a live review in place (no checks: the rules ran before it was stored). */
export function foldNote(review: LiveReview, note: MeetingNoted, at: string): void {
  review.changedAt = at;
  switch (note.kind) {
    case 'attendance': {
      const { kind: _k, bookingId: _b, ...attendee } = note;
      const i = review.attendees.findIndex((a) => a.attendeeId === note.attendeeId);
      const attended = note.present || (i >= 0 && review.attendees[i]!.attended);
      if (i >= 0) review.attendees[i] = { ...attendee, attended };
      else review.attendees.push({ ...attendee, attended });
      break;
    }
    case 'recommendation':
      upsert(review.recommendations, {
        id: note.itemId,
        text: note.text,
        ...(note.ownerAgency ? { ownerAgency: note.ownerAgency } : {}),
      });
      break;
    case 'action':
      upsert(review.actions, {
        id: note.itemId,
        description: note.description,
        ownerAgency: note.ownerAgency,
        ...(note.ownerName ? { ownerName: note.ownerName } : {}),
        dueOn: note.dueOn,
      });
      break;
    case 'withdrawn':
      review.recommendations = review.recommendations.filter((r) => r.id !== note.itemId);
      review.actions = review.actions.filter((a) => a.id !== note.itemId);
      break;
    case 'agenda':
      review.part = note.part;
      // Moving back to the victim's part takes the action plan off the stage (the victim may be there).
      if (note.part === 'victim') review.stage = 'agenda';
      break;
    case 'stage':
      review.stage = note.showing;
      break;
  }
}

function upsert<T extends { id: string }>(list: T[], item: T): void {
  const i = list.findIndex((x) => x.id === item.id);
  if (i >= 0) list[i] = item;
  else list.push(item);
}

/** Who attended (at any point), as panel members: what `review-held` records. */
export function attendedMembers(review: LiveReview) {
  return membersOf(review.attendees.filter((a) => a.attended));
}

/** Who is in the meeting now, as panel members: the live quorum check. */
export function presentMembers(review: LiveReview) {
  return membersOf(review.attendees.filter((a) => a.present));
}

function membersOf(attendees: LiveAttendee[]) {
  return attendees.map((a) => ({
    ...(a.personId ? { personId: a.personId } : {}),
    name: a.name,
    agencyId: a.agencyId,
    role: a.role,
  }));
}

/**
 * The `review-held` payload from what was noted in the meeting: who attended, the recommendations and the
 * actions as agreed (each open), the booking's chair, and the victim's part as the victim chose it.
 */
export function reviewHeldFromLive(
  review: LiveReview,
  panel: {
    victimParticipation: VictimChoice;
    chair: { personId?: string; name: string; organisation: string; independent: boolean };
  },
  heldOn: string,
) {
  const choice = panel.victimParticipation;
  return {
    heldOn,
    attendees: attendedMembers(review),
    victimParticipation:
      choice === 'attend-in-person' || choice === 'attend-online'
        ? ('attended' as const)
        : choice === 'impact-statement'
          ? ('impact-statement' as const)
          : ('none' as const),
    recommendations: review.recommendations.map((r) => ({ ...r })),
    // The lead person noted in the meeting is the action's named owner (issue 15's `ownerPerson`).
    actions: review.actions.map((a) => ({
      id: a.id,
      description: a.description,
      ownerAgency: a.ownerAgency,
      ...(a.ownerName ? { ownerPerson: a.ownerName.slice(0, 200) } : {}),
      dueOn: a.dueOn,
      status: 'open' as const,
    })),
    chair: { ...panel.chair },
  };
}
