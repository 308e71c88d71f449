import { Checkbox } from '@fluentui/react-components';
import type { LetterSummary } from '../../../api/client';
import { Fieldset } from '../../../components/fieldset';
import { formatDate } from '../../../lib/format';
import { closureReasonLabels } from '../../../lib/labels';
import type { ProblemIndex } from '../../../lib/problems';
import type { CaseContext } from '../events/event-spec';
import { Choice, DateInput, LongText, Radios, binder, optionsOf } from '../../../components/fields';
import { ConsultedOn } from '../consulted-on';
import { appealChoices, type LetterForm, type LetterNeeds } from '../letter-logic';
import { useLetterStyles } from './styles';

/** Ticks a value into a list or out of it. */
const toggled = (list: string[], value: string, on: boolean) =>
  on ? [...list, value] : list.filter((x) => x !== value);

/**
 * The choices a letter needs, and only those: the recipient, what the victim is told of the outcome, the
 * consultation on the action plan, which appeal, and when and why the case closes.
 */
export function LetterChoices({
  summary,
  needs,
  ctx,
  form,
  set,
  problems,
}: {
  summary: LetterSummary;
  needs: LetterNeeds;
  ctx: CaseContext;
  form: LetterForm;
  set: (patch: Partial<LetterForm>) => void;
  problems: ProblemIndex;
}) {
  const styles = useLetterStyles();
  const choices = summary.choices;
  const appeals = appealChoices(summary.kind, ctx.detail.state);
  const field = binder(form, set, problems);
  return (
    <>
      {needs.to && (
        <Radios
          {...field('to')}
          label="Send to"
          required
          options={[
            { value: 'victim', label: 'The victim' },
            { value: 'applicant', label: 'The third party who applied for them' },
          ]}
        />
      )}
      {needs.choices && choices && (
        <Fieldset
          legend="What the victim is told"
          hint="Only what you tick goes in the letter. Leave out anything that would identify the alleged perpetrator; some actions cannot be shared."
          path="recommendations"
          problems={problems}
        >
          <div className={styles.checks}>
            {choices.recommendations.map((r, i) => (
              <Checkbox
                key={r.id}
                label={`Recommendation ${i + 1}: ${r.text}`}
                checked={form.recommendations.includes(r.id)}
                onChange={(_, d) =>
                  set({ recommendations: toggled(form.recommendations, r.id, d.checked === true) })
                }
              />
            ))}
            {choices.actions.map((a, i) => (
              <Checkbox
                key={a.id}
                label={`Action ${i + 1}: ${a.description} (${ctx.agencyName(a.ownerAgency)}, due ${formatDate(a.dueOn, 'short')})`}
                checked={form.actions.includes(a.id)}
                onChange={(_, d) => set({ actions: toggled(form.actions, a.id, d.checked === true) })}
              />
            ))}
          </div>
        </Fieldset>
      )}
      {summary.kind === 'outcome' && (
        <ConsultedOn
          consulted={field('victimConsultedOn')}
          reason={field('notConsultedReason')}
          label="The victim was consulted on the action plan on"
          hint="2025 guidance: consult the victim before the plan is final. Recorded with the outcome."
          required={ctx.policy.duties.consultVictimOnActionPlan && !form.notConsultedReason.trim()}
          max={ctx.today}
        />
      )}
      {needs.appeal && (
        <Choice
          {...field('appealId')}
          label="Appeal"
          required
          options={appeals.map((a) => ({
            value: a.appealId,
            label: `${a.kind === 'threshold-review' ? 'Review of the decision' : 'Appeal'} received ${formatDate(a.receivedOn, 'short')}${a.outcome ? ` (${a.outcome})` : ''}`,
          }))}
        />
      )}
      {needs.closure && (
        <Fieldset legend="When and why the case will close" path="closure" problems={problems}>
          <DateInput
            {...field('closesOn')}
            path="closure.closesOn"
            label="The case closes on"
            required
            min={ctx.today}
          />
          <Choice
            {...field('closureReason')}
            path="closure.reason"
            label="Why"
            required
            options={optionsOf(closureReasonLabels)}
          />
          <LongText
            {...field('closureDetail')}
            path="closure.detail"
            label="Details for the victim"
            required={form.closureReason === 'other'}
            maxLength={2000}
          />
        </Fieldset>
      )}
    </>
  );
}
