import type { Person } from '../api/contract';
import type { PanelService } from './panel-service';
import type { CaseReactor } from './reactors';

/**
 * Issue 15: closing a case cancels the panel meeting still booked for it, in the calendar (members get the
 * cancellation) and in the case (`panel-cancelled`), as the one who closed it. A side effect of the closure
 * through the outbox, so it is retried until done, and the request id (from the closure's event id) makes a
 * retry cancel once.
 */
export function closureCancelsPanel(panel: Pick<PanelService, 'cancel'>): CaseReactor {
  return {
    name: 'closure-cancels-panel',
    wants: (events, state) =>
      events.some((e) => e.type === 'case-closed') && state?.panel?.status === 'booked',
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
