/**
 * Candidate times for the panel, earliest first. People whose calendars the app can read are checked
 * (findMeetingTimes with the SPOC's delegated token when available, else getSchedule and our own free-slot
 * search); the rest are listed in `toAsk`: they answer the offered slots (tallySlotAnswers).
 */
import { addDays } from '../../shared';
import { freeSlots, londonWallTime, londonWallTimeToInstant, type Slot } from '../../shared/panel';
import type { PanelSlots } from '../api/contract';
import type { Calendar } from '../ports/calendar';
import type { Directory } from './directory';
import { InvalidInputError } from './errors';
import type { SlotsInput } from './panel-inputs';

export async function proposeSlots(
  deps: { directory: Directory; calendar: Calendar; now: () => Date },
  input: SlotsInput,
  userAssertion?: string,
): Promise<PanelSlots> {
  if (input.to < input.from)
    throw new InvalidInputError('The search ends before it starts.', [
      { path: 'to', message: 'must not be before from' },
    ]);
  const attendees = input.attendees.map((a, i) => {
    const person = a.personId ? deps.directory.get(a.personId) : undefined;
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
  const availability = emails.length ? await deps.calendar.availability(emails, rangeStart, rangeEnd) : [];
  const known = new Map(availability.map((a) => [a.email, a]));
  const limit = input.limit ?? 20;
  const now = deps.now().toISOString();

  let method: 'findMeetingTimes' | 'getSchedule' | 'working-hours' = availability.some((a) => a.known)
    ? 'getSchedule'
    : 'working-hours';
  let slots: Slot[] | undefined;
  const knownEmails = availability.filter((a) => a.known).map((a) => a.email);
  if (deps.calendar.suggestTimes && userAssertion && knownEmails.length) {
    try {
      slots = (
        await deps.calendar.suggestTimes(
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

/** Outlook's idea of working hours is each mailbox's own; the policy's day is 09:00-17:00 London. */
function inWorkingHours(slot: Slot): boolean {
  const s = londonWallTime(slot.start);
  const e = londonWallTime(slot.end);
  return s.date === e.date && s.minutes >= 9 * 60 && e.minutes <= 17 * 60;
}
