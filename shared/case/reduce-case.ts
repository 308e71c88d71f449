import { londonDate, type IsoDate } from '../dates';
import type { Policy } from '../policy/policy-schema';
import { agencyName } from '../policy/policy';
import { windowEnd } from '../policy/windows';
import type { CaseEvent, EventOf, EventType } from './case-events';
import { currentDecision, currentReview, openActions, openAppeals, type CaseState } from './case-state';
import { panelQuorum } from './quorum';

/** An event the case's current state does not allow; `reason` is written for the SPOC. */
export class TransitionError extends Error {
  constructor(
    readonly eventType: EventType | string,
    readonly reason: string,
  ) {
    super(`Cannot record "${eventType}": ${reason}`);
    this.name = 'TransitionError';
  }
}

/**
 * `strict` is false when replaying stored events: they were checked when recorded, and a later change to
 * the policy (an agency removed, a window shortened) must not make an old case unreadable.
 */
type Handler<T extends EventType> = (
  state: CaseState,
  event: EventOf<T>,
  policy: Policy,
  strict: boolean,
) => void;

const fail = (event: CaseEvent, reason: string): never => {
  throw new TransitionError(event.type, reason);
};

/** Business dates may be in the past (a letter posted yesterday) but never after the day of recording. */
function noFutureDates(event: CaseEvent, dates: (IsoDate | undefined)[]): void {
  const today = londonDate(event.at);
  for (const d of dates)
    if (d && d > today) fail(event, `the date ${d} is after the day it was recorded (${today}).`);
}

function notBefore(event: CaseEvent, date: IsoDate, earliest: IsoDate, what: string): void {
  if (date < earliest) fail(event, `the date ${date} is before ${what} (${earliest}).`);
}

function knownAgency(event: CaseEvent, policy: Policy, agencyId: string, strict = true): void {
  if (strict && !policy.agencies.some((a) => a.id === agencyId))
    fail(event, `"${agencyId}" is not one of the agencies in the policy "${policy.id}".`);
}

function requireMet(state: CaseState, event: CaseEvent, doing: string): void {
  if (currentDecision(state)?.outcome !== 'met')
    fail(event, `${doing} needs the threshold to be met first; this case is "${state.status}".`);
}

function requireNoOpenAppeal(state: CaseState, event: CaseEvent): void {
  const open = openAppeals(state)[0];
  if (open) fail(event, `the ${open.kind} received on ${open.receivedOn} is still open; decide it first.`);
}

const handlers: { [T in EventType]: Handler<T> } = {
  'application-received': (_s, e) => fail(e, 'the case already has its application.'),

  acknowledged(state, e) {
    noFutureDates(e, [e.payload.sentOn]);
    notBefore(e, e.payload.sentOn, state.receivedOn, 'the application was received');
    if (state.acknowledgedOn) fail(e, `the application was already acknowledged on ${state.acknowledgedOn}.`);
    state.acknowledgedOn = e.payload.sentOn;
    if (state.status === 'received') state.status = 'acknowledged';
  },

  'threshold-decided'(state, e) {
    const p = e.payload;
    noFutureDates(e, [p.decidedOn, p.notifiedOn]);
    notBefore(e, p.decidedOn, state.receivedOn, 'the application was received');
    notBefore(e, p.notifiedOn, p.decidedOn, 'the decision');
    const existing = currentDecision(state);
    if (existing)
      fail(
        e,
        `the threshold was already decided on ${existing.decidedOn} (${existing.outcome}); a change goes through a review of the decision or an appeal.`,
      );
    if (p.outcome === 'met' && !p.route)
      fail(e, 'a "met" decision states its route (count, hate, community or override).');
    if (p.outcome !== 'met' && p.route) fail(e, `a "${p.outcome}" decision has no route.`);
    const overridden = p.outcome !== p.advisedOutcome;
    if (overridden && !p.overrideReason?.trim())
      fail(e, `the decision departs from the advisory result (${p.advisedOutcome}); give the reason.`);
    state.decisions.push({
      decidedOn: p.decidedOn,
      notifiedOn: p.notifiedOn,
      outcome: p.outcome,
      ...(p.route ? { route: p.route } : {}),
      overridden,
      reasons: p.reasons,
      by: 'decision',
    });
    state.status =
      p.outcome === 'met' ? 'threshold-met' : p.outcome === 'not-met' ? 'threshold-not-met' : 'ineligible';
  },

  'threshold-review-requested'(state, e, policy, strict) {
    const p = e.payload;
    noFutureDates(e, [p.receivedOn]);
    const decision = currentDecision(state);
    if (!decision || decision.outcome === 'met')
      fail(e, 'a review of the decision can be asked for only when the threshold was found not met.');
    requireNoOpenAppeal(state, e);
    notBefore(e, p.receivedOn, decision!.decidedOn, 'the decision');
    const clock = policy.clocks.thresholdReviewRequest;
    const last = windowEnd(decision!.decidedOn, clock);
    if (strict && p.receivedOn > last && !p.acceptedOutOfTime?.trim())
      fail(
        e,
        `the request arrived on ${p.receivedOn}, after the window closed on ${last}; accept it out of time with a reason, or refuse it.`,
      );
    if (state.appeals.some((a) => a.appealId === p.appealId))
      fail(e, `appeal id ${p.appealId} is already used.`);
    state.appeals.push({
      appealId: p.appealId,
      kind: 'threshold-review',
      against: 'threshold-decision',
      receivedOn: p.receivedOn,
      grounds: p.grounds,
    });
    state.status = 'appeal';
  },

  'returns-requested'(state, e, policy, strict) {
    const p = e.payload;
    noFutureDates(e, [p.requestedOn]);
    notBefore(e, p.requestedOn, state.receivedOn, 'the application was received');
    const allowed = ['received', 'acknowledged', 'threshold-met', 'panel-booked'];
    if (!allowed.includes(state.status))
      fail(
        e,
        `returns are asked for before the decision or while a review is being prepared; this case is "${state.status}".`,
      );
    const incidentIds = new Set(state.application.incidents.map((i) => i.id));
    for (const id of p.incidentIds)
      if (!incidentIds.has(id)) fail(e, `incident "${id}" is not in the application.`);
    for (const r of p.requests) {
      knownAgency(e, policy, r.agencyId, strict);
      if (state.requests.some((q) => q.requestId === r.requestId))
        fail(e, `request id ${r.requestId} is already used.`);
      const open = state.requests.find((q) => q.agencyId === r.agencyId && q.returns.length === 0);
      if (open)
        fail(
          e,
          `${agencyName(policy, r.agencyId)} already has a request from ${open.requestedOn} that is not yet answered.`,
        );
    }
    for (const r of p.requests) {
      state.requests.push({
        requestId: r.requestId,
        agencyId: r.agencyId,
        requestedOn: p.requestedOn,
        returns: [],
      });
      if (!state.agencies.includes(r.agencyId)) state.agencies.push(r.agencyId);
    }
  },

  'return-received'(state, e) {
    const p = e.payload;
    noFutureDates(e, [p.receivedOn, ...p.incidents.map((i) => i.reportedOn)]);
    const request = state.requests.find((r) => r.requestId === p.requestId);
    if (!request) fail(e, `there is no request ${p.requestId} on this case.`);
    if (request!.agencyId !== p.agencyId) fail(e, `request ${p.requestId} was made to another agency.`);
    notBefore(e, p.receivedOn, request!.requestedOn, 'the request');
    const incidentIds = new Set(state.application.incidents.map((i) => i.id));
    for (const i of p.incidents)
      if (!incidentIds.has(i.incidentId)) fail(e, `incident "${i.incidentId}" is not in the application.`);
    request!.returns.push({
      eventId: e.id,
      receivedOn: p.receivedOn,
      incidents: p.incidents,
      ...(p.otherInformation ? { otherInformation: p.otherInformation } : {}),
      submittedBy: p.submittedBy,
    });
  },

  'victim-contacted'(state, e) {
    noFutureDates(e, [e.payload.contactedOn]);
    notBefore(e, e.payload.contactedOn, state.receivedOn, 'the application was received');
    state.victimContact = { contactedOn: e.payload.contactedOn, choice: e.payload.choice };
  },

  'panel-booked'(state, e, policy, strict) {
    const p = e.payload;
    requireMet(state, e, 'Booking a panel');
    if (!['threshold-met', 'panel-booked'].includes(state.status))
      fail(e, `a panel is booked while the review is being prepared; this case is "${state.status}".`);
    if (!(Date.parse(p.end) > Date.parse(p.start))) fail(e, 'the panel must end after it starts.');
    if (state.panel?.status === 'booked' && state.panel.bookingId !== p.bookingId)
      fail(e, 'a panel is already booked; reschedule or cancel that booking.');
    for (const m of p.members) knownAgency(e, policy, m.agencyId, strict);
    state.panel = { ...p, status: 'booked' };
    state.status = 'panel-booked';
  },

  'panel-cancelled'(state, e) {
    if (state.panel?.bookingId !== e.payload.bookingId || state.panel.status !== 'booked')
      fail(e, `booking ${e.payload.bookingId} is not the case's current panel.`);
    state.panel!.status = 'cancelled';
    if (state.status === 'panel-booked') state.status = 'threshold-met';
  },

  'review-held'(state, e, policy, strict) {
    const p = e.payload;
    noFutureDates(e, [p.heldOn]);
    requireMet(state, e, 'Holding a review');
    if (!['threshold-met', 'panel-booked'].includes(state.status))
      fail(
        e,
        `a review is held once the threshold is met and before its outcome; this case is "${state.status}".`,
      );
    const met = currentDecision(state)!;
    notBefore(e, p.heldOn, met.decidedOn, 'the threshold decision');
    for (const m of p.attendees) knownAgency(e, policy, m.agencyId, strict);
    const quorum = panelQuorum(p.attendees, policy);
    if (strict && !quorum.met)
      fail(
        e,
        `the panel needs at least ${quorum.required} distinct relevant bodies; it had ${quorum.bodies.length}` +
          (quorum.bodies.length ? ` (${quorum.bodies.map((b) => agencyName(policy, b)).join(', ')})` : '') +
          '.',
      );
    const ids = new Set(state.actions.map((a) => a.id));
    for (const a of p.actions) {
      knownAgency(e, policy, a.ownerAgency, strict);
      if (ids.has(a.id)) fail(e, `action id ${a.id} is used twice.`);
      ids.add(a.id);
    }
    state.reviews.push({
      heldOn: p.heldOn,
      attendees: p.attendees,
      victimParticipation: p.victimParticipation,
      recommendations: p.recommendations,
    });
    state.actions.push(...p.actions);
    if (state.panel?.status === 'booked') state.panel = { ...state.panel, status: 'booked' };
    state.status = 'review-held';
  },

  'outcome-sent'(state, e) {
    const p = e.payload;
    noFutureDates(e, [p.sentOn, p.victimConsultedOn]);
    const review = currentReview(state);
    if (!review || state.status !== 'review-held') fail(e, 'the outcome is sent after a review is held.');
    notBefore(e, p.sentOn, review!.heldOn, 'the review');
    review!.outcomeSentOn = p.sentOn;
    if (p.victimConsultedOn) review!.victimConsultedOn = p.victimConsultedOn;
    state.status = 'monitoring';
  },

  'minutes-circulated'(state, e) {
    noFutureDates(e, [e.payload.circulatedOn]);
    const review = currentReview(state);
    if (!review) fail(e, 'minutes are circulated after a review is held.');
    if (review!.minutesCirculatedOn)
      fail(e, `the minutes were circulated on ${review!.minutesCirculatedOn}.`);
    notBefore(e, e.payload.circulatedOn, review!.heldOn, 'the review');
    review!.minutesCirculatedOn = e.payload.circulatedOn;
  },

  'action-updated'(state, e, policy, strict) {
    const p = e.payload;
    const action = state.actions.find((a) => a.id === p.actionId);
    if (action) {
      if (p.ownerAgency) knownAgency(e, policy, p.ownerAgency, strict);
      Object.assign(action, {
        status: p.status,
        ...(p.description ? { description: p.description } : {}),
        ...(p.ownerAgency ? { ownerAgency: p.ownerAgency } : {}),
        ...(p.dueOn ? { dueOn: p.dueOn } : {}),
      });
      return;
    }
    if (!currentReview(state)) fail(e, 'actions are added once a review has been held.');
    if (!p.description || !p.ownerAgency || !p.dueOn)
      fail(e, 'a new action needs a description, an owner agency and a due date.');
    knownAgency(e, policy, p.ownerAgency!, strict);
    state.actions.push({
      id: p.actionId,
      description: p.description!,
      ownerAgency: p.ownerAgency!,
      dueOn: p.dueOn!,
      status: p.status,
    });
  },

  'appeal-lodged'(state, e, policy, strict) {
    const p = e.payload;
    noFutureDates(e, [p.receivedOn]);
    requireNoOpenAppeal(state, e);
    if (state.appeals.some((a) => a.appealId === p.appealId))
      fail(e, `appeal id ${p.appealId} is already used.`);
    if (p.against === 'threshold-decision') {
      const decision = currentDecision(state);
      if (!decision || decision.outcome === 'met') fail(e, 'there is no "not met" decision to appeal.');
      notBefore(e, p.receivedOn, decision!.decidedOn, 'the decision');
    } else {
      const review = currentReview(state);
      if (!review?.outcomeSentOn) fail(e, 'an appeal against the review comes after its outcome is sent.');
      notBefore(e, p.receivedOn, review!.outcomeSentOn!, 'the outcome was sent');
      const window = policy.clocks.appealWindow;
      if (strict && window && p.receivedOn > windowEnd(review!.outcomeSentOn!, window))
        fail(
          e,
          `the appeal arrived after the window closed on ${windowEnd(review!.outcomeSentOn!, window)}.`,
        );
    }
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
    if (!appeal) fail(e, `there is no appeal ${e.payload.appealId} on this case.`);
    noFutureDates(e, [e.payload.heardOn]);
    if (appeal!.heardOn) fail(e, `the appeal was already heard on ${appeal!.heardOn}.`);
    notBefore(e, e.payload.heardOn, appeal!.receivedOn, 'the appeal was received');
    appeal!.heardOn = e.payload.heardOn;
  },

  'appeal-decided'(state, e) {
    const p = e.payload;
    const appeal = state.appeals.find((a) => a.appealId === p.appealId);
    if (!appeal) fail(e, `there is no appeal ${p.appealId} on this case.`);
    noFutureDates(e, [p.decidedOn, p.notifiedOn]);
    if (appeal!.decidedOn) fail(e, `the appeal was already decided on ${appeal!.decidedOn}.`);
    notBefore(e, p.decidedOn, appeal!.receivedOn, 'the appeal was received');
    notBefore(e, p.notifiedOn, p.decidedOn, 'the decision');
    Object.assign(appeal!, {
      heardOn: appeal!.heardOn ?? p.decidedOn,
      decidedOn: p.decidedOn,
      outcome: p.outcome,
      notifiedOn: p.notifiedOn,
    });
    if (appeal!.against === 'threshold-decision') {
      if (p.outcome === 'upheld') {
        state.decisions.push({
          decidedOn: p.decidedOn,
          notifiedOn: p.notifiedOn,
          outcome: 'met',
          route: 'override',
          overridden: true,
          reasons: p.reasons,
          by: 'appeal',
        });
        state.status = 'threshold-met';
      } else {
        state.status = currentDecision(state)!.outcome === 'ineligible' ? 'ineligible' : 'threshold-not-met';
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
    noFutureDates(e, [p.closedOn, p.victimToldOn]);
    notBefore(e, p.closedOn, state.receivedOn, 'the application was received');
    if (p.reason !== 'withdrawn') requireNoOpenAppeal(state, e);
    const decision = currentDecision(state);
    switch (p.reason) {
      case 'actions-complete': {
        const review = currentReview(state);
        if (!review?.outcomeSentOn)
          fail(e, 'a case closes on completed actions once the outcome has been sent.');
        const open = openActions(state);
        if (open.length)
          fail(e, `${open.length} action(s) are still open: ${open.map((a) => a.id).join(', ')}.`);
        break;
      }
      case 'threshold-not-met':
        if (decision?.outcome !== 'not-met') fail(e, 'the threshold decision in force is not "not met".');
        break;
      case 'ineligible':
        if (decision?.outcome !== 'ineligible') fail(e, 'the application was not found ineligible.');
        break;
      case 'appeal-dismissed':
        if (state.appeals[state.appeals.length - 1]?.outcome !== 'dismissed')
          fail(e, 'the last appeal was not dismissed.');
        break;
      case 'other':
        if (!p.detail?.trim()) fail(e, 'say why the case is closing.');
        break;
      case 'withdrawn':
        break;
    }
    state.closed = {
      closedOn: p.closedOn,
      reason: p.reason,
      ...(p.victimToldOn ? { victimToldOn: p.victimToldOn } : {}),
    };
    state.status = 'closed';
  },

  'letter-issued'(state, e) {
    noFutureDates(e, [e.payload.issuedOn]);
    state.letters.push({ letterId: e.payload.letterId, kind: e.payload.kind, issuedOn: e.payload.issuedOn });
  },

  'channel-created'(state, e) {
    if (state.teamsChannel) fail(e, 'the case already has its channel.');
    state.teamsChannel = { channelId: e.payload.channelId, name: e.payload.name };
  },

  'case-card-posted'(state, e) {
    if (!state.teamsChannel) fail(e, 'the case card is posted after the channel is created.');
    state.teamsChannel!.cardActivityId = e.payload.activityId;
  },

  'note-added'() {},
  'legal-hold-set'() {},
  'legal-hold-released'() {},
};

/** Events a closed case still accepts: the closure letter, notes, the channel's housekeeping. */
const afterClosure = new Set<EventType>([
  'letter-issued',
  'note-added',
  'channel-created',
  'case-card-posted',
  'legal-hold-set',
  'legal-hold-released',
]);

function start(event: CaseEvent, policy: Policy, strict: boolean): CaseState {
  if (event.type !== 'application-received')
    throw new TransitionError(event.type, 'a case starts with its application.');
  const p = event.payload;
  noFutureDates(event, [p.receivedOn]);
  if (p.application.receivedOn !== p.receivedOn)
    fail(
      event,
      `the application's receivedOn (${p.application.receivedOn}) differs from the case's (${p.receivedOn}).`,
    );
  for (const a of p.agencies) knownAgency(event, policy, a, strict);
  return {
    version: 0,
    status: 'received',
    receivedOn: p.receivedOn,
    receivedVia: p.channel,
    spoc: p.spoc,
    agencies: [...new Set(p.agencies)],
    application: p.application,
    ...(p.title ? { title: p.title } : {}),
    ...(p.previousCase ? { previousCase: p.previousCase } : {}),
    decisions: [],
    requests: [],
    reviews: [],
    actions: [],
    appeals: [],
    letters: [],
    timeline: [],
  };
}

/**
 * Applies one event in place. Throws TransitionError, leaving `state` unchanged, when the event is not
 * allowed now. Use `applyEvent` for a copy.
 */
function applyInPlace(
  state: CaseState | undefined,
  event: CaseEvent,
  policy: Policy,
  strict: boolean,
): CaseState {
  let next: CaseState;
  if (!state) next = start(event, policy, strict);
  else {
    if (state.status === 'closed' && !afterClosure.has(event.type))
      throw new TransitionError(event.type, `the case was closed on ${state.closed?.closedOn}.`);
    next = state;
    (handlers[event.type] as Handler<EventType>)(next, event as never, policy, strict);
  }
  next.version += 1;
  next.timeline.push({ eventId: event.id, type: event.type, at: event.at, actor: event.actor });
  return next;
}

const clone = (state: CaseState): CaseState => JSON.parse(JSON.stringify(state)) as CaseState;

/** The state after `event`, or a TransitionError with the reason it is not allowed. `state` is unchanged. */
export function applyEvent(state: CaseState | undefined, event: CaseEvent, policy: Policy): CaseState {
  return applyInPlace(state ? clone(state) : undefined, event, policy, true);
}

/** The reason `event` cannot be recorded now, or undefined when it can. */
export function whyNot(state: CaseState | undefined, event: CaseEvent, policy: Policy): string | undefined {
  try {
    applyEvent(state, event, policy);
    return undefined;
  } catch (err) {
    if (err instanceof TransitionError) return err.reason;
    throw err;
  }
}

/**
 * A case's state from its stored events, oldest first. Events already applied (same id) are skipped; the
 * policy-dependent checks are not repeated (see Handler).
 */
export function reduceCase(events: readonly CaseEvent[], policy: Policy): CaseState {
  if (events.length === 0)
    throw new TransitionError('application-received', 'a case starts with its application.');
  let state: CaseState | undefined;
  const seen = new Set<string>();
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    // Each handler validates before it mutates, so applying in place is safe and fast.
    state = applyInPlace(state, event, policy, false);
  }
  return state!;
}
