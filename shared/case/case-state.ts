import type { LiveReview } from './live-review';
import type { DocumentKind } from './document-events';
import type { IsoDate } from '../dates';
import type { Application } from '../threshold/application-schema';
import type {
  ActionItem,
  AttendanceChoice,
  ContactPreferences,
  DeliveryStatus,
  MessageChannel,
  PossibleRepeat,
  VictimMessageKind,
  ApplicantRight,
  AppealGround,
  Chair,
  ClosureReason,
  EventType,
  IncidentReturn,
  PanelMember,
  Party,
  Recommendation,
  VictimChoice,
} from './case-events';

/** Where a case stands; lists filter on it. */
export type CaseStatus =
  | 'received'
  | 'acknowledged'
  | 'threshold-not-met'
  | 'ineligible'
  | 'threshold-met'
  | 'panel-booked'
  | 'review-held'
  | 'monitoring'
  | 'appeal'
  | 'closed';

export const caseStatuses: readonly CaseStatus[] = [
  'received',
  'acknowledged',
  'threshold-not-met',
  'ineligible',
  'threshold-met',
  'panel-booked',
  'review-held',
  'monitoring',
  'appeal',
  'closed',
];

export interface ThresholdDecision {
  decidedOn: IsoDate;
  /** When the applicant was told: stated with the decision, the CT3/CT4 letter, or a recorded contact. */
  notifiedOn?: IsoDate;
  outcome: 'met' | 'not-met' | 'ineligible';
  route?: 'count' | 'hate' | 'community' | 'override';
  /** The SPOC departed from the advisory result. */
  overridden: boolean;
  reasons: string[];
  /** How the decision was reached: first decision, or a review or appeal that changed it. */
  by: 'decision' | 'appeal';
}

export interface AgencyReturn {
  eventId: string;
  receivedOn: IsoDate;
  incidents: IncidentReturn[];
  otherInformation?: string;
  submittedBy: string;
}

export interface AgencyRequest {
  requestId: string;
  agencyId: string;
  requestedOn: IsoDate;
  /** The incidents the agency was asked about (all of them when the request named none). */
  incidentIds: string[];
  /** Every return received, oldest first; the last one is current (an agency may correct its return). */
  returns: AgencyReturn[];
}

export interface PanelBooking {
  bookingId: string;
  start: string;
  end: string;
  members: PanelMember[];
  chair: { personId?: string; name: string; organisation: string; independent: boolean };
  victimParticipation: VictimChoice;
  location?: string;
  joinUrl?: string;
  status: 'booked' | 'cancelled';
}

export interface ReviewRecord {
  heldOn: IsoDate;
  attendees: PanelMember[];
  victimParticipation: 'attended' | 'impact-statement' | 'none';
  recommendations: Recommendation[];
  /** Who chaired, when recorded apart from the attendees (a neighbouring authority's officer). */
  chair?: Chair;
  outcomeSentOn?: IsoDate;
  victimConsultedOn?: IsoDate;
  /** Why the victim was not consulted on the action plan (the 2025 guidance duty, when not met). */
  notConsultedReason?: string;
  minutesCirculatedOn?: IsoDate;
}

export interface Appeal {
  appealId: string;
  kind: 'threshold-review' | 'appeal';
  against: 'threshold-decision' | 'review-outcome';
  receivedOn: IsoDate;
  grounds: AppealGround[];
  heardOn?: IsoDate;
  decidedOn?: IsoDate;
  outcome?: 'upheld' | 'dismissed';
  notifiedOn?: IsoDate;
}

export interface Closure {
  closedOn: IsoDate;
  reason: ClosureReason;
  victimToldOn?: IsoDate;
  victimNotToldReason?: string;
  /** The closure kept the applicant's open rights open: a later request or appeal reopens the case. */
  keepsRightsOpen: boolean;
  /** Where the case stood before it closed: a reopened case goes back there. */
  statusBefore: Exclude<CaseStatus, 'closed'>;
}

export interface Waiver {
  right: ApplicantRight;
  waivedOn: IsoDate;
  /** The decision (decided on) or outcome (sent on) whose right was waived. */
  of: IsoDate;
}

export interface Reopening {
  reopenedOn: IsoDate;
  /** When the case had closed. */
  closedOn: IsoDate;
  reason: string;
  eventId: string;
}

/** A note on the case (issue 15), read back to everyone who may see the case. */
export interface CaseNote {
  eventId: string;
  at: string;
  actor: string;
  text: string;
}

/** One field a correction changed, as it was and as it is (`''` when there was, or is, none). */
export interface FieldChange {
  /** The field's path, e.g. `parties.victim.phone` or `incidents.2.date`. */
  field: string;
  before: string;
  after: string;
}

/** A correction (issue 15): who made it, when, why, and what changed. */
export interface Amendment {
  eventId: string;
  at: string;
  actor: string;
  reason: string;
  changes: FieldChange[];
}

/** A reminder the app sent (issue 15): about which duty, to whom (a role and agency), how. */
export interface ReminderRecord {
  eventId: string;
  sentOn: IsoDate;
  label: string;
  kind: 'due-tomorrow' | 'due-today' | 'overdue' | 'upcoming';
  to: 'spoc' | 'agency';
  agencyId?: string;
  via: ('teams' | 'email')[];
}

/** Issue 15: an email the app sent an agency (its members outside Teams). */
export interface PartnerEmailRecord {
  eventId: string;
  sentOn: IsoDate;
  agencyId: string;
  about: 'return-request';
  requestId: string;
}

/** Issue 15: a document added to the case by hand; who may read it follows from `agencyId` and `sharedWithPanel`. */
export interface DocumentRecord {
  eventId: string;
  fileId: string;
  kind: DocumentKind;
  name: string;
  description?: string;
  contentType: string;
  size: number;
  addedOn: IsoDate;
  /** Who added it (the event's actor). */
  by: string;
  agencyId?: string;
  sharedWithPanel?: boolean;
}

export interface TimelineEntry {
  eventId: string;
  type: EventType;
  at: string;
  actor: string;
}

/** A message to the victim or applicant (issue 17), and what became of it. */
export interface VictimMessage {
  messageId: string;
  kind: VictimMessageKind;
  recipient: 'victim' | 'applicant';
  channel: MessageChannel;
  via: 'notify' | 'local-outbox';
  sentOn: IsoDate;
  /** `sending` until a delivery receipt says otherwise; `not-sent` when Notify refused it. */
  status: 'sending' | 'not-sent' | DeliveryStatus;
  reason?: string;
  notificationId?: string;
  /** When the status last changed (the receipt's time). */
  statusAt?: string;
}

/** What the victim said through their link (issue 17): for the SPOC and the panel. */
export interface VictimVoice {
  attendance?: { choice: AttendanceChoice; answeredOn: IsoDate; note?: string };
  statements: {
    statementId: string;
    receivedOn: IsoDate;
    text?: string;
    file?: { fileId: string; name: string; contentType: string; size: number };
  }[];
  comments: { commentId: string; receivedOn: IsoDate; text: string; actionId?: string }[];
}

export interface CaseState {
  version: number;
  status: CaseStatus;
  receivedOn: IsoDate;
  receivedVia: string;
  spoc: string;
  agencies: string[];
  application: Application;
  title?: string;
  previousCase?: string;
  /** When the application was first acknowledged (to anyone). */
  acknowledgedOn?: IsoDate;
  /** Who has been acknowledged, and when: CT1 to the victim, CT2 to a third party who applied. */
  acknowledged: { victim?: IsoDate; thirdParty?: IsoDate };
  /** Every threshold decision, oldest first; the last is in force. */
  decisions: ThresholdDecision[];
  requests: AgencyRequest[];
  victimContact?: { contactedOn: IsoDate; choice: VictimChoice };
  panel?: PanelBooking;
  /** Every review held, oldest first (an upheld appeal sends the case back to review). */
  reviews: ReviewRecord[];
  actions: ActionItem[];
  appeals: Appeal[];
  letters: { letterId: string; kind: string; issuedOn: IsoDate; appealId?: string }[];
  teamsChannel?: { channelId: string; name: string; cardActivityId?: string };
  /** Present while the case is closed. */
  closed?: Closure;
  /** Rights the applicant gave up, for the audit and the closure rule. */
  waivers: Waiver[];
  /** Every time a closed case was opened again, oldest first. */
  reopenings: Reopening[];
  timeline: TimelineEntry[];
  /** The online application's contact preferences (officers only). */
  contact?: ContactPreferences;
  /** The victim's and applicant's contact details (officers only): issue 15. */
  parties?: { victim: Party; applicant?: Party };
  /** Notes, oldest first (everyone on the case: the note dialog says so): issue 15. */
  notes?: CaseNote[];
  /** Corrections, oldest first, each with what changed: issue 15. */
  amendments?: Amendment[];
  /** Reminders sent, oldest first (officers; an agency sees its own): issue 15. */
  reminders?: ReminderRecord[];
  /** Emails sent to agencies' members outside Teams (officers; an agency sees its own): issue 15. */
  emails?: PartnerEmailRecord[];
  /** Documents added by hand, oldest first (each person sees those the access policy lets them): issue 15. */
  documents?: DocumentRecord[];
  /** Earlier cases for the same victim and address, flagged when the application arrived (officers only). */
  possibleRepeatOf?: PossibleRepeat[];
  /** Messages to the victim or applicant, oldest first (officers only). */
  messages?: VictimMessage[];
  /** What the victim said through their link (officers, and the panel). */
  victimVoice?: VictimVoice;
  /** Issue 16: the review as it is run in the panel's meeting (officers and the panel). */
  liveReview?: LiveReview;
}

export function currentDecision(state: CaseState): ThresholdDecision | undefined {
  return state.decisions[state.decisions.length - 1];
}

export function currentReview(state: CaseState): ReviewRecord | undefined {
  return state.reviews[state.reviews.length - 1];
}

export function openAppeals(state: CaseState): Appeal[] {
  return state.appeals.filter((a) => !a.decidedOn);
}

export function openActions(state: CaseState): ActionItem[] {
  return state.actions.filter((a) => a.status === 'open' || a.status === 'in-progress');
}
