/**
 * The public door's API (issue 17): what the SPOC's tab reads about an online application and the victim's
 * voice, and Notify's delivery receipt. Isomorphic: no Node imports.
 */
import { z } from 'zod';
import type { CaseListItem } from './contract';
import type { ContactPreferences, PossibleRepeat, VictimMessage, VictimVoice } from '../../shared';

/** A case on the SPOC's list; `online` marks a new online application, shown first. */
export type PinnedCaseListItem = CaseListItem & { online?: boolean };

export interface VictimVoiceView {
  caseId: string;
  reference: string;
  /** Received through the online form. */
  online: boolean;
  /** Officers only: how the victim wants to hear, their contact details, the messages sent, possible repeats. */
  contact?: ContactPreferences;
  parties?: {
    victim?: { name: string; address?: string; email?: string; phone?: string };
    applicant?: { name: string; address?: string; email?: string; phone?: string };
  };
  messages?: VictimMessage[];
  possibleRepeatOf?: PossibleRepeat[];
  /** Officers and the panel: what the victim said through their link. */
  voice: VictimVoice;
  /** Names for files the person may open (the statement documents). */
  canOpenFiles: boolean;
}

/** GOV.UK Notify's delivery receipt (API documentation, "Callbacks", Delivery receipts). */
export const notifyCallbackSchema = z.object({
  id: z.string().min(1).max(100),
  reference: z.string().max(200).nullable().optional(),
  to: z.string().max(400).optional(),
  status: z.string().min(1).max(40),
  created_at: z.string().max(40).optional(),
  completed_at: z.string().max(40).nullable().optional(),
  sent_at: z.string().max(40).nullable().optional(),
  notification_type: z.string().max(20).optional(),
  template_id: z.string().max(100).optional(),
  template_version: z.number().optional(),
});
export type NotifyCallback = z.infer<typeof notifyCallbackSchema>;
