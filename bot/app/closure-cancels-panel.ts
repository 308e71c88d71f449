import { londonDate, type CaseState } from '../../shared';
import type { Person } from '../api/contract';
import type { PanelService } from './panel-service';
import type { CaseReactor } from './reactors';

/**
 * A meeting still to come: booked, on or after the day the case closed, and not recorded as held (a review
 * on or after its day). A meeting that took place stays in the record as it was.
 */
function meetingStillAhead(state: CaseState, closure: { closedOn: string }): boolean {
  const panel = state.panel;
  if (panel?.status !== 'booked') return false;
  const on = londonDate(panel.start);
  return on >= closure.closedOn && !state.reviews.some((r) => r.heldOn >= on);
}

/**
 * Issue 15: closing a case cancels the panel meeting still booked for it, in the calendar (members get the
 * cancellation) and in the case (`panel-cancelled`), as the one who closed it. A side effect of the closure
 * through the outbox, so it is retried until done, and the request id (from the closure's event id) makes a
 * retry cancel once.
 */
export function closureCancelsPanel(panel: Pick<PanelService, 'cancel'>): CaseReactor {
  return {
    name: 'closure-cancels-panel',
    wants: (events, state) => {
      const closed = events.find((e) => e.type === 'case-closed');
      return !!closed && !!state && meetingStillAhead(state, closed.payload as { closedOn: string });
    },
    async react(change) {
      const closed = change.events.find((e) => e.type === 'case-closed');
      if (!closed) return;
      await panel.cancel(
        change.caseId,
        {
          requestId: `closure:${closed.id}`,
          reason: 'The case has closed, so the panel meeting is not needed.',
        },
        change.by as Person,
      );
    },
  };
}
