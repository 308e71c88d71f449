import { Choice, DateInput, useFieldStyles } from '../../../components/fields';
import { ConsultedOn } from '../consulted-on';
import { blank, opt, spec, type FieldsProps } from './event-spec';
import { outcomeMethods } from './options';

interface OutcomeForm {
  sentOn: string;
  method: 'phone-and-letter' | 'letter' | 'email' | 'other';
  victimConsultedOn: string;
  notConsultedReason: string;
}

function OutcomeFields({ form, field, ctx }: FieldsProps<OutcomeForm>) {
  const styles = useFieldStyles();
  const consultedRequired = ctx.policy.duties.consultVictimOnActionPlan && blank(form.notConsultedReason);
  return (
    <>
      <div className={styles.two}>
        <DateInput {...field('sentOn')} label="Sent on" required max={ctx.today} />
        <Choice {...field('method')} label="How" required options={outcomeMethods} />
      </div>
      <ConsultedOn
        consulted={field('victimConsultedOn')}
        reason={field('notConsultedReason')}
        required={consultedRequired}
        max={form.sentOn || ctx.today}
        label="Victim consulted on the action plan on"
      />
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
