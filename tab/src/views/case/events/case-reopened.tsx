import { DateInput, LongText } from '../../../components/fields';
import { spec, type FieldsProps } from './event-spec';

interface ReopenForm {
  reopenedOn: string;
  reason: string;
}

function ReopenFields({ field, ctx }: FieldsProps<ReopenForm>) {
  return (
    <>
      <DateInput {...field('reopenedOn')} label="Reopened on" required max={ctx.today} />
      <LongText {...field('reason')} label="Why" required maxLength={2000} />
    </>
  );
}

export const caseReopened = spec<ReopenForm>({
  type: 'case-reopened',
  button: 'Reopen case',
  title: 'Reopen the case',
  intro: () =>
    'A review request or appeal received after closure reopens the case by itself; reopen here for any other reason, which is recorded.',
  init: (ctx) => ({ reopenedOn: ctx.today, reason: '' }),
  payload: (f) => ({ reopenedOn: f.reopenedOn, reason: f.reason.trim() }),
  submit: 'Reopen the case',
  Fields: ReopenFields,
});
