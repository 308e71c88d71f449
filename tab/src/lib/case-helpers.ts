import type { CaseDetail } from '../../../bot/api/contract';
import {
  acknowledgementsOutstanding,
  openRights,
  type CaseState,
  type EventType,
  type Policy,
} from '../../../shared';
import { ragOf, type Rag } from './rag';

/** What the case view derives from a CaseDetail. Pure. */

/**
 * The agencies whose current return (the last one received on each request) says they hold a record of
 * each incident, by incident id.
 */
export function confirmationsByIncident(detail: Pick<CaseDetail, 'state'>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const request of detail.state.requests) {
    const current = request.returns[request.returns.length - 1];
    if (!current) continue;
    for (const item of current.incidents) {
      if (!item.holdsRecord) continue;
      const list = out.get(item.incidentId) ?? [];
      if (!list.includes(request.agencyId)) list.push(request.agencyId);
      out.set(item.incidentId, list);
    }
  }
  return out;
}

export interface RequestRow {
  requestId: string;
  agencyId: string;
  requestedOn: string;
  dueOn?: string;
  /** The first return, which meets the clock; later ones are corrections. */
  receivedOn?: string;
  returnsCount: number;
  late: boolean;
  /** Running clocks only. */
  workingDaysLeft?: number;
  overdue: boolean;
  rag: Rag;
}

export function requestRows(detail: Pick<CaseDetail, 'state' | 'clocks' | 'deadlines'>): RequestRow[] {
  return detail.state.requests.map((request) => {
    const clock = detail.clocks.find((c) => c.clock === 'agencyReturn' && c.requestId === request.requestId);
    const running = detail.deadlines.find(
      (d) => d.clock === 'agencyReturn' && d.requestId === request.requestId,
    );
    const receivedOn = request.returns[0]?.receivedOn;
    return {
      requestId: request.requestId,
      agencyId: request.agencyId,
      requestedOn: request.requestedOn,
      ...(clock?.dueOn ? { dueOn: clock.dueOn } : running ? { dueOn: running.dueOn } : {}),
      ...(receivedOn ? { receivedOn } : {}),
      returnsCount: request.returns.length,
      late: clock?.late ?? (!!receivedOn && !!clock?.dueOn && receivedOn > clock.dueOn),
      ...(running ? { workingDaysLeft: running.workingDaysLeft } : {}),
      overdue: running?.overdue ?? false,
      rag: receivedOn ? 'none' : ragOf(running),
    };
  });
}

/** The actions the SPOC may take, in the order a case moves through them. */
export const actionOrder: EventType[] = [
  'acknowledged',
  'returns-requested',
  'return-received',
  'threshold-decided',
  'applicant-told',
  'threshold-review-requested',
  'victim-contacted',
  'panel-booked',
  'panel-cancelled',
  'review-held',
  'outcome-sent',
  'minutes-circulated',
  'action-updated',
  'appeal-lodged',
  'appeal-heard',
  'appeal-decided',
  'right-waived',
  'case-closed',
  'case-reopened',
  'application-amended',
  'note-added',
];

const preparing = (s: CaseState) => s.status === 'threshold-met' || s.status === 'panel-booked';
const lastDecision = (s: CaseState) => s.decisions[s.decisions.length - 1];
const lastReview = (s: CaseState) => s.reviews[s.reviews.length - 1];
const openAppealsOf = (s: CaseState) => s.appeals.filter((a) => !a.decidedOn);

/** What the offered steps may read beyond the case: the policy and today (for rights and duties). */
export interface Now {
  policy: Policy;
  today: string;
}

/** A decision or appeal decision the applicant has not been told of yet. */
const untold = (s: CaseState) => {
  const d = lastDecision(s);
  return (!!d && !d.notifiedOn) || s.appeals.some((a) => a.decidedOn && !a.notifiedOn);
};

/**
 * Whether an action makes sense in the case's state, so the SPOC is offered the next steps rather than
 * every event. The server's rules still decide (and say why not); this only hides what cannot apply.
 */
export function relevantNow(type: EventType, s: CaseState, now?: Now): boolean {
  if (s.status === 'closed') {
    // A closed case still takes the applicant's review request or appeal (it reopens), and a reopening.
    const d = lastDecision(s);
    const notMet = !!d && d.outcome !== 'met';
    if (type === 'threshold-review-requested') return notMet;
    if (type === 'appeal-lodged') return notMet || !!lastReview(s)?.outcomeSentOn;
    return type === 'note-added' || type === 'case-reopened' || (type === 'applicant-told' && untold(s));
  }
  switch (type) {
    case 'acknowledged':
      return now ? acknowledgementsOutstanding(s, now.policy).length > 0 : !s.acknowledgedOn;
    case 'applicant-told':
      return untold(s);
    case 'right-waived':
      return !!now && openRights(s, now.policy, now.today).length > 0;
    case 'threshold-decided':
      return s.decisions.length === 0;
    case 'threshold-review-requested': {
      const d = lastDecision(s);
      return !!d && d.outcome !== 'met' && openAppealsOf(s).length === 0;
    }
    case 'returns-requested':
      return ['received', 'acknowledged', 'threshold-met', 'panel-booked'].includes(s.status);
    case 'return-received':
      return s.requests.length > 0;
    case 'victim-contacted':
      return lastDecision(s)?.outcome === 'met';
    case 'panel-booked':
    case 'review-held':
      return lastDecision(s)?.outcome === 'met' && preparing(s);
    case 'panel-cancelled':
      return s.panel?.status === 'booked' && s.status === 'panel-booked';
    case 'outcome-sent':
      return s.status === 'review-held';
    case 'minutes-circulated': {
      const r = lastReview(s);
      return !!r && !r.minutesCirculatedOn;
    }
    case 'action-updated':
      return s.actions.length > 0;
    case 'appeal-lodged': {
      if (openAppealsOf(s).length > 0) return false;
      const d = lastDecision(s);
      return (!!d && d.outcome !== 'met') || !!lastReview(s)?.outcomeSentOn;
    }
    case 'appeal-heard':
      return openAppealsOf(s).some((a) => !a.heardOn);
    case 'appeal-decided':
      return openAppealsOf(s).length > 0;
    case 'case-closed':
    case 'application-amended':
    case 'note-added':
      return true;
    default:
      return false;
  }
}

/**
 * The events the signed-in person may record (`can.record`) that the tab has a form for and that apply to
 * the case now, in process order.
 */
export function offeredActions(can: readonly string[], state?: CaseState, now?: Now): EventType[] {
  const allowed = new Set(can);
  return actionOrder.filter((t) => allowed.has(t) && (!state || relevantNow(t, state, now)));
}

/** The agencies on a case that have no request waiting for an answer: the default for a new request. */
export function agenciesToAsk(detail: Pick<CaseDetail, 'state'>): string[] {
  const waiting = new Set(detail.state.requests.filter((r) => r.returns.length === 0).map((r) => r.agencyId));
  return detail.state.agencies.filter((a) => !waiting.has(a));
}

/** Reasons for a decision, one per paragraph in a text box: blank lines separate them. */
export function splitReasons(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}
