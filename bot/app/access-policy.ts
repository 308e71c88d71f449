/**
 * Who may see and do what: the one access policy. Every read path (the case view, its files, letters,
 * panel papers, statistics, the audit log, card invokes, bot commands, the partner page) asks here, so
 * the rules are in one place and one matrix test (test/security/access-matrix.test.ts) holds them.
 *
 * The people:
 * - officers (the SPOC and managers) see every case whole, contact details and every note included;
 * - an agency member sees the cases their agency is on: the summary, the incidents by date, their own
 *   agency's requests and returns, the recommendations and the action plan, the documents their agency
 *   added (issue 15); never the victim's or
 *   applicant's contact details, never a letter to them, never another agency's return; the case's
 *   notes, which the note dialog says the agencies see;
 * - a panel member (booked on the case's panel, its chair, or recorded at its review) also sees the
 *   panel papers and every agency's return when the policy lets the panel see them
 *   (`access.panelSeesAgencyReturns`), still without contact details;
 * - the chair of the booked panel runs its meeting (issue 16): notes it (`meeting-noted`) and records the
 *   review as held, as officers do; the meeting's notes are the panel's;
 * - anyone else learns nothing, not even that the case exists.
 */
import type { CaseState, DocumentAddedPayload, DocumentRecord, EventType, Policy } from '../../shared';
import type { Person } from '../api/contract';
import type { CaseFileKind } from '../store/case-files';

export const isOfficer = (p: Person): boolean => p.roles.includes('spoc') || p.roles.includes('manager');
export const isManager = (p: Person): boolean => p.roles.includes('manager');

/** What the person is to one case. */
export interface CaseAccess {
  person: Person;
  /** SPOC or manager: the whole case. */
  officer: boolean;
  /** Their agency is on the case. */
  agencyId?: string;
  /** Sits (or sat) on the case's panel. */
  panel: boolean;
  /** Whose returns they may read. */
  returns: 'all' | 'own';
  /** The victim's and applicant's names, addresses, phone numbers and email addresses. */
  contactDetails: boolean;
}

/** The panel of a case: members and chair of the current booking, and everyone recorded at a review. */
function onPanel(person: Person, state: Pick<CaseState, 'panel' | 'reviews'>): boolean {
  const panel = state.panel?.status === 'booked' ? state.panel : undefined;
  if (panel && (panel.chair.personId === person.id || panel.members.some((m) => m.personId === person.id)))
    return true;
  return state.reviews.some((r) => r.attendees.some((a) => a.personId === person.id));
}

/** How `person` stands to the case, or null when they may not know it exists. */
export function caseAccess(
  person: Person,
  state: Pick<CaseState, 'agencies' | 'panel' | 'reviews'>,
  policy: Pick<Policy, 'access'>,
): CaseAccess | null {
  if (isOfficer(person)) return { person, officer: true, panel: false, returns: 'all', contactDetails: true };
  const agencyId = person.agencyId && state.agencies.includes(person.agencyId) ? person.agencyId : undefined;
  const panel = onPanel(person, state);
  if (!agencyId && !panel) return null;
  return {
    person,
    officer: false,
    ...(agencyId ? { agencyId } : {}),
    panel,
    returns: panel && policy.access.panelSeesAgencyReturns ? 'all' : 'own',
    contactDetails: false,
  };
}

/**
 * What a file kind may be read by. A document added by hand (`document`) is read as its event says
 * (`documents`, the case's state): a file with no event yet (an upload cut short) is nobody's.
 */
export function canReadFile(
  access: CaseAccess,
  file: { kind: CaseFileKind; contentType: string; fileId?: string },
  documents?: readonly DocumentRecord[],
): boolean {
  if (file.kind === 'document') {
    const document = documents?.find((d) => d.fileId === file.fileId);
    return !!document && canReadDocument(access, document);
  }
  if (access.officer) return true;
  switch (file.kind) {
    // Letters to the victim or applicant carry their names and addresses; the application email too.
    case 'letter':
    case 'email':
      return false;
    // The panel papers hold every agency's return: for the panel, when the policy lets it see them.
    case 'panel-papers':
      return access.panel && access.returns === 'all';
    // Issue 16: the review's minutes (attendance, recommendations, the action plan) go to the panel.
    case 'minutes':
      return access.panel;
    // Issue 17: the victim's impact statement is for the panel.
    case 'victim-statement':
      return access.panel;
    // The meeting invitation (.ics) is for the panel.
    case 'calendar':
      return access.panel && file.contentType.startsWith('text/calendar');
    default:
      return false;
  }
}

/**
 * Issue 15: a document added by hand is the officers'; one an agency added is also that agency's; the
 * victim's own (diary sheets, impact statements) and any other an officer added reach the panel only
 * when the officer shared it with the panel.
 */
export function canReadDocument(
  access: CaseAccess,
  document: Pick<DocumentRecord, 'agencyId' | 'sharedWithPanel'>,
): boolean {
  if (access.officer) return true;
  if (document.agencyId && document.agencyId === access.agencyId) return true;
  return !!document.sharedWithPanel && access.panel;
}

/**
 * Issue 15: whether this person may add this document: an officer any; an agency member on the case one
 * for their own agency (never shared with the panel: that is the SPOC's call); nobody else. A reason when not.
 */
export function mayAddDocument(access: CaseAccess, payload: DocumentAddedPayload): string | undefined {
  if (access.officer) return payload.agencyId ? 'an officer adds a document for the council.' : undefined;
  if (!access.agencyId) return 'only the SPOC, a manager or an agency on the case can add a document.';
  if (payload.agencyId !== access.agencyId) return 'you can add a document only for your own agency.';
  if (payload.sharedWithPanel) return 'only the SPOC shares a document with the panel.';
  return undefined;
}

/** The case as this person may see it. Officers see it whole. */
export function visibleState(access: CaseAccess, state: CaseState): CaseState {
  if (access.officer) return state;
  const override = state.application.seniorManagerOverride;
  const visibleRequests =
    access.returns === 'all' ? state.requests : state.requests.filter((r) => r.agencyId === access.agencyId);
  const hiddenReturns = new Set(
    state.requests
      .filter((r) => !visibleRequests.includes(r))
      .flatMap((r) => r.returns.map((x) => x.eventId)),
  );
  // Issue 17: the victim's contact preferences and the messages sent to them are the officers'; what the
  // victim said through their link is for the officers and the panel.
  const {
    contact: _c,
    possibleRepeatOf: _r,
    messages: _m,
    victimVoice,
    parties: _p,
    notes,
    amendments,
    reminders,
    emails,
    liveReview,
    documents,
    ...shared
  } = state;
  // Issue 15: the documents this person may read, and nothing of the others, not even in the timeline.
  const ownDocuments = documents?.filter((d) => canReadDocument(access, d));
  // Issue 15: an agency sees the reminders sent to it, not the SPOC's or another agency's.
  const ownReminders = reminders?.filter((r) => r.to === 'agency' && r.agencyId === access.agencyId);
  // Emails to an agency's members outside Teams likewise: an agency sees those sent to it.
  const ownEmails = emails?.filter((m) => m.agencyId === access.agencyId);
  const hiddenSent = new Set([
    ...(reminders ?? []).filter((r) => !ownReminders?.includes(r)).map((r) => r.eventId),
    ...(emails ?? []).filter((m) => !ownEmails?.includes(m)).map((m) => m.eventId),
    ...(documents ?? []).filter((d) => !ownDocuments?.includes(d)).map((d) => d.eventId),
  ]);
  // Issue 15: contact details are the officers'; notes are part of the case record for everyone on it (the
  // note dialog says so); a correction shows what changed in the application, never in the contact details.
  const visibleAmendments = amendments?.map((a) => ({
    ...a,
    changes: a.changes.filter((c) => !c.field.startsWith('parties')),
  }));
  const hiddenTypes = new Set<EventType>(
    access.panel ? MESSAGE_EVENTS : [...MESSAGE_EVENTS, ...VOICE_EVENTS, ...MEETING_EVENTS],
  );
  return {
    ...shared,
    ...(access.panel && victimVoice ? { victimVoice } : {}),
    // Issue 16: the meeting's notes are the panel's until the review is recorded.
    ...(access.panel && liveReview ? { liveReview } : {}),
    ...(notes ? { notes } : {}),
    ...(ownReminders?.length ? { reminders: ownReminders } : {}),
    ...(ownEmails?.length ? { emails: ownEmails } : {}),
    ...(ownDocuments?.length ? { documents: ownDocuments } : {}),
    ...(visibleAmendments ? { amendments: visibleAmendments } : {}),
    application: {
      ...state.application,
      // Why a vulnerable victim needs a review is for the officers and the panel, not every agency.
      ...(override && !access.panel
        ? { seniorManagerOverride: { ...override, reason: 'Recorded by the council.' } }
        : {}),
    },
    requests: visibleRequests,
    // Another agency's return is not theirs to know of, not even that it came.
    timeline: state.timeline.filter(
      (t) => !hiddenReturns.has(t.eventId) && !hiddenTypes.has(t.type) && !hiddenSent.has(t.eventId),
    ),
  };
}

/** Issue 17: the messages sent to the victim, and what the victim said through their link. */
const MESSAGE_EVENTS: EventType[] = ['victim-notified', 'victim-message-status'];
const VOICE_EVENTS: EventType[] = [
  'victim-attendance-answered',
  'impact-statement-received',
  'action-plan-commented',
];

/** Issue 16: the notes taken in the panel's meeting. */
const MEETING_EVENTS: EventType[] = ['meeting-noted'];

/** Issue 16: the chair of the booked panel runs its meeting: notes it and records the review as held. */
export function chairs(access: CaseAccess, state: Pick<CaseState, 'panel'>): boolean {
  const panel = state.panel?.status === 'booked' ? state.panel : undefined;
  return !!panel?.chair.personId && panel.chair.personId === access.person.id;
}

/** Whether this person hears the victim's own voice (their answers, statements and comments): issue 17. */
export function hearsVictimVoice(access: CaseAccess): boolean {
  return access.officer || access.panel;
}

/** The agency filter a list query must carry for this person, or undefined when they see every case. */
export function agencyScope(person: Person): string | undefined {
  if (isOfficer(person)) return undefined;
  return person.agencyId ?? '__none__';
}

/** Events only the store or the server's own services write. */
const notByHand: EventType[] = [
  'legal-hold-set',
  'legal-hold-released',
  'application-received',
  // Issue 17: recorded by the victim's link and by GOV.UK Notify, never by hand.
  ...MESSAGE_EVENTS,
  ...VOICE_EVENTS,
  // Issue 15: recorded by the reminder sweep when a reminder has gone, and when a partner email has.
  'reminder-sent',
  'partner-emailed',
  // Issue 15: recorded with its file by the upload (case-documents.ts), never on its own.
  'document-added',
];

/** The event types this person may record on this case now (the rules then decide if the case allows it). */
export function recordableEvents(
  access: CaseAccess,
  state: CaseState,
  all: readonly EventType[],
): EventType[] {
  if (access.officer) return all.filter((t) => !notByHand.includes(t));
  const mine: EventType[] = ['note-added'];
  if (chairs(access, state)) mine.push('meeting-noted', 'review-held');
  const agencyId = access.agencyId;
  if (agencyId && state.requests.some((r) => r.agencyId === agencyId)) mine.push('return-received');
  if (agencyId && state.actions.some((a) => a.ownerAgency === agencyId)) mine.push('action-updated');
  return mine;
}

/** Legal holds are set and released by managers only, through their own action (with a reason). */
const HOLD_EVENTS: EventType[] = ['legal-hold-set', 'legal-hold-released'];

/** Whether this person may record an event of this type on this case (the rules then decide the rest). */
export function mayRecord(
  access: CaseAccess,
  state: CaseState,
  type: EventType,
  all: readonly EventType[],
): boolean {
  if (HOLD_EVENTS.includes(type)) return isManager(access.person);
  return recordableEvents(access, state, all).includes(type);
}

/** A payload-level check: an agency member records only their own agency's return and actions. */
export function ownsPayload(
  access: CaseAccess,
  state: CaseState,
  type: EventType,
  payload: unknown,
): string | undefined {
  if (access.officer) return undefined;
  const p = payload as { agencyId?: string; actionId?: string };
  if (type === 'return-received' && p.agencyId !== access.agencyId)
    return "you can record only your own agency's return.";
  if (
    type === 'action-updated' &&
    state.actions.find((a) => a.id === p.actionId)?.ownerAgency !== access.agencyId
  )
    return "you can update only your own agency's actions.";
  return undefined;
}

/** Things that are not about one case. */
export const may = {
  recordApplications: isOfficer,
  seeEveryCase: isOfficer,
  seeStatistics: isOfficer,
  seeOutbox: isOfficer,
  sendReminders: isOfficer,
  /** The access log: who looked at what. Managers only, as in the best case systems. */
  seeAccessLog: isManager,
  /** Legal holds, the retention sweep run by hand, subject access exports. */
  setLegalHold: isManager,
  runRetention: isManager,
  exportSubjectAccess: isManager,
} as const;
