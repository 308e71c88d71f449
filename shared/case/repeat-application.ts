import type { Policy } from '../policy/policy-schema';
import { openActions, type CaseState } from './case-state';

export interface RepeatCheck {
  allowed: boolean;
  reason?: string;
}

/**
 * East Herts s.14 and many councils: a further application after a decision is considered on a material
 * change of circumstances, and no new case review starts while actions from the last one are open.
 * `previous` are the earlier cases for the same victim (matching them is the SPOC's call, not a rule's).
 */
export function checkRepeatApplication(
  previous: readonly { reference: string; state: CaseState }[],
  materialChange: string | undefined,
  policy: Policy,
): RepeatCheck {
  if (previous.length === 0) return { allowed: true };
  const rules = policy.repeatApplications;
  if (rules.refuseWhileActionsOpen) {
    const pending = previous.filter((c) => openActions(c.state).length > 0);
    if (pending.length)
      return {
        allowed: false,
        reason: `Actions from the review of ${pending.map((c) => c.reference).join(', ')} are still open; a new case review does not start until they are complete.`,
      };
  }
  const undecided = previous.find((c) => c.state.status !== 'closed' && c.state.decisions.length === 0);
  if (undecided)
    return {
      allowed: false,
      reason: `${undecided.reference} is still awaiting its threshold decision; add to that case instead.`,
    };
  if (rules.requireMaterialChange && !materialChange?.trim())
    return {
      allowed: false,
      reason: `This victim applied before (${previous.map((c) => c.reference).join(', ')}); record the material change of circumstances.`,
    };
  return { allowed: true };
}
