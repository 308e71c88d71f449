import { z } from 'zod';
import { isIsoDate } from '../dates';
import { contactPreferences, partiesSchema } from './party-schema';
import { partnerEmailed, reminderSent } from './reminder-events';
import { documentAdded } from './document-events';
import { applicationSchema } from '../threshold/application-schema';
import { meetingNotedSchema } from './live-review';

/**
 * The events a case is made of. Each event records who did what and when; the case's state is derived
 * from them (reduce-case.ts). Business dates (`receivedOn`, `sentOn`, ...) are calendar dates the SPOC
 * states, because a letter posted yesterday is recorded today; `at` is the instant it was recorded.
 */

export const isoDate = z.string().refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD' });
const instant = z.iso.datetime({ offset: true });
const id = z.string().min(1).max(100);
const agencyId = z.string().min(1).max(40);
const text = (max: number) => z.string().trim().min(1).max(max);

export const applicationChannel = z.enum(['web-form', 'email', 'phone', 'letter', 'in-person', 'other']);

export { partySchema, contactMethodPreference, contactPreferences, partiesSchema } from './party-schema';

/** An earlier case for the same victim and address within the policy's period: flagged, never merged. */
export const possibleRepeat = z.strictObject({
  caseId: id,
  reference: z.string().min(1).max(40),
  receivedOn: isoDate,
});

const applicationReceived = z.strictObject({
  receivedOn: isoDate,
  channel: applicationChannel,
  application: applicationSchema,
  spoc: id,
  /** Agencies involved in the case: they receive return requests and see the case. */
  agencies: z.array(agencyId).max(30),
  parties: partiesSchema.optional(),
  /** A short description for lists; never the victim's name. */
  title: z.string().max(120).optional(),
  account: z.string().max(20_000).optional(),
  previousCase: z.string().max(40).optional(),
  materialChange: z.string().max(2000).optional(),
  source: z
    .strictObject({
      kind: z.enum(['tab', 'outlook', 'bot', 'public']),
      emailId: z.string().max(500).optional(),
    })
    .optional(),
  /** The online application's contact preferences (issue 17). */
  contact: contactPreferences.optional(),
  /** Earlier cases for the same victim and address, found when the application arrived. */
  possibleRepeatOf: z.array(possibleRepeat).max(20).optional(),
});

const acknowledged = z.strictObject({
  sentOn: isoDate,
  to: z.enum(['victim', 'third-party', 'both']),
  letterIds: z.array(id).optional(),
});

export const thresholdOutcome = z.enum(['met', 'not-met', 'ineligible']);
export const thresholdRoute = z.enum(['count', 'hate', 'community', 'override']);

/** How someone was told or contacted. */
export const contactMethod = z.enum(['phone', 'email', 'letter', 'in-person', 'other']);

const thresholdDecided = z.strictObject({
  decidedOn: isoDate,
  /**
   * When the applicant was told, if the SPOC had already told them (by phone, say) when recording the
   * decision. Never a default: the decision clock is met by this, the CT3/CT4 letter or `applicant-told`.
   */
  notifiedOn: isoDate.optional(),
  outcome: thresholdOutcome,
  route: thresholdRoute.optional(),
  /** The advisory result the SPOC saw, and whether they confirmed it. */
  advisedOutcome: thresholdOutcome,
  overrideReason: z.string().max(2000).optional(),
  reasons: z.array(z.string().max(1000)).max(200),
  decidedBy: id,
});

export const appealGround = z.enum([
  'threshold-wrongly-refused',
  'policy-not-considered',
  'facts-not-considered',
  'other',
]);

const thresholdReviewRequested = z.strictObject({
  appealId: id,
  receivedOn: isoDate,
  grounds: z.array(appealGround).min(1),
  detail: z.string().max(5000).optional(),
  /** Out of time requests are refused unless the SPOC accepts them with a reason. */
  acceptedOutOfTime: z.string().max(1000).optional(),
});

const returnsRequested = z.strictObject({
  requestedOn: isoDate,
  requests: z
    .array(z.strictObject({ requestId: id, agencyId }))
    .min(1)
    .max(30),
  incidentIds: z.array(id).max(200),
});

export const incidentReturn = z.strictObject({
  incidentId: id,
  holdsRecord: z.boolean(),
  reference: z.string().max(100).optional(),
  reportedOn: isoDate.optional(),
  actionTaken: z.string().max(4000).optional(),
});

const returnReceived = z.strictObject({
  requestId: id,
  agencyId,
  receivedOn: isoDate,
  incidents: z.array(incidentReturn).max(200),
  otherInformation: z.string().max(20_000).optional(),
  submittedBy: id,
});

export const victimChoice = z.enum([
  'attend-in-person',
  'attend-online',
  'impact-statement',
  'no-involvement',
  'undecided',
]);

const victimContacted = z.strictObject({
  contactedOn: isoDate,
  method: contactMethod,
  choice: victimChoice,
});

export const panelMember = z.strictObject({
  personId: id.optional(),
  name: text(200),
  agencyId,
  role: z.enum(['member', 'chair', 'minute-taker', 'adviser']),
});

/** The chair may come from outside the policy's agencies (a neighbouring authority: East Herts s.12). */
/** `personId` when the chair is in the directory: they see the case as a panel member. */
export const chairSchema = z.strictObject({
  personId: id.optional(),
  name: text(200),
  organisation: text(200),
  independent: z.boolean(),
});

const panelBooked = z.strictObject({
  bookingId: id,
  start: instant,
  end: instant,
  members: z.array(panelMember).min(1).max(40),
  chair: chairSchema,
  victimParticipation: victimChoice,
  location: z.string().max(500).optional(),
  joinUrl: z.url().optional(),
});

const panelCancelled = z.strictObject({ bookingId: id, reason: text(1000) });

export const recommendation = z.strictObject({ id, text: text(4000), ownerAgency: agencyId.optional() });
export const actionItem = z.strictObject({
  id,
  description: text(4000),
  ownerAgency: agencyId,
  /** Issue 15: the named person at the owning agency who sees it done (a name or role, as they sign). */
  ownerPerson: z.string().trim().min(1).max(200).optional(),
  dueOn: isoDate,
  status: z.enum(['open', 'in-progress', 'complete', 'dropped']),
});

const reviewHeld = z.strictObject({
  heldOn: isoDate,
  attendees: z.array(panelMember).min(1).max(40),
  victimParticipation: z.enum(['attended', 'impact-statement', 'none']),
  recommendations: z.array(recommendation).max(100),
  actions: z.array(actionItem).max(200),
  /** Who chaired, when not one of the attendees (an officer of a neighbouring authority). */
  chair: chairSchema.optional(),
});

const outcomeSent = z.strictObject({
  sentOn: isoDate,
  method: z.enum(['phone-and-letter', 'letter', 'email', 'other']),
  /** 2025 guidance: the victim is consulted on the action plan before it is final (before the outcome). */
  victimConsultedOn: isoDate.optional(),
  /** Why the victim was not consulted, when the policy asks for consultation and it did not happen. */
  notConsultedReason: z.string().trim().max(2000).optional(),
  letterIds: z.array(id).optional(),
});

const minutesCirculated = z.strictObject({ circulatedOn: isoDate });

const actionUpdated = z.strictObject({
  actionId: id,
  status: actionItem.shape.status,
  description: z.string().max(4000).optional(),
  ownerAgency: agencyId.optional(),
  ownerPerson: z.string().trim().min(1).max(200).optional(),
  dueOn: isoDate.optional(),
  note: z.string().max(4000).optional(),
});

const appealLodged = z.strictObject({
  appealId: id,
  receivedOn: isoDate,
  against: z.enum(['threshold-decision', 'review-outcome']),
  grounds: z.array(appealGround).min(1),
  detail: z.string().max(5000).optional(),
  /** An appeal after the policy's appeal window is refused unless the SPOC accepts it with a reason. */
  acceptedOutOfTime: z.string().max(1000).optional(),
});

const appealHeard = z.strictObject({ appealId: id, heardOn: isoDate, by: text(200) });

const appealDecided = z.strictObject({
  appealId: id,
  decidedOn: isoDate,
  /** Upheld: the applicant was right; the threshold is met, or the case goes back to review. */
  outcome: z.enum(['upheld', 'dismissed']),
  reasons: z.array(z.string().max(2000)).max(50),
  /** When the applicant was told, if already; otherwise the appeal decision letter or `applicant-told`. */
  notifiedOn: isoDate.optional(),
});

export const closureReason = z.enum([
  'actions-complete',
  'threshold-not-met',
  'ineligible',
  'withdrawn',
  'appeal-dismissed',
  'other',
]);

const caseClosed = z.strictObject({
  closedOn: isoDate,
  reason: closureReason,
  detail: z.string().max(4000).optional(),
  /** 2025 guidance: the victim is told when and why the case will close. */
  victimToldOn: isoDate.optional(),
  /** Why the victim was not told, when the policy asks for a closure notice and none was given. */
  victimNotToldReason: z.string().trim().max(2000).optional(),
  /**
   * The applicant's rights still open on the closing day (a review request, an appeal) stay open: a request
   * or appeal that arrives later reopens the case. Without this, or a waiver, the case cannot close then.
   */
  keepRightsOpen: z.boolean().optional(),
});

/** A right the applicant has after a decision: ask for a review of "not met" (CT3a), or appeal. */
export const applicantRight = z.enum(['threshold-review', 'appeal']);

/** The applicant gives up a right that is open now (recorded how, for the audit). */
const rightWaived = z.strictObject({
  right: applicantRight,
  waivedOn: isoDate,
  how: z.enum(['in-writing', 'email', 'phone', 'in-person', 'other']),
  note: z.string().max(2000).optional(),
});

/** A closed case opened again: by a review request or appeal received after closure, or by the SPOC. */
const caseReopened = z.strictObject({
  reopenedOn: isoDate,
  reason: text(2000),
  trigger: z
    .strictObject({ type: z.enum(['threshold-review-requested', 'appeal-lodged']), eventId: id })
    .optional(),
});

/** The applicant was told a decision by a recorded contact (a letter is recorded as `letter-issued`). */
const applicantTold = z.strictObject({
  about: z.enum(['threshold-decision', 'appeal-decision']),
  /** For an appeal decision: which appeal. */
  appealId: id.optional(),
  toldOn: isoDate,
  method: contactMethod,
});

const letterIssued = z.strictObject({
  letterId: id,
  kind: z.string().min(1).max(40),
  issuedOn: isoDate,
  fileId: id.optional(),
  /** For appeal letters: which appeal it is about. */
  appealId: id.optional(),
});

const channelCreated = z.strictObject({ channelId: z.string().min(1).max(300), name: text(50) });
const caseCardPosted = z.strictObject({
  channelId: z.string().min(1).max(300),
  activityId: z.string().max(300),
});
const noteAdded = z.strictObject({ text: text(10_000) });
/** The updates the victim (or the third party who applied) is sent through GOV.UK Notify (issue 17). */
export const victimMessageKind = z.enum([
  'acknowledgement',
  'threshold-decision',
  'meeting-invitation',
  'action-plan',
  'outcome',
  'appeal',
  'closure',
]);
export const messageChannel = z.enum(['email', 'sms', 'letter']);

/**
 * A message to the victim or applicant was handed over (to Notify, or local mode's outbox), or refused for
 * good (`not-sent`: Notify answered 400, say an address it cannot deliver to). `messageId` is ours and
 * stable, so a retry records it once.
 */
const victimNotified = z.strictObject({
  messageId: id,
  kind: victimMessageKind,
  recipient: z.enum(['victim', 'applicant']),
  channel: messageChannel,
  via: z.enum(['notify', 'local-outbox']),
  status: z.enum(['sending', 'not-sent']),
  notificationId: z.string().max(100).optional(),
  reason: z.string().max(500).optional(),
  sentOn: isoDate,
  /** The event the message is about. */
  about: id,
});

/** What Notify later said about a message (its delivery receipt). */
export const deliveryStatus = z.enum([
  'delivered',
  'permanent-failure',
  'temporary-failure',
  'technical-failure',
  'accepted',
  'received',
  'cancelled',
]);
const victimMessageStatus = z.strictObject({
  messageId: id,
  status: deliveryStatus,
  at: instant,
});

/** The victim's own answers through their link (issue 17): whether they will attend the panel. */
export const attendanceChoice = z.enum([
  'attend-in-person',
  'attend-online',
  'impact-statement',
  'no-involvement',
]);
const victimAttendanceAnswered = z.strictObject({
  answerId: id,
  answeredOn: isoDate,
  choice: attendanceChoice,
  note: z.string().trim().max(2000).optional(),
});

/** An impact statement for the panel: text, a document kept with the case, or both. */
const impactStatementReceived = z
  .strictObject({
    statementId: id,
    receivedOn: isoDate,
    text: z.string().trim().min(1).max(20_000).optional(),
    file: z
      .strictObject({
        fileId: id,
        name: z.string().min(1).max(200),
        contentType: z.string().min(1).max(200),
        size: z.int().min(1),
      })
      .optional(),
  })
  .refine((p) => p.text !== undefined || p.file !== undefined, {
    message: 'an impact statement needs its text or a document',
  });

/** The victim's comment on the draft action plan (2025 guidance: consulted before it is final). */
const actionPlanCommented = z.strictObject({
  commentId: id,
  receivedOn: isoDate,
  text: text(5000),
  actionId: id.optional(),
});

/**
 * Issue 15, a correction: the application (its dates, incidents, reports) or the contact details as they
 * should have been, whole, and why. The state takes the corrected values; the timeline keeps what changed.
 */
const applicationAmended = z
  .strictObject({
    reason: text(2000),
    application: applicationSchema.optional(),
    parties: partiesSchema.optional(),
    title: z.string().trim().max(120).optional(),
  })
  .refine((p) => p.application !== undefined || p.parties !== undefined || p.title !== undefined, {
    message: 'say what is corrected: the application, the contact details or the title',
  });

/** Written by the store (retention): a case on legal hold is never purged. */
const legalHold = z.object({ reason: z.string().max(2000) });

export const eventPayloads = {
  'application-received': applicationReceived,
  acknowledged,
  'threshold-decided': thresholdDecided,
  'threshold-review-requested': thresholdReviewRequested,
  'returns-requested': returnsRequested,
  'return-received': returnReceived,
  'victim-contacted': victimContacted,
  'panel-booked': panelBooked,
  'panel-cancelled': panelCancelled,
  'review-held': reviewHeld,
  'outcome-sent': outcomeSent,
  'minutes-circulated': minutesCirculated,
  'action-updated': actionUpdated,
  'appeal-lodged': appealLodged,
  'appeal-heard': appealHeard,
  'appeal-decided': appealDecided,
  'case-closed': caseClosed,
  'right-waived': rightWaived,
  'case-reopened': caseReopened,
  'applicant-told': applicantTold,
  'letter-issued': letterIssued,
  'channel-created': channelCreated,
  'case-card-posted': caseCardPosted,
  'note-added': noteAdded,
  'legal-hold-set': legalHold,
  'legal-hold-released': legalHold,
  'victim-notified': victimNotified,
  'victim-message-status': victimMessageStatus,
  'victim-attendance-answered': victimAttendanceAnswered,
  'impact-statement-received': impactStatementReceived,
  'action-plan-commented': actionPlanCommented,
  // Issue 16: what the chair notes as the review runs in the panel's meeting.
  'meeting-noted': meetingNotedSchema,
  'application-amended': applicationAmended,
  'reminder-sent': reminderSent,
  'partner-emailed': partnerEmailed,
  'document-added': documentAdded,
} as const;

export type EventType = keyof typeof eventPayloads;
export const eventTypes = Object.keys(eventPayloads) as EventType[];
export type PayloadOf<T extends EventType> = z.infer<(typeof eventPayloads)[T]>;

const envelope = <T extends EventType>(type: T) =>
  z.strictObject({
    id,
    type: z.literal(type),
    actor: id,
    at: instant,
    payload: eventPayloads[type],
  });

export const caseEventSchema = z.discriminatedUnion(
  'type',
  eventTypes.map((t) => envelope(t)) as unknown as [
    ReturnType<typeof envelope<EventType>>,
    ...ReturnType<typeof envelope<EventType>>[],
  ],
);

/** One event of a case: who (`actor`) did what (`type`, `payload`) when (`at`). */
export type CaseEvent = {
  [T in EventType]: { id: string; type: T; actor: string; at: string; payload: PayloadOf<T> };
}[EventType];
export type EventOf<T extends EventType> = Extract<CaseEvent, { type: T }>;

export type PanelMember = z.infer<typeof panelMember>;
export type { Party } from './party-schema';
export type ActionItem = z.infer<typeof actionItem>;
export type Recommendation = z.infer<typeof recommendation>;
export type IncidentReturn = z.infer<typeof incidentReturn>;
export type ClosureReason = z.infer<typeof closureReason>;
export type AppealGround = z.infer<typeof appealGround>;
export type VictimChoice = z.infer<typeof victimChoice>;
export type ApplicantRight = z.infer<typeof applicantRight>;
export type Chair = z.infer<typeof chairSchema>;
export type ContactPreferences = z.infer<typeof contactPreferences>;
export type PossibleRepeat = z.infer<typeof possibleRepeat>;
export type VictimMessageKind = z.infer<typeof victimMessageKind>;
export type MessageChannel = z.infer<typeof messageChannel>;
export type DeliveryStatus = z.infer<typeof deliveryStatus>;
export type AttendanceChoice = z.infer<typeof attendanceChoice>;
