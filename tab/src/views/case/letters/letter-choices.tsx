import { Checkbox } from '@fluentui/react-components';
import type { LetterSummary } from '../../../api/client';
import { Fieldset } from '../../../components/fieldset';
import { formatDate } from '../../../lib/format';
import { closureReasonLabels } from '../../../lib/labels';
import type { ProblemIndex } from '../../../lib/problems';
import type { CaseContext } from '../events/event-spec';
import { Choice, DateInput, LongText, Radios, optionsOf } from '../fields';
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
  return (
    <>
      {needs.to && (
        <Radios
          path="to"
          label="Send to"
          required
          value={form.to}
          problems={problems}
          onChange={(to) => set({ to })}
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
        <DateInput
          path="victimConsultedOn"
          label="The victim was consulted on the action plan on"
          hint="2025 guidance: consult the victim before the plan is final. Recorded with the outcome."
          required={ctx.policy.duties.consultVictimOnActionPlan && !form.notConsultedReason.trim()}
          value={form.victimConsultedOn}
          max={ctx.today}
          problems={problems}
          onChange={(victimConsultedOn) => set({ victimConsultedOn })}
        />
      )}
      {summary.kind === 'outcome' && !form.victimConsultedOn && (
        <LongText
          path="notConsultedReason"
          label="Why the victim was not consulted"
          value={form.notConsultedReason}
          maxLength={2000}
          problems={problems}
          onChange={(notConsultedReason) => set({ notConsultedReason })}
        />
      )}
      {needs.appeal && (
        <Choice
          path="appealId"
          label="Appeal"
          required
          value={form.appealId}
          problems={problems}
          options={appeals.map((a) => ({
            value: a.appealId,
            label: `${a.kind === 'threshold-review' ? 'Review of the decision' : 'Appeal'} received ${formatDate(a.receivedOn, 'short')}${a.outcome ? ` (${a.outcome})` : ''}`,
          }))}
          onChange={(appealId) => set({ appealId })}
        />
      )}
      {needs.closure && (
        <Fieldset legend="When and why the case will close" path="closure" problems={problems}>
          <DateInput
            path="closure.closesOn"
            label="The case closes on"
            required
            value={form.closesOn}
            min={ctx.today}
            problems={problems}
            onChange={(closesOn) => set({ closesOn })}
          />
          <Choice
            path="closure.reason"
            label="Why"
            required
            value={form.closureReason}
            problems={problems}
            options={optionsOf(closureReasonLabels)}
            onChange={(closureReason) => set({ closureReason })}
          />
          <LongText
            path="closure.detail"
            label="Details for the victim"
            required={form.closureReason === 'other'}
            value={form.closureDetail}
            maxLength={2000}
            problems={problems}
            onChange={(closureDetail) => set({ closureDetail })}
          />
        </Fieldset>
      )}
    </>
  );
}
