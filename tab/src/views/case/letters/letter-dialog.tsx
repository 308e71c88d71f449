import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { IssuedLetter, LetterPreview, LetterSummary } from '../../../api/client';
import { useApp } from '../../../app-context';
import { FormProblems, ProblemSummary } from '../../../components/problems';
import { useCommonStyles } from '../../../components/styles';
import { asApiError, type ApiRequestError } from '../../../lib/api-error';
import { ProblemIndex, type Problem } from '../../../lib/problems';
import { useAction } from '../../../lib/use-action';
import { uuid } from '../../../lib/uuid';
import { defaultClosure } from '../events/case-closed';
import type { CaseContext } from '../events/event-spec';
import { LongText } from '../../../components/fields';
import {
  capitalised,
  initialLetterForm,
  letterFormProblems,
  letterOptions,
  type LetterForm,
  type LetterNeeds,
} from '../letter-logic';
import { LetterChoices } from './letter-choices';
import { LetterHtml } from './letter-html';
import { useLetterStyles } from './styles';

/**
 * The letter's choices (recipient, what the victim is told, which appeal, when the case closes, names that
 * must not appear) beside the server's preview, which follows every change. The preview is the server's
 * escaped HTML (bot/letters/render-html.ts), rebuilt element by element (letter-html.tsx): defence in depth.
 */
export function LetterDialog({
  summary,
  needs,
  ctx,
  intent,
  onClose,
  onIssued,
}: {
  summary: LetterSummary;
  needs: LetterNeeds;
  ctx: CaseContext;
  intent: 'preview' | 'issue';
  onClose: () => void;
  onIssued: (out: IssuedLetter) => Promise<void>;
}) {
  const { api } = useApp();
  const styles = useLetterStyles();
  const common = useCommonStyles();
  const { detail } = ctx;
  const label = capitalised(summary.label);
  const [form, setForm] = useState<LetterForm>(() =>
    initialLetterForm(summary, detail.state, ctx.today, defaultClosure(ctx)),
  );
  const set = (patch: Partial<LetterForm>) => setForm((f) => ({ ...f, ...patch }));
  const [preview, setPreview] = useState<LetterPreview | undefined>();
  const [previewError, setPreviewError] = useState<ApiRequestError | undefined>();
  const [previewing, setPreviewing] = useState(false);
  const issue = useAction();
  const [formProblems, setFormProblems] = useState<Problem[]>([]);
  // Chosen when the dialog opens and kept across retries of "Issue": a retry after a lost answer issues once.
  const requestId = useRef(uuid());

  const local = letterFormProblems(form, needs);
  const options = useMemo(() => letterOptions(form, needs), [form, needs]);
  const optionsKey = JSON.stringify(options);
  const problems = useMemo(
    () =>
      new ProblemIndex([
        ...formProblems,
        ...(issue.error?.problems ?? []),
        ...(previewError?.problems ?? []),
      ]),
    [formProblems, issue.error, previewError],
  );

  useEffect(() => {
    if (local.length > 0) return;
    const ac = new AbortController();
    // A short pause, so typing a name does not ask the server on every key.
    const timer = setTimeout(() => {
      setPreviewing(true);
      api.previewLetter(detail.caseId, summary.kind, JSON.parse(optionsKey), ac.signal).then(
        (out) => {
          setPreview(out);
          setPreviewError(undefined);
          setPreviewing(false);
        },
        (err: unknown) => {
          if (ac.signal.aborted) return;
          setPreviewError(asApiError(err));
          setPreviewing(false);
        },
      );
    }, 300);
    return () => {
      clearTimeout(timer);
      ac.abort();
    };
    // Keyed on the options' JSON: a new object with the same choices asks nothing again.
  }, [api, detail.caseId, summary.kind, optionsKey, local.length]);

  const issueLetter = async () => {
    if (issue.busy) return;
    issue.reset();
    setFormProblems(local);
    if (local.length > 0) return;
    const done = await issue.run(() =>
      api.issueLetter(detail.caseId, summary.kind, { requestId: requestId.current, ...options }),
    );
    if (done.ok) await onIssued(done.value);
  };

  const hits = preview?.problems ?? [];
  const issueError = issue.error;

  return (
    <Dialog
      open
      modalType="modal"
      onOpenChange={(_, d) => {
        if (!d.open && !issue.busy) onClose();
      }}
    >
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>
            {intent === 'issue' ? 'Issue' : 'Preview'}: {label}
          </DialogTitle>
          <DialogContent className={styles.content}>
            <p className={styles.intro}>
              The letter as it will be issued today. Issuing keeps the Word document with the case and records
              it in the timeline
              {summary.meets ? '; it also records the step it completes, so its deadline is met' : ''}.
            </p>
            <LetterChoices
              summary={summary}
              needs={needs}
              ctx={ctx}
              form={form}
              set={set}
              problems={problems}
            />
            <LongText
              path="redact"
              label="Names that must not appear (optional)"
              hint="One a line: the alleged perpetrator, other third parties. A letter naming one is refused. The names are not kept."
              value={form.redact}
              maxLength={4000}
              rows={2}
              problems={problems}
              onChange={(redact) => set({ redact })}
            />
            {hits.length > 0 && (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>The letter names someone on your list</MessageBarTitle>
                  It cannot be issued like this.
                  <ul className={common.list}>
                    {hits.map((p) => (
                      <li key={p.path}>
                        Name {Number(/\d+/.exec(p.path)?.[0] ?? 0) + 1} on the list: {p.message}
                      </li>
                    ))}
                  </ul>
                </MessageBarBody>
              </MessageBar>
            )}
            <div aria-live="polite" className={styles.status}>
              {previewing && <Spinner size="tiny" label="Updating the preview..." labelPosition="after" />}
            </div>
            <ProblemSummary title="Could not show the preview" message={previewError?.message} />
            {preview && (
              <div
                className={styles.letter}
                role="region"
                aria-label={`Preview of the ${summary.label}`}
                // Scrollable: reachable by keyboard to read it with the arrow keys.
                tabIndex={0}
              >
                <LetterHtml html={preview.html} />
              </div>
            )}
            <FormProblems
              error={issueError}
              problems={issueError ? issueError.problems : formProblems}
              failed="Not issued"
            />
          </DialogContent>
          <DialogActions className={styles.buttons}>
            {issue.busy && <Spinner size="tiny" label="Issuing..." labelPosition="after" />}
            <Button disabledFocusable={issue.busy} onClick={onClose}>
              Close
            </Button>
            <Button
              appearance="primary"
              disabledFocusable={issue.busy || hits.length > 0}
              onClick={() => void issueLetter()}
            >
              {summary.issued.length > 0 ? 'Issue again' : 'Issue the letter'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
