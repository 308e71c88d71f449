import { agencyName } from '../../policy/policy';
import { fail } from '../transition-error';
import { noFutureDates, notBefore } from './date-rules';
import { knownAgency, type Rules } from './rule';

/** Returns are asked for before the decision or while the review is prepared (East Herts s.11). */
const asking = ['received', 'acknowledged', 'threshold-met', 'panel-booked'];

export const returnRules: Rules<'returns-requested' | 'return-received'> = {
  'returns-requested'(state, e, policy) {
    const p = e.payload;
    noFutureDates(e, { requestedOn: p.requestedOn });
    notBefore(e, 'requestedOn', p.requestedOn, state.receivedOn, 'the application was received');
    if (!asking.includes(state.status))
      fail(
        e,
        `returns are asked for before the decision or while a review is being prepared; this case is "${state.status}".`,
      );
    const incidentIds = new Set(state.application.incidents.map((i) => i.id));
    p.incidentIds.forEach((id, i) => {
      if (!incidentIds.has(id)) fail(e, `incidentIds[${i}]: incident "${id}" is not in the application.`);
    });
    const ids = new Set<string>();
    p.requests.forEach((r, i) => {
      knownAgency(e, policy, `requests[${i}].agencyId`, r.agencyId);
      if (ids.has(r.requestId) || state.requests.some((q) => q.requestId === r.requestId))
        fail(e, `requests[${i}].requestId: this request is already recorded; reload the case to see it.`);
      ids.add(r.requestId);
      const open = state.requests.find((q) => q.agencyId === r.agencyId && q.returns.length === 0);
      if (open)
        fail(
          e,
          `requests[${i}].agencyId: ${agencyName(policy, r.agencyId)} already has a request from ${open.requestedOn} that is not yet answered.`,
        );
    });
  },

  'return-received'(state, e) {
    const p = e.payload;
    noFutureDates(e, {
      receivedOn: p.receivedOn,
      ...Object.fromEntries(p.incidents.map((i, k) => [`incidents[${k}].reportedOn`, i.reportedOn])),
    });
    const request = state.requests.find((r) => r.requestId === p.requestId);
    if (!request)
      fail(e, 'requestId: that request is not on this case; reload the case and choose it again.');
    if (request.agencyId !== p.agencyId) fail(e, 'agencyId: that request was made to another agency.');
    notBefore(e, 'receivedOn', p.receivedOn, request.requestedOn, 'the request');
    const incidents = new Map(state.application.incidents.map((i) => [i.id, i]));
    p.incidents.forEach((item, k) => {
      const incident = incidents.get(item.incidentId);
      if (!incident)
        fail(e, `incidents[${k}].incidentId: incident "${item.incidentId}" is not in the application.`);
      // An incident is reported after it happens, never before.
      if (item.reportedOn && item.reportedOn < incident.occurredOn)
        fail(
          e,
          `incidents[${k}].reportedOn: the report is dated ${item.reportedOn}, before incident "${item.incidentId}" happened (${incident.occurredOn}).`,
        );
    });
  },
};
