import { Button, Spinner, useRestoreFocusTarget } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { IssuedLetter, LetterSummary } from '../../../api/client';
import { useApp } from '../../../app-context';
import { useAction } from '../../../lib/use-action';
import { uuid } from '../../../lib/uuid';
import type { CaseContext } from '../events/event-spec';
import { capitalised, issuesInOneClick, letterNeeds } from '../letter-logic';
import { LetterDialog } from './letter-dialog';
import { useLetterStyles } from './styles';

/**
 * "Preview" and "Issue" for one letter: one click when the letter needs no choices, otherwise the dialog
 * with the choices and the preview.
 */
export function LetterActions({
  summary,
  ctx,
  onIssued,
}: {
  summary: LetterSummary;
  ctx: CaseContext;
  onIssued: (out: IssuedLetter, label: string) => Promise<void>;
}) {
  const { api } = useApp();
  const styles = useLetterStyles();
  const restoreFocus = useRestoreFocusTarget();
  const { detail } = ctx;
  const needs = letterNeeds(summary, detail.state);
  const oneClick = issuesInOneClick(needs);
  const label = capitalised(summary.label);
  const [dialog, setDialog] = useState<'preview' | 'issue' | undefined>();
  const issue = useAction();
  // One id per deliberate click of "Issue": kept when it fails, so "Try again" cannot issue twice.
  const requestId = useRef(uuid());
  const again = summary.issued.length > 0;

  const issueNow = async () => {
    const done = await issue.run(() =>
      api.issueLetter(detail.caseId, summary.kind, { requestId: requestId.current }),
    );
    if (!done.ok) return;
    requestId.current = uuid();
    await onIssued(done.value, summary.label);
  };

  const error = issue.error;
  return (
    <>
      <div className={styles.cellStack}>
        <div className={styles.buttons}>
          <Button
            size="small"
            {...restoreFocus}
            aria-label={`Preview ${label}`}
            onClick={() => setDialog('preview')}
          >
            Preview
          </Button>
          <Button
            size="small"
            appearance={again ? 'secondary' : 'primary'}
            {...restoreFocus}
            aria-label={`${again ? 'Issue again' : 'Issue'}: ${label}`}
            disabledFocusable={issue.busy}
            onClick={() => (oneClick ? void issueNow() : setDialog('issue'))}
          >
            {issue.busy
              ? 'Issuing...'
              : error
                ? 'Try again'
                : again
                  ? 'Issue again'
                  : oneClick
                    ? 'Issue'
                    : 'Issue...'}
          </Button>
          {issue.busy && <Spinner size="extra-tiny" label="Issuing the letter" labelPosition="after" />}
        </div>
        {error && (
          <span role="alert" className={styles.error}>
            Not issued: {error.message}
            {error.problems.length > 0 ? ` ${error.problems.map((p) => p.message).join(' ')}` : ''}
          </span>
        )}
      </div>
      {dialog && (
        <LetterDialog
          summary={summary}
          needs={needs}
          ctx={ctx}
          intent={dialog}
          onClose={() => setDialog(undefined)}
          onIssued={async (out) => {
            setDialog(undefined);
            await onIssued(out, summary.label);
          }}
        />
      )}
    </>
  );
}
