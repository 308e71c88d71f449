import { victimChoiceLabels } from '../../../lib/labels';
import { Choice, DateInput, Radios, optionsOf } from '../../../components/fields';
import { spec, type FieldsProps } from './event-spec';
import { victimContactMethods } from './options';

interface ContactForm {
  contactedOn: string;
  method: 'phone' | 'email' | 'letter' | 'in-person' | 'other';
  choice: keyof typeof victimChoiceLabels;
}

function ContactFields({ field, ctx }: FieldsProps<ContactForm>) {
  const choices = optionsOf(victimChoiceLabels);
  return (
    <>
      <DateInput {...field('contactedOn')} label="Contacted on" required max={ctx.today} />
      <Choice {...field('method')} label="How" required options={victimContactMethods} />
      <Radios {...field('choice')} label="The victim's choice" required options={choices} />
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
