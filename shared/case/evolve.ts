import type { IsoDate } from '../dates';
import type { CaseEvent, EventOf, EventType } from './case-events';
import { fieldChanges } from './field-changes';
import {
  currentDecision,
  currentReview,
  type CaseState,
  type CaseStatus,
  type VictimVoice,
} from './case-state';
import { foldNote, startLiveReview } from './live-review';

/**
 * The fold half of the case's decider (emmett's `evolve`): what an event does to the state, with no checks.
 * It never throws and never reads the policy, so a stored log stays readable whatever the policy says
 * later; every rule lives in `decide` (rules/), which runs before an event is stored. An event that no
 * longer fits (a return for a request that is not there) changes nothing but the timeline.
 */

/** The state after a case's first event, its application. */
export function initialState(event: EventOf<'application-received'>): CaseState {
  const p = event.payload;
  return {
    version: 1,
    status: 'received',
    receivedOn: p.receivedOn,
    receivedVia: p.channel,
    spoc: p.spoc,
    agencies: [...new Set(p.agencies)],
    application: p.application,
    ...(p.title ? { title: p.title } : {}),
    ...(p.previousCase ? { previousCase: p.previousCase } : {}),
    ...(p.contact ? { contact: p.contact } : {}),
    ...(p.parties ? { parties: p.parties } : {}),
    ...(p.possibleRepeatOf?.length ? { possibleRepeatOf: p.possibleRepeatOf } : {}),
    acknowledged: {},
    decisions: [],
    requests: [],
    reviews: [],
    actions: [],
    appeals: [],
    letters: [],
    waivers: [],
    reopenings: [],
    timeline: [{ eventId: event.id, type: event.type, at: event.at, actor: event.actor }],
  };
}

type Fold<T extends EventType> = (state: CaseState, event: EventOf<T>) => void;

const statusAfterDecision = (outcome: 'met' | 'not-met' | 'ineligible'): CaseStatus =>
  outcome === 'met' ? 'threshold-met' : outcome === 'not-met' ? 'threshold-not-met' : 'ineligible';

/** The letter that tells the applicant a decision: CT4 for "met", CT3 for "not met" or "ineligible". */
/**
 * An agency asked for a return, or given an action, is on the case: its members see the case as the
 * access policy lets an agency (bot/app/access-policy.ts), find it in their list and can act on what is
 * theirs.
 */
function involve(state: CaseState, agencyId: string): void {
  if (!state.agencies.includes(agencyId)) state.agencies.push(agencyId);
}

function tellsDecision(kind: string, outcome: 'met' | 'not-met' | 'ineligible'): boolean {
  return kind === (outcome === 'met' ? 'ct4' : 'ct3');
}

function toldOfDecision(state: CaseState, on: IsoDate): void {
  const decision = currentDecision(state);
  if (decision && !decision.notifiedOn && on >= decision.decidedOn) decision.notifiedOn = on;
}

function toldOfAppeal(state: CaseState, on: IsoDate, appealId: string | undefined): void {
  const appeal = appealId
    ? state.appeals.find((a) => a.appealId === appealId)
    : [...state.appeals].reverse().find((a) => a.decidedOn && !a.notifiedOn);
  if (appeal?.decidedOn && !appeal.notifiedOn && on >= appeal.decidedOn) appeal.notifiedOn = on;
}

const folds: { [T in EventType]: Fold<T> } = {
  'application-received'() {},

  acknowledged(state, e) {
    const { sentOn, to } = e.payload;
    if (to !== 'third-party') state.acknowledged.victim ??= sentOn;
    if (to !== 'victim') state.acknowledged.thirdParty ??= sentOn;
    state.acknowledgedOn ??= sentOn;
    if (state.status === 'received') state.status = 'acknowledged';
  },

  'threshold-decided'(state, e) {
    const p = e.payload;
    state.decisions.push({
      decidedOn: p.decidedOn,
      ...(p.notifiedOn ? { notifiedOn: p.notifiedOn } : {}),
      outcome: p.outcome,
      ...(p.route ? { route: p.route } : {}),
      overridden: p.outcome !== p.advisedOutcome,
      reasons: p.reasons,
      by: 'decision',
    });
    state.status = statusAfterDecision(p.outcome);
  },

  'applicant-told'(state, e) {
    const p = e.payload;
    if (p.about === 'threshold-decision') toldOfDecision(state, p.toldOn);
    else toldOfAppeal(state, p.toldOn, p.appealId);
  },

  'threshold-review-requested'(state, e) {
    const p = e.payload;
    state.appeals.push({
      appealId: p.appealId,
      kind: 'threshold-review',
      against: 'threshold-decision',
      receivedOn: p.receivedOn,
      grounds: p.grounds,
    });
    state.status = 'appeal';
  },

  'returns-requested'(state, e) {
    const p = e.payload;
    const incidentIds = p.incidentIds.length
      ? [...p.incidentIds]
      : state.application.incidents.map((i) => i.id);
    for (const r of p.requests) {
      state.requests.push({
        requestId: r.requestId,
        agencyId: r.agencyId,
        requestedOn: p.requestedOn,
        incidentIds,
        returns: [],
      });
      involve(state, r.agencyId);
    }
  },

  'return-received'(state, e) {
    const p = e.payload;
    state.requests
      .find((r) => r.requestId === p.requestId)
      ?.returns.push({
        eventId: e.id,
        receivedOn: p.receivedOn,
        incidents: p.incidents,
        ...(p.otherInformation ? { otherInformation: p.otherInformation } : {}),
        submittedBy: p.submittedBy,
      });
  },

  'victim-contacted'(state, e) {
    state.victimContact = { contactedOn: e.payload.contactedOn, choice: e.payload.choice };
  },

  'panel-booked'(state, e) {
    state.panel = { ...e.payload, status: 'booked' };
    state.status = 'panel-booked';
  },

  'panel-cancelled'(state, e) {
    if (state.panel?.bookingId !== e.payload.bookingId) return;
    state.panel.status = 'cancelled';
    if (state.status === 'panel-booked') state.status = 'threshold-met';
  },

  'review-held'(state, e) {
    const p = e.payload;
    state.reviews.push({
      heldOn: p.heldOn,
      attendees: p.attendees,
      victimParticipation: p.victimParticipation,
      recommendations: p.recommendations,
      ...(p.chair ? { chair: p.chair } : {}),
    });
    state.actions.push(...p.actions);
    for (const a of p.actions) involve(state, a.ownerAgency);
    state.status = 'review-held';
  },

  'outcome-sent'(state, e) {
    const p = e.payload;
    const review = currentReview(state);
    if (!review) return;
    review.outcomeSentOn = p.sentOn;
    if (p.victimConsultedOn) review.victimConsultedOn = p.victimConsultedOn;
    if (p.notConsultedReason) review.notConsultedReason = p.notConsultedReason;
    state.status = 'monitoring';
  },

  'minutes-circulated'(state, e) {
    const review = currentReview(state);
    if (review) review.minutesCirculatedOn = e.payload.circulatedOn;
  },

  'action-updated'(state, e) {
    const p = e.payload;
    if (p.ownerAgency) involve(state, p.ownerAgency);
    const action = state.actions.find((a) => a.id === p.actionId);
    if (action) {
      Object.assign(action, {
        status: p.status,
        ...(p.description ? { description: p.description } : {}),
        ...(p.ownerAgency ? { ownerAgency: p.ownerAgency } : {}),
        ...(p.ownerPerson ? { ownerPerson: p.ownerPerson } : {}),
        ...(p.dueOn ? { dueOn: p.dueOn } : {}),
      });
    } else if (p.description && p.ownerAgency && p.dueOn) {
      state.actions.push({
        id: p.actionId,
        description: p.description,
        ownerAgency: p.ownerAgency,
        ...(p.ownerPerson ? { ownerPerson: p.ownerPerson } : {}),
        dueOn: p.dueOn,
        status: p.status,
      });
    }
  },

  'appeal-lodged'(state, e) {
    const p = e.payload;
    state.appeals.push({
      appealId: p.appealId,
      kind: 'appeal',
      against: p.against,
      receivedOn: p.receivedOn,
      grounds: p.grounds,
    });
    state.status = 'appeal';
  },

  'appeal-heard'(state, e) {
    const appeal = state.appeals.find((a) => a.appealId === e.payload.appealId);
    if (appeal) appeal.heardOn = e.payload.heardOn;
  },

  'appeal-decided'(state, e) {
    const p = e.payload;
    const appeal = state.appeals.find((a) => a.appealId === p.appealId);
    if (!appeal) return;
    Object.assign(appeal, {
      heardOn: appeal.heardOn ?? p.decidedOn,
      decidedOn: p.decidedOn,
      outcome: p.outcome,
      ...(p.notifiedOn ? { notifiedOn: p.notifiedOn } : {}),
    });
    if (appeal.against === 'threshold-decision') {
      if (p.outcome === 'upheld') {
        state.decisions.push({
          decidedOn: p.decidedOn,
          ...(p.notifiedOn ? { notifiedOn: p.notifiedOn } : {}),
          outcome: 'met',
          route: 'override',
          overridden: true,
          reasons: p.reasons,
          by: 'appeal',
        });
        state.status = 'threshold-met';
      } else {
        state.status = currentDecision(state)?.outcome === 'ineligible' ? 'ineligible' : 'threshold-not-met';
      }
    } else if (p.outcome === 'upheld') {
      // Back to review: a new panel is booked and the review held again.
      if (state.panel) state.panel = { ...state.panel, status: 'cancelled' };
      state.status = 'threshold-met';
    } else {
      state.status = 'monitoring';
    }
  },

  'case-closed'(state, e) {
    const p = e.payload;
    if (state.status === 'closed') return;
    state.closed = {
      closedOn: p.closedOn,
      reason: p.reason,
      ...(p.victimToldOn ? { victimToldOn: p.victimToldOn } : {}),
      ...(p.victimNotToldReason ? { victimNotToldReason: p.victimNotToldReason } : {}),
      keepsRightsOpen: p.keepRightsOpen === true,
      statusBefore: state.status,
    };
    state.status = 'closed';
  },

  'right-waived'(state, e) {
    const p = e.payload;
    const of =
      p.right === 'threshold-review'
        ? currentDecision(state)?.decidedOn
        : currentReview(state)?.outcomeSentOn;
    if (of) state.waivers.push({ right: p.right, waivedOn: p.waivedOn, of });
  },

  'case-reopened'(state, e) {
    const closed = state.closed;
    if (!closed) return;
    state.reopenings.push({
      reopenedOn: e.payload.reopenedOn,
      closedOn: closed.closedOn,
      reason: e.payload.reason,
      eventId: e.id,
    });
    state.status = closed.statusBefore;
    delete state.closed;
  },

  'letter-issued'(state, e) {
    const p = e.payload;
    state.letters.push({
      letterId: p.letterId,
      kind: p.kind,
      issuedOn: p.issuedOn,
      ...(p.appealId ? { appealId: p.appealId } : {}),
    });
    // A duty to tell the applicant is met by the letter that tells them.
    const decision = currentDecision(state);
    if (decision && tellsDecision(p.kind, decision.outcome)) toldOfDecision(state, p.issuedOn);
    if (p.kind === 'appeal-decision') toldOfAppeal(state, p.issuedOn, p.appealId);
  },

  'channel-created'(state, e) {
    state.teamsChannel ??= { channelId: e.payload.channelId, name: e.payload.name };
  },

  'case-card-posted'(state, e) {
    if (state.teamsChannel) state.teamsChannel.cardActivityId = e.payload.activityId;
  },

  'note-added'(state, e) {
    (state.notes ??= []).push({ eventId: e.id, at: e.at, actor: e.actor, text: e.payload.text });
  },

  'document-added'(state, e) {
    const p = e.payload;
    // A file is added once; a second event naming it (never appended by the rules) changes nothing.
    if (state.documents?.some((d) => d.fileId === p.fileId)) return;
    (state.documents ??= []).push({
      eventId: e.id,
      fileId: p.fileId,
      kind: p.kind,
      name: p.name,
      ...(p.description ? { description: p.description } : {}),
      contentType: p.contentType,
      size: p.size,
      addedOn: p.addedOn,
      by: e.actor,
      ...(p.agencyId ? { agencyId: p.agencyId } : {}),
      ...(p.sharedWithPanel ? { sharedWithPanel: true } : {}),
    });
  },

  'partner-emailed'(state, e) {
    const p = e.payload;
    (state.emails ??= []).push({
      eventId: e.id,
      sentOn: p.sentOn,
      agencyId: p.agencyId,
      about: p.about,
      requestId: p.requestId,
    });
  },

  'reminder-sent'(state, e) {
    const p = e.payload;
    (state.reminders ??= []).push({
      eventId: e.id,
      sentOn: p.sentOn,
      label: p.label,
      kind: p.kind,
      to: p.to,
      ...(p.agencyId ? { agencyId: p.agencyId } : {}),
      via: p.via,
    });
  },

  'application-amended'(state, e) {
    const p = e.payload;
    const changes = [
      ...(p.application ? fieldChanges(state.application, p.application, 'application') : []),
      ...(p.parties ? fieldChanges(state.parties, p.parties, 'parties') : []),
      ...(p.title !== undefined ? fieldChanges(state.title, p.title || undefined, 'title') : []),
    ];
    if (p.application) {
      state.application = p.application;
      // The clocks run from the corrected date.
      state.receivedOn = p.application.receivedOn;
    }
    if (p.parties) state.parties = p.parties;
    if (p.title !== undefined) {
      if (p.title) state.title = p.title;
      else delete state.title;
    }
    (state.amendments ??= []).push({ eventId: e.id, at: e.at, actor: e.actor, reason: p.reason, changes });
  },
  'legal-hold-set'() {},
  'legal-hold-released'() {},

  'victim-notified'(state, e) {
    const p = e.payload;
    const messages = (state.messages ??= []);
    if (messages.some((m) => m.messageId === p.messageId)) return;
    messages.push({
      messageId: p.messageId,
      kind: p.kind,
      recipient: p.recipient,
      channel: p.channel,
      via: p.via,
      sentOn: p.sentOn,
      status: p.status,
      ...(p.reason ? { reason: p.reason } : {}),
      ...(p.notificationId ? { notificationId: p.notificationId } : {}),
    });
  },

  'victim-message-status'(state, e) {
    const message = state.messages?.find((m) => m.messageId === e.payload.messageId);
    if (!message || (message.statusAt && message.statusAt > e.payload.at)) return;
    message.status = e.payload.status;
    message.statusAt = e.payload.at;
  },

  'victim-attendance-answered'(state, e) {
    const p = e.payload;
    voiceOf(state).attendance = {
      choice: p.choice,
      answeredOn: p.answeredOn,
      ...(p.note ? { note: p.note } : {}),
    };
  },

  'impact-statement-received'(state, e) {
    const p = e.payload;
    voiceOf(state).statements.push({
      statementId: p.statementId,
      receivedOn: p.receivedOn,
      ...(p.text ? { text: p.text } : {}),
      ...(p.file ? { file: p.file } : {}),
    });
  },

  'action-plan-commented'(state, e) {
    const p = e.payload;
    voiceOf(state).comments.push({
      commentId: p.commentId,
      receivedOn: p.receivedOn,
      text: p.text,
      ...(p.actionId ? { actionId: p.actionId } : {}),
    });
  },

  'meeting-noted': noteMeeting,
};

/** Issue 16: a note from the meeting of the booked panel; a new booking starts a new live review. */
function noteMeeting(state: CaseState, e: EventOf<'meeting-noted'>): void {
  if (state.liveReview?.bookingId !== e.payload.bookingId)
    state.liveReview = startLiveReview(e.payload.bookingId, state.panel?.victimParticipation, e.at);
  foldNote(state.liveReview, e.payload, e.at);
}

function voiceOf(state: CaseState): VictimVoice {
  return (state.victimVoice ??= { statements: [], comments: [] });
}

/** Folds one event into `state` in place (the state belongs to the caller: reduceCase, applyEvent). */
export function evolveInPlace(state: CaseState, event: CaseEvent): CaseState {
  (folds[event.type] as Fold<EventType>)(state, event as never);
  state.version += 1;
  state.timeline.push({ eventId: event.id, type: event.type, at: event.at, actor: event.actor });
  return state;
}

export const cloneState = (state: CaseState): CaseState => JSON.parse(JSON.stringify(state)) as CaseState;

/** The state after `event`, without any check; `state` is unchanged. Replay and `applyEvent` use this. */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  return evolveInPlace(cloneState(state), event);
}
