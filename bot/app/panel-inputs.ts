/** What the SPOC sends to arrange the panel (the route files validate it with bot/api/panel.ts's schemas). */
import type { PanelMember, VictimChoice } from '../../shared';

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
