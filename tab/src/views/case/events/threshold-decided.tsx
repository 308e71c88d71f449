import { routeEnabled } from '../../../../../shared';
import { outcomeLabels, routeLabels } from '../../../lib/labels';
import type { Problem } from '../../../lib/problems';
import { Choice, LongText, Radios, optionsOf } from '../../../components/fields';
import { DecidedAndTold } from './appeal-request-fields';
import { blank, opt, spec, type FieldsProps } from './event-spec';

interface DecisionForm {
  decidedOn: string;
  /** Blank unless the applicant has already been told (by phone, say): never today by default. */
  notifiedOn: string;
  outcome: 'met' | 'not-met' | 'ineligible';
  route: '' | 'count' | 'hate' | 'community' | 'override';
  overrideReason: string;
}

function DecisionFields({ form, set, field, ctx }: FieldsProps<DecisionForm>) {
  const advised = ctx.detail.assessment.outcome;
  const outcomes = (['met', 'not-met', 'ineligible'] as const).map((v) => ({
    value: v,
    label: `${outcomeLabels[v]}${v === advised ? ' (the advice)' : ''}`,
  }));
  // Only the routes this policy has (East Herts has neither the hate nor the community route).
  const routes = optionsOf(routeLabels).filter((o) => routeEnabled(ctx.policy, o.value));
  // Choosing "met" proposes the route the advice found.
  const decide = (outcome: DecisionForm['outcome']) =>
    set({
      outcome,
      ...(outcome === 'met' && !form.route ? { route: ctx.detail.assessment.route ?? 'count' } : {}),
    });
  const why = 'Why the decision departs from the advice';
  return (
    <>
      <Radios {...field('outcome')} label="Decision" required onChange={decide} options={outcomes} />
      {form.outcome === 'met' && (
        <Choice {...field('route')} label="How it is met" required placeholder="Choose..." options={routes} />
      )}
      {form.outcome !== advised && (
        <LongText {...field('overrideReason')} label={why} required maxLength={2000} />
      )}
      <DecidedAndTold
        decided={field('decidedOn')}
        told={field('notifiedOn')}
        today={ctx.today}
        letter="the CT3 or CT4 letter"
      />
      <details>
        <summary>The reasons that will be recorded</summary>
        <ul>
          {ctx.detail.assessment.reasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      </details>
    </>
  );
}

export const thresholdDecided = spec<DecisionForm>({
  type: 'threshold-decided',
  button: 'Decide threshold',
  title: 'Record the threshold decision',
  intro: (ctx) =>
    `The advice is "${outcomeLabels[ctx.detail.assessment.outcome]}". Confirm it, or record a different decision with the reason. The decision clock is met when the applicant is told: when the CT3 or CT4 letter is issued, or a contact is recorded.`,
  init: (ctx) => ({
    decidedOn: ctx.today,
    notifiedOn: '',
    outcome: ctx.detail.assessment.outcome,
    route: ctx.detail.assessment.route ?? '',
    overrideReason: '',
  }),
  payload: (f, ctx) => ({
    decidedOn: f.decidedOn,
    ...opt('notifiedOn', f.notifiedOn),
    outcome: f.outcome,
    ...(f.outcome === 'met' && f.route ? { route: f.route } : {}),
    advisedOutcome: ctx.detail.assessment.outcome,
    ...opt('overrideReason', f.overrideReason.trim()),
    reasons: [
      ...ctx.detail.assessment.reasons,
      ...(f.outcome !== ctx.detail.assessment.outcome && f.overrideReason.trim()
        ? [`The decision departs from the advice: ${f.overrideReason.trim()}`]
        : []),
    ].map((r) => r.slice(0, 1000)),
    decidedBy: ctx.me.person.id,
  }),
  check: (f, ctx) => {
    const out: Problem[] = [];
    if (f.outcome !== ctx.detail.assessment.outcome && blank(f.overrideReason))
      out.push({
        path: 'overrideReason',
        message: `The decision departs from the advice (${outcomeLabels[ctx.detail.assessment.outcome]}): give the reason.`,
      });
    if (f.outcome === 'met' && !f.route)
      out.push({ path: 'route', message: 'Choose how the threshold is met.' });
    if (f.outcome === 'met' && f.route && !routeEnabled(ctx.policy, f.route))
      out.push({ path: 'route', message: `This policy has no "${routeLabels[f.route]}" route.` });
    return out;
  },
  Fields: DecisionFields,
});
