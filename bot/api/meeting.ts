import { z } from 'zod';
import {
  agendaParts,
  isoDate,
  stageViews,
  type AgendaPart,
  type StageView,
  type ThresholdOutcome,
} from '../../shared';

/**
 * Issue 16: the case review run in the panel's Teams meeting (bot/server/meeting-routes.ts): each member's
 * side panel, the chair's notes as the meeting goes, the meeting stage, and the end of the meeting.
 */

const id = z.string().min(1).max(100);
const text = (max: number) => z.string().trim().min(1).max(max);

/** One thing noted in the meeting; `requestId` makes a retry note it once. The booking is the case's own. */
export const meetingNoteSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    requestId: z.uuid(),
    kind: z.literal('attendance'),
    /** A person in the directory, or a name and body for someone who is not. */
    personId: id.optional(),
    name: text(200).optional(),
    agencyId: z.string().min(1).max(40),
    role: z.enum(['member', 'chair', 'minute-taker', 'adviser']).default('member'),
    present: z.boolean(),
  }),
  z.strictObject({
    requestId: z.uuid(),
    kind: z.literal('recommendation'),
    text: text(4000),
    ownerAgency: z.string().min(1).max(40).optional(),
  }),
  z.strictObject({
    requestId: z.uuid(),
    kind: z.literal('action'),
    description: text(4000),
    ownerAgency: z.string().min(1).max(40),
    ownerName: text(200).optional(),
    dueOn: isoDate,
  }),
  z.strictObject({ requestId: z.uuid(), kind: z.literal('withdrawn'), itemId: id }),
  z.strictObject({ requestId: z.uuid(), kind: z.literal('agenda'), part: z.enum(agendaParts) }),
  z.strictObject({ requestId: z.uuid(), kind: z.literal('stage'), showing: z.enum(stageViews) }),
]);
export type MeetingNoteBody = z.input<typeof meetingNoteSchema>;

export const meetingEndSchema = z.strictObject({ requestId: z.uuid() });

export interface AgendaItem {
  part: AgendaPart;
  title: string;
  current: boolean;
}

/** What one member's side panel shows: the case as the access policy lets them see it, and the live review. */
export interface MeetingView {
  caseId: string;
  reference: string;
  version: number;
  status: string;
  meeting: {
    bookingId: string;
    start: string;
    end: string;
    chair: string;
    victimParticipation: string;
    joinUrl?: string;
  };
  agenda: AgendaItem[];
  stage: StageView;
  summary: {
    receivedOn: string;
    incidents: number;
    agencies: { id: string; name: string }[];
    /** The threshold decision in force: its outcome and the day it was made. */
    decision?: { outcome: ThresholdOutcome; decidedOn: string };
  };
  returns: {
    agencyId: string;
    agency: string;
    receivedOn?: string;
    incidents: number;
    otherInformation?: string;
  }[];
  /** The victim's statements (text), for the panel. */
  victimStatements: { receivedOn: string; text?: string; file?: string }[];
  timeline: { at: string; what: string; by: string }[];
  attendees: {
    attendeeId: string;
    personId?: string;
    name: string;
    agencyId: string;
    agency: string;
    present: boolean;
  }[];
  quorum: { met: boolean; message: string };
  recommendations: { id: string; text: string; owner?: string }[];
  actions: { id: string; description: string; owner: string; ownerName?: string; dueOn: string }[];
  /** The review was recorded as held: the minutes and the outcome draft are with the case. */
  held?: { heldOn: string; minutesFileId?: string };
  can: { run: boolean };
}

/** What the meeting stage shows to everyone in the meeting: the agenda, or the action plan once shared. */
export interface StageContent {
  showing: StageView;
  /** The reference, for people who may see the case; none for a victim or guest. */
  reference?: string;
  agenda: AgendaItem[];
  actionPlan?: { description: string; owner: string; dueOn: string }[];
  /** Said instead of the action plan to someone who may not see it. */
  note?: string;
}

export interface MeetingEnded {
  heldOn: string;
  minutes: { fileId: string; name: string };
  alreadyRecorded: boolean;
}
