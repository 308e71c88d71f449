import { victimChoiceLabels } from '../../../lib/labels';
import { Choice, DateInput, Radios, optionsOf } from '../fields';
import { spec, type FieldsProps } from './event-spec';

interface ContactForm {
  contactedOn: string;
  method: 'phone' | 'email' | 'letter' | 'in-person' | 'other';
  choice: keyof typeof victimChoiceLabels;
}

function ContactFields({ field, ctx }: FieldsProps<ContactForm>) {
  return (
    <>
      <DateInput {...field('contactedOn')} label="Contacted on" required max={ctx.today} />
      <Choice
        {...field('method')}
        label="How"
        required
        options={[
          { value: 'phone', label: 'Phone' },
          { value: 'email', label: 'Email' },
          { value: 'letter', label: 'Letter' },
          { value: 'in-person', label: 'In person' },
          { value: 'other', label: 'Other' },
        ]}
      />
      <Radios
        {...field('choice')}
        label="The victim's choice"
        required
        options={optionsOf(victimChoiceLabels)}
      />
    </>
  );
}

export const victimContacted = spec<ContactForm>({
  type: 'victim-contacted',
  button: 'Record victim contact',
  title: 'Record contact with the victim',
  intro: () =>
    'The victim chooses how to take part: attend the panel (in person or online), send an impact statement, or neither.',
  init: (ctx) => ({
    contactedOn: ctx.today,
    method: 'phone',
    choice: ctx.detail.state.victimContact?.choice ?? 'undecided',
  }),
  payload: (f) => ({ contactedOn: f.contactedOn, method: f.method, choice: f.choice }),
  Fields: ContactFields,
});
