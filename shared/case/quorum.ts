import type { Policy } from '../policy/policy-schema';

export interface Quorum {
  /** The distinct relevant bodies present, by agency id. */
  bodies: string[];
  required: number;
  met: boolean;
  /** Present agencies that are not relevant bodies (welcome, but they do not count). */
  others: string[];
}

/** Whether a panel has the policy's minimum of distinct relevant bodies (East Herts: three). */
export function panelQuorum(members: readonly { agencyId: string }[], policy: Policy): Quorum {
  const relevant = new Set(policy.agencies.filter((a) => a.relevantBody).map((a) => a.id));
  const present = [...new Set(members.map((m) => m.agencyId))];
  const bodies = present.filter((id) => relevant.has(id));
  const required = policy.panel.minimumDistinctBodies;
  return {
    bodies,
    required,
    met: bodies.length >= required,
    others: present.filter((id) => !relevant.has(id)),
  };
}
