import {
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ApiRequestError } from '../lib/api-error';
import { fieldId, type Problem } from '../lib/problems';

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
});

/** Server messages may start lower-case (a rule's reason); a message shown alone starts with a capital. */
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Focuses the first control inside the field for `path` (see FormField), if it is on screen. */
export function focusField(path: string): boolean {
  const root = document.getElementById(fieldId(path));
  const control = root?.matches('input, select, textarea, button')
    ? root
    : root?.querySelector<HTMLElement>('input, select, textarea, button, [tabindex]');
  if (!control) return false;
  (control as HTMLElement).focus();
  return true;
}

/**
 * The error beside the button that caused it: the server's (or the form's) message, then every problem with
 * a link to its field. An alert, so it is announced when it appears.
 */
export function ProblemSummary({
  title,
  message,
  problems = [],
  labelOf,
}: {
  title?: string;
  message?: string;
  problems?: readonly Problem[];
  /** A name for the field at a path, for the summary's links ("Date received"). */
  labelOf?: (path: string) => string | undefined;
}) {
  const styles = useStyles();
  if (!message && problems.length === 0) return null;
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          {title ?? (problems.length > 0 ? 'Check the form' : 'That did not work')}
        </MessageBarTitle>
        {message && capitalise(message)}
        {problems.length > 0 && (
          <ul className={styles.list}>
            {problems.map((p, i) => {
              const label = p.path ? labelOf?.(p.path) : undefined;
              return (
                <li key={`${p.path}-${i}`}>
                  {p.path && document.getElementById(fieldId(p.path)) ? (
                    <Link as="button" type="button" inline onClick={() => focusField(p.path)}>
                      {label ? `${label}: ` : ''}
                      {p.message}
                    </Link>
                  ) : (
                    <>
                      {label ? `${label}: ` : ''}
                      {p.message}
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * A form's problems under its submit button: the server's refusal (titled `failed`: "Not recorded"), or
 * the form's own problems after `ask` ("Correct these and try again:").
 */
export function FormProblems({
  error,
  problems,
  failed,
  ask = 'Correct these and try again:',
  labelOf,
}: {
  error: ApiRequestError | undefined;
  problems: readonly Problem[];
  failed: string;
  ask?: string;
  labelOf?: ((path: string) => string | undefined) | undefined;
}) {
  return (
    <ProblemSummary
      {...(error ? { title: failed } : {})}
      {...(error ? { message: error.message } : problems.length > 0 ? { message: ask } : {})}
      problems={problems}
      {...(labelOf ? { labelOf } : {})}
    />
  );
}
