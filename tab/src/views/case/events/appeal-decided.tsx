import { splitReasons } from '../../../lib/case-helpers';
import { Choice, DateInput, LongText, Radios, useFieldStyles } from '../fields';
import { appealOptions } from './appeal-request-fields';
import { opt, spec, type FieldsProps } from './event-spec';

interface AppealDecidedForm {
  appealId: string;
  decidedOn: string;
  outcome: 'upheld' | 'dismissed';
  reasons: string;
  notifiedOn: string;
}

function AppealDecidedFields({ field, ctx }: FieldsProps<AppealDecidedForm>) {
  const styles = useFieldStyles();
  return (
    <>
      <Choice
        {...field('appealId')}
        label="Appeal"
        required
        placeholder="Choose..."
        options={appealOptions(ctx, false)}
      />
      <Radios
        {...field('outcome')}
        label="Decision"
        required
        options={[
          { value: 'upheld', label: 'Upheld' },
          { value: 'dismissed', label: 'Dismissed' },
        ]}
      />
      <LongText
        {...field('reasons')}
        label="Reasons"
        required
        hint="Separate reasons with a blank line."
        maxLength={5000}
        rows={4}
      />
      <div className={styles.two}>
        <DateInput {...field('decidedOn')} label="Decided on" required max={ctx.today} />
        <DateInput
          {...field('notifiedOn')}
          label="Applicant already told on"
          max={ctx.today}
          hint="Leave blank until they are told: issuing the appeal decision letter records it."
        />
      </div>
    </>
  );
}

export const appealDecided = spec<AppealDecidedForm>({
  type: 'appeal-decided',
  button: 'Appeal decided',
  title: 'Record the appeal decision',
  intro: () =>
    'Upheld: the applicant was right (the threshold is met, or the case goes back to review). The clock is met when the applicant is told: when the appeal decision letter is issued, or a contact is recorded.',
  init: (ctx) => ({
    appealId: appealOptions(ctx, false)[0]?.value ?? '',
    decidedOn: ctx.today,
    outcome: 'dismissed',
    reasons: '',
    notifiedOn: '',
  }),
  payload: (f) => ({
    appealId: f.appealId,
    decidedOn: f.decidedOn,
    outcome: f.outcome,
    reasons: splitReasons(f.reasons),
    ...opt('notifiedOn', f.notifiedOn),
  }),
  check: (f) =>
    splitReasons(f.reasons).length === 0
      ? [{ path: 'reasons', message: 'Give the reasons for the decision.' }]
      : [],
  Fields: AppealDecidedFields,
});
