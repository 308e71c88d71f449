import type { Policy } from '../policy/policy-schema';
import { panelQuorum, type Quorum } from '../case/quorum';

/**
 * Partner agencies in other tenants publish no free/busy, so the SPOC offers slots and each invitee
 * answers. This tallies the answers and ranks the slots, best first.
 */

export type SlotAnswerValue = 'yes' | 'if-needed' | 'no';

export interface SlotAnswer {
  /** A stable id of who answered (a person id or an email); names are not needed here. */
  respondent: string;
  /** The respondent's agency, to see whether a slot can make the panel's quorum. */
  agencyId?: string;
  /** The offered slot's start, as offered (ISO instant). */
  slotStart: string;
  answer: SlotAnswerValue;
}

export interface SlotTally {
  slotStart: string;
  yes: string[];
  ifNeeded: string[];
  no: string[];
  /** Agencies with someone available (yes or if needed). */
  agencies: string[];
  /** With a policy: whether those agencies make the panel's quorum. */
  quorum?: Quorum;
}

/**
 * One tally per slot (the slots offered, if given, so a slot nobody answered still shows), ranked: slots
 * that make the quorum first, then fewest "no", most "yes", most "if needed", earliest. A respondent's
 * later answer for a slot replaces their earlier one.
 */
export function tallySlotAnswers(
  answers: readonly SlotAnswer[],
  options: { slots?: readonly string[]; policy?: Policy } = {},
): SlotTally[] {
  const latest = new Map<string, Map<string, SlotAnswer>>();
  for (const slot of options.slots ?? []) latest.set(slot, new Map());
  for (const a of answers) {
    if (options.slots && !latest.has(a.slotStart)) continue; // an answer to a slot never offered
    let bySlot = latest.get(a.slotStart);
    if (!bySlot) latest.set(a.slotStart, (bySlot = new Map()));
    bySlot.set(a.respondent, a);
  }
  const tallies = [...latest.entries()].map(([slotStart, bySlot]): SlotTally => {
    const all = [...bySlot.values()];
    const who = (v: SlotAnswerValue) =>
      all
        .filter((a) => a.answer === v)
        .map((a) => a.respondent)
        .sort();
    const agencies = [
      ...new Set(all.filter((a) => a.answer !== 'no' && a.agencyId).map((a) => a.agencyId!)),
    ].sort();
    return {
      slotStart,
      yes: who('yes'),
      ifNeeded: who('if-needed'),
      no: who('no'),
      agencies,
      ...(options.policy
        ? {
            quorum: panelQuorum(
              agencies.map((agencyId) => ({ agencyId })),
              options.policy,
            ),
          }
        : {}),
    };
  });
  const time = (s: string) => Date.parse(s);
  return tallies.sort(
    (a, b) =>
      Number(b.quorum?.met ?? false) - Number(a.quorum?.met ?? false) ||
      a.no.length - b.no.length ||
      b.yes.length - a.yes.length ||
      b.ifNeeded.length - a.ifNeeded.length ||
      time(a.slotStart) - time(b.slotStart) ||
      (a.slotStart < b.slotStart ? -1 : a.slotStart > b.slotStart ? 1 : 0),
  );
}
