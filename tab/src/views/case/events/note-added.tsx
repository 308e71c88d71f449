import { LongText } from '../../../components/fields';
import { spec, type FieldsProps } from './event-spec';

interface NoteForm {
  text: string;
}

function NoteFields({ field }: FieldsProps<NoteForm>) {
  return <LongText {...field('text')} label="Note" required maxLength={10_000} rows={6} />;
}

export const noteAdded = spec<NoteForm>({
  type: 'note-added',
  button: 'Add a note',
  title: 'Add a note to the case',
  intro: () => 'Notes are part of the case record and visible to the agencies on the case.',
  init: () => ({ text: '' }),
  payload: (f) => ({ text: f.text.trim() }),
  Fields: NoteFields,
});
