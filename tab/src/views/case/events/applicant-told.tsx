import { formatDate } from '../../../lib/format';
import type { Problem } from '../../../lib/problems';
import { Choice, DateInput, useFieldStyles } from '../../../components/fields';
import { spec, type CaseContext, type FieldsProps } from './event-spec';
import { toldMethods } from './options';

/**
 * A recorded contact that told the applicant a decision: the duty is met by the act that meets it, never
 * by a default date.
 */

interface ToldForm {
  /** "decision", or the id of a decided appeal. */
  about: string;
  toldOn: string;
  method: (typeof toldMethods)[number]['value'];
}

/** The decisions the applicant has not been told of yet, newest first. */
function untoldDecisions(ctx: CaseContext): { value: string; label: string }[] {
  const s = ctx.detail.state;
  const decision = s.decisions.at(-1);
  return [
    ...s.appeals
      .filter((a) => a.decidedOn && !a.notifiedOn)
      .reverse()
      .map((a) => ({
        value: a.appealId,
        label: `The ${a.kind === 'threshold-review' ? 'review' : 'appeal'} decision of ${formatDate(a.decidedOn, 'short')}`,
      })),
    ...(decision && !decision.notifiedOn
      ? [{ value: 'decision', label: `The threshold decision of ${formatDate(decision.decidedOn, 'short')}` }]
      : []),
  ];
}

function ToldFields({ field, ctx }: FieldsProps<ToldForm>) {
  const styles = useFieldStyles();
  const decisions = untoldDecisions(ctx);
  return (
    <>
      <Choice {...field('about')} label="The decision" required placeholder="Choose..." options={decisions} />
      <div className={styles.two}>
        <DateInput {...field('toldOn')} label="Told on" required max={ctx.today} />
        <Choice {...field('method')} label="How" required options={toldMethods} />
      </div>
    </>
  );
}

export const applicantTold = spec<ToldForm>({
  type: 'applicant-told',
  button: 'Applicant told',
  title: 'Record that the applicant was told a decision',
  intro: () =>
    'For a phone call, email or meeting that told the applicant. Issuing the CT3, CT4 or appeal decision letter records this for you.',
  init: (ctx) => ({ about: untoldDecisions(ctx)[0]?.value ?? '', toldOn: ctx.today, method: 'phone' }),
  payload: (f) =>
    f.about === 'decision'
      ? { about: 'threshold-decision', toldOn: f.toldOn, method: f.method }
      : { about: 'appeal-decision', appealId: f.about, toldOn: f.toldOn, method: f.method },
  check: (f): Problem[] => (f.about ? [] : [{ path: 'about', message: 'Choose the decision.' }]),
  Fields: ToldFields,
});
