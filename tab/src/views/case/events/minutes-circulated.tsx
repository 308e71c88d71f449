import { DateInput } from '../../../components/fields';
import { spec, type FieldsProps } from './event-spec';

interface MinutesForm {
  circulatedOn: string;
}

function MinutesFields({ field, ctx }: FieldsProps<MinutesForm>) {
  return <DateInput {...field('circulatedOn')} label="Circulated on" required max={ctx.today} />;
}

export const minutesCirculated = spec<MinutesForm>({
  type: 'minutes-circulated',
  button: 'Minutes circulated',
  title: 'Record that the minutes and action plan were circulated',
  init: (ctx) => ({ circulatedOn: ctx.today }),
  payload: (f) => ({ circulatedOn: f.circulatedOn }),
  Fields: MinutesFields,
});
