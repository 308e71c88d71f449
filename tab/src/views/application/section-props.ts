import type { ApplicationFormState } from '../../lib/application-form';
import type { ProblemIndex } from '../../lib/problems';

/** What each part of the application form gets: the form, how to change it, and its problems by path. */
export interface SectionProps {
  form: ApplicationFormState;
  update: (patch: Partial<ApplicationFormState>) => void;
  problems: ProblemIndex;
}

/** A value ticked into a list, or out of it. */
export const toggle = (list: string[], value: string, on: boolean) =>
  on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
