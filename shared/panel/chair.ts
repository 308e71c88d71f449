import type { Policy } from '../policy/policy-schema';

export interface ChairChoice {
  name: string;
  organisation: string;
  independent: boolean;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Warnings (never a refusal: a council may have no neighbouring chair available) when the chair does not
 * meet the policy's preference. East Herts s.12: "The Chair of the Case Review which will be from a
 * neighbouring Local Authority where possible; should this not be practicable then the EHC Community Safety
 * & ASB Manager or Community WellBeing & Partnerships Manager will be the Chair." The 2025 guidance
 * recommends independent chairs.
 */
export function chairWarnings(chair: ChairChoice, policy: Policy): string[] {
  const { chair: preference, chairSources, chairFallback } = policy.panel;
  if (preference === 'council-manager') return [];
  const warnings: string[] = [];
  const fallback = chairFallback.some(
    (f) => same(f, chair.organisation) || same(f, `${chair.name}, ${chair.organisation}`),
  );
  if (!chair.independent && !fallback)
    warnings.push(
      `The chair is not independent; ${policy.council}'s policy asks for an independent chair` +
        (preference === 'independent-neighbouring-authority'
          ? ' from a neighbouring authority where possible.'
          : '.'),
    );
  const own = [policy.council, ...policy.agencies.map((a) => a.name)];
  if (chair.independent && own.some((n) => same(n, chair.organisation)))
    warnings.push(
      `The chair is marked independent but comes from ${chair.organisation}, an agency in this case review's policy.`,
    );
  else if (
    chair.independent &&
    preference === 'independent-neighbouring-authority' &&
    chairSources.length > 0 &&
    !chairSources.some((s) => same(s, chair.organisation))
  )
    warnings.push(
      `${chair.organisation} is not one of the neighbouring authorities ${policy.council}'s policy lists (${chairSources.join(', ')}); check it, or record why.`,
    );
  return warnings;
}
