import { routeEnabled } from '../../../../../shared';
import { outcomeLabels, routeLabels } from '../../../lib/labels';
import type { Problem } from '../../../lib/problems';
import { Choice, DateInput, LongText, Radios, optionsOf, useFieldStyles } from '../fields';
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
  const styles = useFieldStyles();
  const advised = ctx.detail.assessment.outcome;
  return (
    <>
      <Radios
        {...field('outcome')}
        label="Decision"
        required
        onChange={(outcome) =>
          set({
            outcome,
            ...(outcome === 'met' && !form.route ? { route: ctx.detail.assessment.route ?? 'count' } : {}),
          })
        }
        options={(['met', 'not-met', 'ineligible'] as const).map((v) => ({
          value: v,
          label: `${outcomeLabels[v]}${v === advised ? ' (the advice)' : ''}`,
        }))}
      />
      {form.outcome === 'met' && (
        <Choice
          {...field('route')}
          label="How it is met"
          required
          placeholder="Choose..."
          // Only the routes this policy has (East Herts has neither the hate nor the community route).
          options={optionsOf(routeLabels).filter((o) => routeEnabled(ctx.policy, o.value))}
        />
      )}
      {form.outcome !== advised && (
        <LongText
          {...field('overrideReason')}
          label="Why the decision departs from the advice"
          required
          maxLength={2000}
        />
      )}
      <div className={styles.two}>
        <DateInput {...field('decidedOn')} label="Decided on" required max={ctx.today} />
        <DateInput
          {...field('notifiedOn')}
          label="Applicant already told on"
          max={ctx.today}
          hint="Leave blank until they are told: issuing the CT3 or CT4 letter records it."
        />
      </div>
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
