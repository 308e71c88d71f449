/** Whether the chosen agencies make the panel's quorum (the policy's panel list), and a sentence saying so. */
import { agencyName, panelQuorum, type Policy } from '../../shared';
import type { QuorumView } from '../api/contract';

export function quorumView(policy: Policy, agencyIds: readonly string[]): QuorumView {
  const known = new Set(policy.agencies.map((a) => a.id));
  const quorum = panelQuorum(
    agencyIds.filter((id) => known.has(id)).map((agencyId) => ({ agencyId })),
    policy,
  );
  const named = (ids: string[]) => ids.map((id) => ({ id, name: agencyName(policy, id) }));
  const missing = quorum.required - quorum.bodies.length;
  return {
    quorum,
    bodies: named(quorum.bodies),
    others: named(quorum.others),
    unknown: [...new Set(agencyIds.filter((id) => !known.has(id)))],
    // The bodies that count are the policy's panel list (East Herts s.12), not every relevant body.
    message: quorum.met
      ? `Quorate: ${quorum.bodies.length} of the bodies that make up the panel (at least ${quorum.required} needed).`
      : `Not quorate: ${quorum.bodies.length} of the bodies that make up the panel; ` +
        `add ${missing} more of ${quorum.counting
          .filter((id) => !quorum.bodies.includes(id))
          .map((id) => agencyName(policy, id))
          .join(', ')}.`,
  };
}
