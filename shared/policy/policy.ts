import type { z } from 'zod';
import { plainMessage } from '../plain-words';
import { policySchema, type Policy } from './policy-schema';
import statutory from './presets/statutory.json';
import eastHerts from './presets/east-herts.json';
import erewash from './presets/erewash.json';

export interface ValidationProblem {
  /** Where in the document, e.g. `clocks.acknowledgement.amount` or `agencies[2].id`. */
  path: string;
  message: string;
}

/** A document that is not a valid policy; `problems` lists every one, each by its path. */
export class PolicyError extends Error {
  constructor(
    readonly source: string,
    readonly problems: ValidationProblem[],
  ) {
    super(
      `The policy ${source} is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p.path || '(document)'}: ${p.message}`).join('\n'),
    );
    this.name = 'PolicyError';
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

export function problemsOf(error: z.ZodError): ValidationProblem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: plainMessage(issue) }));
}

/** Validates a council's policy document; throws a PolicyError that lists every problem. */
export function parsePolicy(document: unknown, source = 'document'): Policy {
  const result = policySchema.safeParse(document);
  if (!result.success) throw new PolicyError(source, problemsOf(result.error));
  return result.data;
}

const presets = {
  statutory: parsePolicy(statutory, 'preset "statutory"'),
  'east-herts': parsePolicy(eastHerts, 'preset "east-herts"'),
  erewash: parsePolicy(erewash, 'preset "erewash"'),
} as const;

export type PresetId = keyof typeof presets;
export const presetIds = Object.keys(presets) as PresetId[];

/** A bundled preset: `statutory` (the Act's defaults), `east-herts` or `erewash`. */
export function getPolicy(id: string): Policy {
  const policy = (presets as Record<string, Policy>)[id];
  if (!policy) throw new Error(`There is no policy preset "${id}"; the presets are ${presetIds.join(', ')}.`);
  return JSON.parse(JSON.stringify(policy)) as Policy; // a copy: callers may not change a preset
}

export function agencyName(policy: Policy, agencyId: string): string {
  return policy.agencies.find((a) => a.id === agencyId)?.name ?? agencyId;
}

/** The agencies whose representatives count toward the panel minimum (East Herts s.12). */
export function quorumBodyIds(policy: Policy): string[] {
  return policy.panel.quorumBodies ?? policy.agencies.filter((a) => a.relevantBody).map((a) => a.id);
}

/** Whether a threshold route is open under this policy (the count route always is: s.104(4)). */
export function routeEnabled(policy: Policy, route: 'count' | 'hate' | 'community' | 'override'): boolean {
  switch (route) {
    case 'count':
      return true;
    case 'hate':
      return policy.threshold.hate.enabled;
    case 'community':
      return policy.threshold.community.enabled;
    case 'override':
      return policy.threshold.seniorManagerOverride.enabled;
  }
}
