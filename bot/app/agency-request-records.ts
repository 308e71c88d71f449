import { agencyReturnDue, type CaseEvent, type CaseState, type Policy } from '../../shared';
import type { AgencyRequest } from '../store/case-log';

/** The agency request records that follow from an event (what each agency owes, for its own list). */
export function requestRecords(
  state: CaseState,
  event: CaseEvent,
  policy: Policy,
): Omit<AgencyRequest, 'caseId'>[] {
  if (event.type !== 'returns-requested' && event.type !== 'return-received') return [];
  const ids =
    event.type === 'returns-requested'
      ? event.payload.requests.map((r) => r.requestId)
      : [event.payload.requestId];
  return state.requests
    .filter((r) => ids.includes(r.requestId))
    .map((r) => {
      const dueOn = agencyReturnDue(r, policy);
      const first = r.returns[0];
      return {
        requestId: r.requestId,
        agencyId: r.agencyId,
        requestedAt: `${r.requestedOn}T00:00:00.000Z`,
        dueOn,
        status: first ? 'returned' : 'requested',
        returnedAt: first ? `${first.receivedOn}T00:00:00.000Z` : null,
        late: !!first && first.receivedOn > dueOn,
      };
    });
}
