import type { Policy } from '../policy/policy-schema';
import { quorumBodyIds } from '../policy/policy';

export interface Quorum {
  /** The distinct bodies present that count toward the minimum, by agency id. */
  bodies: string[];
  required: number;
  met: boolean;
  /** Present agencies that do not count toward the minimum (welcome, but not counted). */
  others: string[];
  /** Every agency that would count (the policy's `panel.quorumBodies`). */
  counting: string[];
}

/**
 * Whether a panel has the policy's minimum of distinct bodies from its list (East Herts s.12: three of its
 * community safety team, the police Safe Neighbourhood Team inspector, a social housing provider and the
 * CCG/ICB). A relevant body under s.6 that is not on the list (the county council) does not count.
 */
export function panelQuorum(members: readonly { agencyId: string }[], policy: Policy): Quorum {
  const counting = quorumBodyIds(policy);
  const counts = new Set(counting);
  const present = [...new Set(members.map((m) => m.agencyId))];
  const bodies = present.filter((id) => counts.has(id));
  const required = policy.panel.minimumDistinctBodies;
  return {
    bodies,
    required,
    met: bodies.length >= required,
    others: present.filter((id) => !counts.has(id)),
    counting,
  };
}
