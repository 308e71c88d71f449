import type { Policy } from '../policy/policy-schema';

export interface ChairChoice {
  name: string;
  organisation: string;
  independent: boolean;
}

/**
 * Warnings (never a refusal: a council may have no neighbouring chair available) when the chair does not
 * meet the policy's preference. The 2025 guidance recommends independent chairs.
 */
export function chairWarnings(chair: ChairChoice, policy: Policy): string[] {
  const preference = policy.panel.chair;
  if (preference === 'council-manager') return [];
  const warnings: string[] = [];
  if (!chair.independent)
    warnings.push(
      `The chair is not independent; ${policy.council}'s policy asks for an independent chair` +
        (preference === 'independent-neighbouring-authority'
          ? ' from a neighbouring authority where possible.'
          : '.'),
    );
  const own = [policy.council, ...policy.agencies.map((a) => a.name)].map((n) => n.trim().toLowerCase());
  if (chair.independent && own.includes(chair.organisation.trim().toLowerCase()))
    warnings.push(
      `The chair is marked independent but comes from ${chair.organisation}, an agency in this case review's policy.`,
    );
  return warnings;
}
