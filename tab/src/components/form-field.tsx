import { Field, type FieldProps } from '@fluentui/react-components';
import { fieldId, type ProblemIndex } from '../lib/problems';

/**
 * A labelled field keyed by the path the API and the schemas use for it, so a problem at that path shows
 * here (Fluent's Field marks the control invalid and links the message with aria-describedby).
 */
export function FormField({
  path,
  problems,
  extraMessage,
  ...props
}: Omit<FieldProps, 'validationMessage' | 'id'> & {
  path: string;
  problems: ProblemIndex;
  /** A message from the form itself (e.g. a warning), shown when the schema has none. */
  extraMessage?: { text: string; state: 'warning' | 'error' | 'success' | 'none' };
}) {
  const error = problems.at(path);
  const message = error ?? extraMessage?.text;
  const state = error ? 'error' : (extraMessage?.state ?? 'none');
  return (
    <Field
      {...props}
      id={fieldId(path)}
      {...(message ? { validationMessage: message, validationState: state } : {})}
    />
  );
}
