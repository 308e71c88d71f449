import { workingDaysBetween } from '../calendar';
import { assertIsoDate, type IsoDate } from '../dates';
import type { Clock, ClockAnchor, ClockName, Policy } from '../policy/policy-schema';
import { agencyName } from '../policy/policy';
import { windowEnd } from '../policy/windows';
import {
  currentDecision,
  currentReview,
  type Appeal,
  type AgencyRequest,
  type CaseState,
} from './case-state';
import { waiverOf } from './rights';

/** Who must act for a clock to be met. */
export type ClockOwner = 'spoc' | 'agency' | 'applicant' | 'appeal-hearer';

export type DeadlineClock = ClockName | 'action';

export interface Deadline {
  clock: DeadlineClock;
  label: string;
  /** A duty must be done by `dueOn`; a window is the applicant's right, which closes on `dueOn`. */
  kind: 'duty' | 'window';
  owner: ClockOwner;
  startedOn: IsoDate;
  dueOn: IsoDate;
  agencyId?: string;
  requestId?: string;
  appealId?: string;
  actionId?: string;
  overdue: boolean;
  /** Working days from today to the due date; negative when overdue. */
  workingDaysLeft: number;
}

export interface ClockRecord extends Omit<Deadline, 'overdue' | 'workingDaysLeft'> {
  /** When it was met; absent while it runs. */
  metOn?: IsoDate;
  /** Met after its due date. */
  late: boolean;
}

interface Item {
  request?: AgencyRequest;
  appeal?: Appeal;
}

function anchorDate(state: CaseState, anchor: ClockAnchor, item: Item): IsoDate | undefined {
  const decision = currentDecision(state);
  const review = currentReview(state);
  switch (anchor) {
    case 'application-received':
      return state.receivedOn;
    case 'threshold-decided':
      return decision?.decidedOn;
    case 'threshold-met-letter-sent':
      return decision?.outcome === 'met' ? decision.notifiedOn : undefined;
    case 'returns-requested':
      return item.request?.requestedOn ?? state.requests[0]?.requestedOn;
    case 'review-held':
      return review?.heldOn;
    case 'outcome-sent':
      return review?.outcomeSentOn;
    case 'appeal-lodged':
      return item.appeal?.receivedOn;
    case 'appeal-heard':
      return item.appeal?.heardOn;
  }
}

/** The day an agency's return is due: its request's date plus the policy's `agencyReturn` clock. */
export function agencyReturnDue(request: Pick<AgencyRequest, 'requestedOn'>, policy: Policy): IsoDate {
  return windowEnd(request.requestedOn, policy.clocks.agencyReturn);
}

/**
 * When the acknowledgement duty was met: the first acknowledgement, or, when the policy acknowledges a third
 * party who applied as well as the victim (East Herts s.11: CT1 and CT2), the later of the two.
 */
export function acknowledgementMetOn(state: CaseState, policy: Policy): IsoDate | undefined {
  const { victim, thirdParty } = state.acknowledged ?? {};
  const both =
    policy.duties.acknowledgeThirdParty && state.application.applicant.relationship === 'third-party';
  if (!both) return state.acknowledgedOn;
  return victim && thirdParty ? (victim > thirdParty ? victim : thirdParty) : undefined;
}

/** Who is still to be acknowledged under the policy: the victim (CT1), the third party who applied (CT2). */
export function acknowledgementsOutstanding(state: CaseState, policy: Policy): ('victim' | 'third-party')[] {
  const thirdParty = state.application.applicant.relationship === 'third-party';
  if (!policy.duties.acknowledgeThirdParty || !thirdParty) return state.acknowledgedOn ? [] : ['victim'];
  return [
    ...(state.acknowledged?.victim ? [] : ['victim' as const]),
    ...(state.acknowledged?.thirdParty ? [] : ['third-party' as const]),
  ];
}

/** Every clock that has started on this case, with when it was (or is to be) met. */
export function caseClocks(state: CaseState, policy: Policy): ClockRecord[] {
  const out: ClockRecord[] = [];
  const open = state.status !== 'closed';
  // A closure that kept the applicant's rights open keeps their windows running (a request reopens it).
  const rightsRun = open || state.closed?.keepsRightsOpen === true;
  const push = (
    name: ClockName,
    clock: Clock | null,
    fields: Pick<ClockRecord, 'label' | 'kind' | 'owner'> & Partial<ClockRecord>,
    metOn: IsoDate | undefined,
    running: boolean,
    item: Item = {},
  ) => {
    if (!clock) return;
    const startedOn = anchorDate(state, clock.from, item);
    if (!startedOn) return;
    if (!metOn && !running) return;
    const dueOn = windowEnd(startedOn, clock);
    out.push({
      clock: name,
      startedOn,
      dueOn,
      ...fields,
      ...(metOn ? { metOn } : {}),
      late: !!metOn && metOn > dueOn,
    });
  };
  const c = policy.clocks;
  const decision = currentDecision(state);
  const firstDecision = state.decisions[0];

  push(
    'acknowledgement',
    c.acknowledgement,
    { label: 'Acknowledge the application', kind: 'duty', owner: 'spoc' },
    acknowledgementMetOn(state, policy),
    open,
  );
  push(
    'thresholdDecision',
    c.thresholdDecision,
    { label: 'Decide the threshold and tell the applicant', kind: 'duty', owner: 'spoc' },
    firstDecision?.notifiedOn,
    open,
  );
  if (decision && decision.outcome !== 'met' && decision.by === 'decision') {
    const asked = state.appeals.find(
      (a) => a.against === 'threshold-decision' && a.receivedOn >= decision.decidedOn,
    );
    push(
      'thresholdReviewRequest',
      c.thresholdReviewRequest,
      { label: 'The applicant may ask for a review of the decision', kind: 'window', owner: 'applicant' },
      asked?.receivedOn,
      rightsRun &&
        !waiverOf(state, 'threshold-review') &&
        (state.status === 'threshold-not-met' ||
          state.status === 'ineligible' ||
          state.closed?.statusBefore === 'threshold-not-met' ||
          state.closed?.statusBefore === 'ineligible'),
    );
  }
  for (const request of state.requests) {
    push(
      'agencyReturn',
      c.agencyReturn,
      {
        label: `Return from ${agencyName(policy, request.agencyId)}`,
        kind: 'duty',
        owner: 'agency',
        agencyId: request.agencyId,
        requestId: request.requestId,
      },
      request.returns[0]?.receivedOn,
      open,
      { request },
    );
  }
  const preparing = state.status === 'threshold-met' || state.status === 'panel-booked';
  if (decision?.outcome === 'met') {
    const told = decision.notifiedOn;
    const contactedOn = state.victimContact?.contactedOn;
    const contacted = told && contactedOn && contactedOn >= told ? contactedOn : undefined;
    push(
      'victimContact',
      c.victimContact,
      { label: 'Contact the victim: attend the panel or send a statement', kind: 'duty', owner: 'spoc' },
      contacted,
      open && preparing,
    );
    const heldSince = state.reviews.find((r) => r.heldOn >= decision.decidedOn);
    push(
      'panelMeeting',
      c.panelMeeting,
      { label: 'Hold the case review panel', kind: 'duty', owner: 'spoc' },
      heldSince?.heldOn,
      open && preparing,
    );
  }
  const review = currentReview(state);
  if (review) {
    push(
      'outcome',
      c.outcome,
      { label: 'Tell the victim the outcome', kind: 'duty', owner: 'spoc' },
      review.outcomeSentOn,
      open,
    );
    push(
      'minutes',
      c.minutes,
      { label: 'Circulate the minutes and action plan', kind: 'duty', owner: 'spoc' },
      review.minutesCirculatedOn,
      open,
    );
    if (review.outcomeSentOn) {
      const appealed = state.appeals.find(
        (a) => a.against === 'review-outcome' && a.receivedOn >= review.outcomeSentOn!,
      );
      push(
        'appealWindow',
        c.appealWindow,
        { label: 'The applicant may appeal the outcome', kind: 'window', owner: 'applicant' },
        appealed?.receivedOn,
        rightsRun &&
          !waiverOf(state, 'appeal') &&
          (state.status === 'monitoring' || state.closed?.statusBefore === 'monitoring'),
      );
    }
  }
  for (const appeal of state.appeals) {
    const what = appeal.kind === 'threshold-review' ? 'review of the decision' : 'appeal';
    const ids = { appealId: appeal.appealId };
    push(
      'appealHearing',
      c.appealHearing,
      { label: `Hear the ${what}`, kind: 'duty', owner: 'appeal-hearer', ...ids },
      appeal.heardOn,
      open,
      { appeal },
    );
    push(
      'appealDecision',
      c.appealDecision,
      { label: `Tell the applicant the ${what}'s decision`, kind: 'duty', owner: 'appeal-hearer', ...ids },
      appeal.notifiedOn,
      open && !!appeal.heardOn,
      { appeal },
    );
  }
  return out;
}

/**
 * Every clock that is running or broken on `today`: what is due, by which date, whose it is, and whether
 * it is overdue, soonest first. A window that has closed unused is not listed: it is the applicant's right,
 * not a duty. Open action-plan items are listed too, with their owner agency.
 */
export function deadlines(state: CaseState, policy: Policy, today: IsoDate): Deadline[] {
  assertIsoDate(today);
  const running: Deadline[] = [];
  const add = (d: Omit<Deadline, 'overdue' | 'workingDaysLeft'>) => {
    const overdue = today > d.dueOn;
    if (overdue && d.kind === 'window') return;
    const deadline = d as Deadline;
    deadline.overdue = overdue;
    deadline.workingDaysLeft = workingDaysBetween(today, d.dueOn);
    running.push(deadline);
  };
  // caseClocks builds fresh objects, so they are turned into deadlines in place (this runs for every case).
  for (const record of caseClocks(state, policy)) {
    if (record.metOn) continue;
    delete (record as Partial<ClockRecord>).late;
    add(record);
  }
  if (state.status !== 'closed') {
    for (const action of state.actions) {
      if (action.status !== 'open' && action.status !== 'in-progress') continue;
      add({
        clock: 'action',
        label: `Action: ${action.description}`,
        kind: 'duty',
        owner: 'agency',
        agencyId: action.ownerAgency,
        actionId: action.id,
        startedOn: currentReview(state)?.heldOn ?? state.receivedOn,
        dueOn: action.dueOn,
      });
    }
  }
  return running.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}

/** The soonest duty (not a window) still to be met, for lists and the projection. */
export function nextDeadline(state: CaseState, policy: Policy, today: IsoDate): Deadline | undefined {
  assertIsoDate(today);
  return deadlines(state, policy, today).find((d) => d.kind === 'duty');
}
