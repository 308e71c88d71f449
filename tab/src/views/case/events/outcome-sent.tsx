import { Choice, DateInput, LongText, useFieldStyles } from '../fields';
import { blank, opt, spec, type FieldsProps } from './event-spec';

interface OutcomeForm {
  sentOn: string;
  method: 'phone-and-letter' | 'letter' | 'email' | 'other';
  victimConsultedOn: string;
  notConsultedReason: string;
}

function OutcomeFields({ form, field, ctx }: FieldsProps<OutcomeForm>) {
  const styles = useFieldStyles();
  return (
    <>
      <div className={styles.two}>
        <DateInput {...field('sentOn')} label="Sent on" required max={ctx.today} />
        <Choice
          {...field('method')}
          label="How"
          required
          options={[
            { value: 'phone-and-letter', label: 'Phone call, then a letter' },
            { value: 'letter', label: 'Letter' },
            { value: 'email', label: 'Email' },
            { value: 'other', label: 'Other' },
          ]}
        />
      </div>
      <DateInput
        {...field('victimConsultedOn')}
        label="Victim consulted on the action plan on"
        required={ctx.policy.duties.consultVictimOnActionPlan && blank(form.notConsultedReason)}
        max={form.sentOn || ctx.today}
      />
      {!form.victimConsultedOn && (
        <LongText
          {...field('notConsultedReason')}
          label="Why the victim was not consulted"
          maxLength={2000}
        />
      )}
    </>
  );
}

export const outcomeSent = spec<OutcomeForm>({
  type: 'outcome-sent',
  button: 'Outcome sent',
  title: 'Record that the outcome was sent to the victim',
  intro: (ctx) =>
    (ctx.policy.duties.consultVictimOnActionPlan
      ? 'The 2025 statutory guidance: the victim is consulted on the action plan before it is final. Give the date, or say why not. '
      : '') + "Leave out the alleged perpetrator's personal data.",
  init: (ctx) => ({
    sentOn: ctx.today,
    method: 'phone-and-letter',
    victimConsultedOn: '',
    notConsultedReason: '',
  }),
  payload: (f) => ({
    sentOn: f.sentOn,
    method: f.method,
    ...opt('victimConsultedOn', f.victimConsultedOn),
    ...(f.victimConsultedOn ? {} : opt('notConsultedReason', f.notConsultedReason.trim())),
  }),
  check: (f, ctx) =>
    ctx.policy.duties.consultVictimOnActionPlan && !f.victimConsultedOn && blank(f.notConsultedReason)
      ? [
          {
            path: 'victimConsultedOn',
            message: 'Give the date the victim was consulted on the action plan, or say why they were not.',
          },
        ]
      : [],
  Fields: OutcomeFields,
});
