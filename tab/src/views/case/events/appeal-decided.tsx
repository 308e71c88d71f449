import { splitReasons } from '../../../lib/case-helpers';
import { LongText, Radios } from '../../../components/fields';
import { AppealChoice, DecidedAndTold, appealOptions } from './appeal-request-fields';
import { opt, spec, type FieldsProps } from './event-spec';
import { appealOutcomeOptions } from './options';

interface AppealDecidedForm {
  appealId: string;
  decidedOn: string;
  outcome: 'upheld' | 'dismissed';
  reasons: string;
  notifiedOn: string;
}

function AppealDecidedFields({ field, ctx }: FieldsProps<AppealDecidedForm>) {
  const hint = 'Separate reasons with a blank line.';
  return (
    <>
      <AppealChoice {...field('appealId')} ctx={ctx} notHeardOnly={false} />
      <Radios {...field('outcome')} label="Decision" required options={appealOutcomeOptions} />
      <LongText {...field('reasons')} label="Reasons" required hint={hint} maxLength={5000} rows={4} />
      <DecidedAndTold
        decided={field('decidedOn')}
        told={field('notifiedOn')}
        today={ctx.today}
        letter="the appeal decision letter"
      />
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
