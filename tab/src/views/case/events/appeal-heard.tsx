import { DateInput, TextInput } from '../../../components/fields';
import { AppealChoice, appealOptions } from './appeal-request-fields';
import { spec, type FieldsProps } from './event-spec';

interface HeardForm {
  appealId: string;
  heardOn: string;
  by: string;
}

function HeardFields({ field, ctx }: FieldsProps<HeardForm>) {
  return (
    <>
      <AppealChoice {...field('appealId')} ctx={ctx} notHeardOnly />
      <DateInput {...field('heardOn')} label="Heard on" required max={ctx.today} />
      <TextInput {...field('by')} label="Heard by" required maxLength={200} />
    </>
  );
}

export const appealHeard = spec<HeardForm>({
  type: 'appeal-heard',
  button: 'Appeal heard',
  title: 'Record that the appeal was heard',
  init: (ctx) => ({
    appealId: appealOptions(ctx, true)[0]?.value ?? '',
    heardOn: ctx.today,
    by: ctx.policy.appeals.hearer.slice(0, 200),
  }),
  payload: (f) => ({ appealId: f.appealId, heardOn: f.heardOn, by: f.by.trim() }),
  Fields: HeardFields,
});
