import { z } from 'zod';
import { isoDate, panelMember, victimChoice, type Quorum, type Slot } from '../../shared';

/**
 * The panel: the quorum, free times, booking, rescheduling, cancelling, the papers and the .ics
 * (bot/server/panel-routes.ts).
 */

const instant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);

/** A panel member: a person from the directory (personId) or anyone by email; `email` is never stored in the case. */
export const panelMemberInput = panelMember.extend({ email: z.email().optional() });

export const chairInput = z.strictObject({
  personId: z.string().min(1).max(100).optional(),
  name: text(200),
  organisation: text(200),
  independent: z.boolean(),
  email: z.email().optional(),
});

export const panelQuorumQuery = z.strictObject({ agencies: z.string().max(1000).default('') });

export const panelSlotsSchema = z.strictObject({
  /** London calendar dates, inclusive; at most 62 days. */
  from: isoDate,
  to: isoDate,
  durationMinutes: z.int().min(15).max(480),
  attendees: z
    .array(
      z
        .strictObject({
          personId: z.string().min(1).max(100).optional(),
          email: z.email().optional(),
          name: z.string().max(200).optional(),
          agencyId: z.string().min(1).max(40).optional(),
        })
        .refine((a) => a.personId || a.email || a.name, 'give a personId, an email or a name'),
    )
    .max(40),
  stepMinutes: z.union([z.literal(15), z.literal(30), z.literal(60)]).optional(),
  limit: z.int().min(1).max(100).optional(),
});
export type PanelSlotsBody = z.input<typeof panelSlotsSchema>;

export const bookPanelSchema = z.strictObject({
  requestId: z.uuid(),
  start: instant,
  end: instant,
  members: z.array(panelMemberInput).min(1).max(40),
  chair: chairInput,
  victimParticipation: victimChoice,
  location: z.string().trim().min(1).max(500).optional(),
});
export type BookPanelBody = z.input<typeof bookPanelSchema>;

export const reschedulePanelSchema = z.strictObject({
  requestId: z.uuid(),
  start: instant,
  end: instant,
  location: z.string().trim().min(1).max(500).optional(),
  members: z.array(panelMemberInput).min(1).max(40).optional(),
  chair: chairInput.optional(),
  victimParticipation: victimChoice.optional(),
});
export type ReschedulePanelBody = z.input<typeof reschedulePanelSchema>;

export const cancelPanelSchema = z.strictObject({ requestId: z.uuid(), reason: text(1000) });
export type CancelPanelBody = z.input<typeof cancelPanelSchema>;

export const panelPapersSchema = z.strictObject({ requestId: z.uuid() });

/** Issue 15: the people the SPOC can pick for the panel (the directory's agency members and panel people). */
export interface PanelPeople {
  people: {
    id: string;
    name: string;
    /** Their agency, when they sit for one; none for an independent chair. */
    agencyId?: string;
    /** The directory has their email, so the invitation reaches them without typing it. */
    invited: boolean;
  }[];
}

export interface QuorumView {
  quorum: Quorum;
  bodies: { id: string; name: string }[];
  others: { id: string; name: string }[];
  /** Ids the policy does not know. */
  unknown: string[];
  message: string;
}

/** Free times for the panel, and whose calendars could not be read (they are asked instead). */
export interface PanelSlots {
  method: 'findMeetingTimes' | 'getSchedule' | 'working-hours';
  durationMinutes: number;
  slots: Slot[];
  attendees: { label: string; agencyId?: string; availability: 'no-email' | 'known' | 'unknown' }[];
  toAsk: string[];
}

export interface BookingResult {
  bookingId: string;
  status: 'booked' | 'cancelled';
  start: string;
  end: string;
  joinUrl?: string;
  /** The calendar that holds the meeting: Graph (Microsoft 365) or an .ics file (local mode). */
  provider: 'graph' | 'ics';
  providerEventId: string;
  quorum?: QuorumView;
  warnings: string[];
  /** Members who could not be invited (no email address): tell them another way. */
  notInvited: string[];
  /** The .ics stored with the case (local mode). */
  fileId?: string;
  /** False when this request had been handled already (a retry). */
  changed: boolean;
}

/** The panel papers (.docx kept with the case) and the returns still missing or late. */
export interface PanelPapers {
  fileId: string;
  name: string;
  outstanding: string[];
  late: string[];
}
