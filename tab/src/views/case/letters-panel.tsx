import {
  Badge,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import {
  Fragment,
  createElement,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import {
  downloadBlob,
  type IssuedLetter,
  type LetterList,
  type LetterPreview,
  type LetterSummary,
} from '../../api/client';
import { useApp } from '../../app-context';
import { Fieldset } from '../../components/fieldset';
import { ProblemSummary } from '../../components/problems';
import { useCommonStyles } from '../../components/styles';
import { asApiError, type ApiRequestError } from '../../lib/api-error';
import { formatDate } from '../../lib/format';
import { closureReasonLabels } from '../../lib/labels';
import { ProblemIndex, type Problem } from '../../lib/problems';
import { uuid } from '../../lib/uuid';
import type { CaseContext } from './events';
import { defaultClosure } from './events';
import { Choice, DateInput, LongText, Radios, optionsOf } from './fields';
import {
  appealChoices,
  capitalised,
  clockMet,
  initialLetterForm,
  issuesInOneClick,
  letterFileName,
  letterFormProblems,
  letterNeeds,
  letterOptions,
  lettersNotNow,
  lettersNow,
  previewClass,
  previewTreatment,
  type LetterForm,
  type LetterNeeds,
} from './letter-logic';

const useStyles = makeStyles({
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  cellStack: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    alignItems: 'flex-start',
    padding: `${tokens.spacingVerticalXS} 0`,
  },
  small: { fontSize: tokens.fontSizeBase200 },
  error: { fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteRedForeground1 },
  surface: { maxWidth: '60rem', width: 'calc(100vw - 2rem)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  letter: {
    maxHeight: '55vh',
    minHeight: '12rem',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    lineHeight: tokens.lineHeightBase400,
    '& .letter': { maxWidth: '44rem', margin: '0 auto' },
    '& .letterhead': { textAlign: 'right', color: tokens.colorNeutralForeground2 },
    '& .address': { margin: `${tokens.spacingVerticalXL} 0` },
    '& .meta': { color: tokens.colorNeutralForeground2 },
    '& h2': {
      fontSize: tokens.fontSizeBase500,
      margin: `${tokens.spacingVerticalXL} 0 ${tokens.spacingVerticalS}`,
    },
    '& h3': {
      fontSize: tokens.fontSizeBase400,
      margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalXS}`,
    },
    '& .marking': { fontWeight: tokens.fontWeightBold, textAlign: 'center' },
    '& .field': { display: 'flex', flexDirection: 'column', margin: `${tokens.spacingVerticalS} 0` },
    '& .answer': {
      border: `1px solid ${tokens.colorNeutralStroke1}`,
      minHeight: '1.6em',
      padding: '2px 6px',
    },
    '& .signature': { marginTop: tokens.spacingVerticalXL },
    '& table': { borderCollapse: 'collapse', width: '100%' },
    '& th, & td': {
      border: `1px solid ${tokens.colorNeutralStroke2}`,
      padding: '4px 6px',
      textAlign: 'left',
      verticalAlign: 'top',
    },
    '& caption': { textAlign: 'left', fontWeight: tokens.fontWeightSemibold },
  },
  checks: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  status: { minHeight: '1.5em' },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
});

/**
 * The Letters section: the letters that can be written now, each with "Preview" (the server's HTML in a
 * sandboxed frame) and "Issue" (one click when the letter needs no choices; otherwise the dialog with the
 * choices and the preview). Issuing stores the .docx with the case and records it; the case is reloaded so
 * the file, the timeline and the clock the letter meets show it. Only a SPOC or manager writes letters.
 */
export function LettersSection({
  ctx,
  onChanged,
}: {
  ctx: CaseContext;
  /** Reload the case; the message is announced. */
  onChanged: (message: string) => Promise<void>;
}) {
  const { api } = useApp();
  const styles = useStyles();
  const common = useCommonStyles();
  const { detail } = ctx;
  const [list, setList] = useState<LetterList | undefined>();
  const [error, setError] = useState<ApiRequestError | undefined>();
  const [loading, setLoading] = useState(true);
  // The news of the last letter issued, until the case moves on past what the issue recorded.
  const [news, setNews] = useState<{ text: string; issued: IssuedLetter; until: number } | undefined>();
  const current = news && detail.version <= news.until ? news : undefined;
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<ApiRequestError | undefined>();

  const load = useCallback(
    async (signal?: AbortSignal) => {
      setLoading(true);
      try {
        const out = await api.letters(detail.caseId, signal);
        setList(out);
        setError(undefined);
      } catch (err) {
        if (!signal?.aborted) setError(asApiError(err));
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    [api, detail.caseId],
  );

  useEffect(() => {
    const ac = new AbortController();
    void load(ac.signal);
    return () => ac.abort();
    // The list changes with the case: reload it with each new version.
  }, [load, detail.version]);

  const issued = async (out: IssuedLetter, label: string) => {
    const text =
      out.recorded.length === 0
        ? `${capitalised(label)} had already been issued (${out.name}); nothing was recorded twice.`
        : `Issued: ${capitalised(label)} (${out.name}). It is in the case's files and timeline.`;
    setNews({ text, issued: out, until: detail.version + out.recorded.length });
    await onChanged(text);
  };

  const download = async (fileId: string, name: string) => {
    setDownloading(true);
    setDownloadError(undefined);
    try {
      downloadBlob(await api.file(detail.caseId, fileId), name);
    } catch (err) {
      setDownloadError(asApiError(err));
    } finally {
      setDownloading(false);
    }
  };

  const now = list ? lettersNow(list.letters, detail.state) : [];
  const notNow = list ? lettersNotNow(list.letters, detail.state) : [];

  return (
    <section aria-labelledby="case-letters" className={common.section}>
      <h2 id="case-letters" className={common.h2}>
        Letters
      </h2>
      {!list && loading && <Spinner size="small" label="Loading the letters..." labelPosition="after" />}
      {error && (
        <>
          <ProblemSummary title="Could not load the letters" message={error.message} />
          <Button size="small" onClick={() => void load()}>
            Try again
          </Button>
        </>
      )}
      {list && now.length === 0 && (
        <p className={common.muted}>No letter can be written at this stage of the case.</p>
      )}
      {list && now.length > 0 && (
        <div className={common.tableWrap}>
          <Table aria-label="Letters that can be written now" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Letter</TableHeaderCell>
                <TableHeaderCell>To</TableHeaderCell>
                <TableHeaderCell>Issued</TableHeaderCell>
                <TableHeaderCell>Deadline it meets</TableHeaderCell>
                <TableHeaderCell>Preview and issue</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {now.map((summary) => (
                <LetterRow
                  key={summary.kind}
                  summary={summary}
                  ctx={ctx}
                  onIssued={issued}
                  onDownload={download}
                  downloading={downloading}
                />
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <p role="status" aria-live="polite" className={styles.status}>
        {current && (
          <>
            {current.text}{' '}
            <Link
              as="button"
              type="button"
              onClick={() => void download(current.issued.fileId, current.issued.name)}
              disabledFocusable={downloading}
            >
              Download {current.issued.name}
            </Link>
          </>
        )}
      </p>
      <ProblemSummary title="Could not download the letter" message={downloadError?.message} />
      {notNow.length > 0 && (
        <details>
          <summary>Letters that do not apply now ({notNow.length})</summary>
          <ul className={common.list}>
            {notNow.map((l) => (
              <li key={l.kind}>
                <strong>{capitalised(l.label)}</strong>: {l.why ?? 'not at this stage.'}
                {l.issued.length > 0
                  ? ` Issued ${l.issued.map((i) => formatDate(i.issuedOn, 'short')).join(', ')}.`
                  : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function LetterRow({
  summary,
  ctx,
  onIssued,
  onDownload,
  downloading,
}: {
  summary: LetterSummary;
  ctx: CaseContext;
  onIssued: (out: IssuedLetter, label: string) => Promise<void>;
  onDownload: (fileId: string, name: string) => Promise<void>;
  downloading: boolean;
}) {
  const { api } = useApp();
  const styles = useStyles();
  const common = useCommonStyles();
  const restoreFocus = useRestoreFocusTarget();
  const { detail } = ctx;
  const needs = letterNeeds(summary, detail.state);
  const oneClick = issuesInOneClick(needs);
  const label = capitalised(summary.label);
  const [dialog, setDialog] = useState<'preview' | 'issue' | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError | undefined>();
  // One id per deliberate click of "Issue": kept when it fails, so "Try again" cannot issue twice.
  const requestId = useRef(uuid());
  const clock = clockMet(summary.meets, detail.clocks);
  const again = summary.issued.length > 0;

  const issueNow = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const out = await api.issueLetter(detail.caseId, summary.kind, { requestId: requestId.current });
      requestId.current = uuid();
      setBusy(false);
      await onIssued(out, summary.label);
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  };

  return (
    <TableRow>
      <TableCell>
        <strong>{label}</strong>
      </TableCell>
      <TableCell>
        {summary.kind === 'ct2' || summary.to === 'applicant'
          ? 'The applicant'
          : needs.to
            ? 'The victim or the applicant'
            : 'The victim'}
      </TableCell>
      <TableCell>
        <div className={styles.cellStack}>
          {summary.issued.length === 0 && <span className={common.muted}>Not yet</span>}
          {summary.issued.map((i) => {
            const name = letterFileName(i.fileId, detail.files, detail.reference, summary.label);
            return (
              <span key={i.letterId} className={styles.small}>
                {formatDate(i.issuedOn, 'short')}
                {i.fileId && (
                  <>
                    {' '}
                    <Link
                      as="button"
                      type="button"
                      inline
                      disabledFocusable={downloading}
                      aria-label={`Download ${name}`}
                      onClick={() => void onDownload(i.fileId!, name)}
                    >
                      Download
                    </Link>
                  </>
                )}
              </span>
            );
          })}
        </div>
      </TableCell>
      <TableCell>
        {!clock ? (
          <span className={common.muted}>None</span>
        ) : clock.metOn ? (
          <span>
            {clock.label}:{' '}
            <Badge appearance="tint" color={clock.late ? 'danger' : 'success'}>
              {clock.late ? 'Met late' : 'Met'}
            </Badge>{' '}
            {formatDate(clock.metOn, 'short')}
          </span>
        ) : (
          <span>
            {clock.label}: due {formatDate(clock.dueOn, 'short')}
          </span>
        )}
      </TableCell>
      <TableCell>
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
              disabledFocusable={busy}
              onClick={() => (oneClick ? void issueNow() : setDialog('issue'))}
            >
              {busy
                ? 'Issuing...'
                : error
                  ? 'Try again'
                  : again
                    ? 'Issue again'
                    : oneClick
                      ? 'Issue'
                      : 'Issue...'}
            </Button>
            {busy && <Spinner size="extra-tiny" label="Issuing the letter" labelPosition="after" />}
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
      </TableCell>
    </TableRow>
  );
}

/**
 * The letter's choices (recipient, what the victim is told, which appeal, when the case closes, names that
 * must not appear) beside the server's preview, which follows every change. The preview is the server's
 * escaped HTML (bot/letters/render-html.ts) shown in a frame with no scripts: defence in depth.
 */
function LetterDialog({
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
  const styles = useStyles();
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
  const [issuing, setIssuing] = useState(false);
  const [issueError, setIssueError] = useState<ApiRequestError | undefined>();
  const [formProblems, setFormProblems] = useState<Problem[]>([]);
  // Chosen when the dialog opens and kept across retries of "Issue": a retry after a lost answer issues once.
  const requestId = useRef(uuid());

  const local = letterFormProblems(form, needs);
  const options = useMemo(() => letterOptions(form, needs), [form, needs]);
  const optionsKey = JSON.stringify(options);
  const problems = useMemo(
    () =>
      new ProblemIndex([...formProblems, ...(issueError?.problems ?? []), ...(previewError?.problems ?? [])]),
    [formProblems, issueError, previewError],
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

  const issue = async () => {
    if (issuing) return;
    setIssueError(undefined);
    setFormProblems(local);
    if (local.length > 0) return;
    setIssuing(true);
    try {
      const out = await api.issueLetter(detail.caseId, summary.kind, {
        requestId: requestId.current,
        ...options,
      });
      setIssuing(false);
      await onIssued(out);
    } catch (err) {
      setIssueError(asApiError(err));
      setIssuing(false);
    }
  };

  const choices = summary.choices;
  const appeals = appealChoices(summary.kind, detail.state);
  const hits = preview?.problems ?? [];

  return (
    <Dialog
      open
      modalType="modal"
      onOpenChange={(_, d) => {
        if (!d.open && !issuing) onClose();
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
            {needs.to && (
              <Radios
                path="to"
                label="Send to"
                required
                value={form.to}
                problems={problems}
                onChange={(to) => set({ to })}
                options={[
                  { value: 'victim', label: 'The victim' },
                  { value: 'applicant', label: 'The third party who applied for them' },
                ]}
              />
            )}
            {needs.choices && choices && (
              <Fieldset
                legend="What the victim is told"
                hint="Only what you tick goes in the letter. Leave out anything that would identify the alleged perpetrator; some actions cannot be shared."
                path="recommendations"
                problems={problems}
              >
                <div className={styles.checks}>
                  {choices.recommendations.map((r, i) => (
                    <Checkbox
                      key={r.id}
                      label={`Recommendation ${i + 1}: ${r.text}`}
                      checked={form.recommendations.includes(r.id)}
                      onChange={(_, d) =>
                        set({
                          recommendations:
                            d.checked === true
                              ? [...form.recommendations, r.id]
                              : form.recommendations.filter((x) => x !== r.id),
                        })
                      }
                    />
                  ))}
                  {choices.actions.map((a, i) => (
                    <Checkbox
                      key={a.id}
                      label={`Action ${i + 1}: ${a.description} (${ctx.agencyName(a.ownerAgency)}, due ${formatDate(a.dueOn, 'short')})`}
                      checked={form.actions.includes(a.id)}
                      onChange={(_, d) =>
                        set({
                          actions:
                            d.checked === true
                              ? [...form.actions, a.id]
                              : form.actions.filter((x) => x !== a.id),
                        })
                      }
                    />
                  ))}
                </div>
              </Fieldset>
            )}
            {summary.kind === 'outcome' && (
              <DateInput
                path="victimConsultedOn"
                label="The victim was consulted on the action plan on"
                hint="2025 guidance: consult the victim before the plan is final. Recorded with the outcome."
                required={ctx.policy.duties.consultVictimOnActionPlan && !form.notConsultedReason.trim()}
                value={form.victimConsultedOn}
                max={ctx.today}
                problems={problems}
                onChange={(victimConsultedOn) => set({ victimConsultedOn })}
              />
            )}
            {summary.kind === 'outcome' && !form.victimConsultedOn && (
              <LongText
                path="notConsultedReason"
                label="Why the victim was not consulted"
                value={form.notConsultedReason}
                maxLength={2000}
                problems={problems}
                onChange={(notConsultedReason) => set({ notConsultedReason })}
              />
            )}
            {needs.appeal && (
              <Choice
                path="appealId"
                label="Appeal"
                required
                value={form.appealId}
                problems={problems}
                options={appeals.map((a) => ({
                  value: a.appealId,
                  label: `${a.kind === 'threshold-review' ? 'Review of the decision' : 'Appeal'} received ${formatDate(a.receivedOn, 'short')}${a.outcome ? ` (${a.outcome})` : ''}`,
                }))}
                onChange={(appealId) => set({ appealId })}
              />
            )}
            {needs.closure && (
              <Fieldset legend="When and why the case will close" path="closure" problems={problems}>
                <DateInput
                  path="closure.closesOn"
                  label="The case closes on"
                  required
                  value={form.closesOn}
                  min={ctx.today}
                  problems={problems}
                  onChange={(closesOn) => set({ closesOn })}
                />
                <Choice
                  path="closure.reason"
                  label="Why"
                  required
                  value={form.closureReason}
                  problems={problems}
                  options={optionsOf(closureReasonLabels)}
                  onChange={(closureReason) => set({ closureReason })}
                />
                <LongText
                  path="closure.detail"
                  label="Details for the victim"
                  required={form.closureReason === 'other'}
                  value={form.closureDetail}
                  maxLength={2000}
                  problems={problems}
                  onChange={(closureDetail) => set({ closureDetail })}
                />
              </Fieldset>
            )}
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
            <ProblemSummary
              title={issueError ? 'Not issued' : undefined}
              message={
                issueError?.message ?? (formProblems.length > 0 ? 'Correct these and try again:' : undefined)
              }
              problems={issueError ? issueError.problems : formProblems}
            />
          </DialogContent>
          <DialogActions className={styles.buttons}>
            {issuing && <Spinner size="tiny" label="Issuing..." labelPosition="after" />}
            <Button disabledFocusable={issuing} onClick={onClose}>
              Close
            </Button>
            <Button
              appearance="primary"
              disabledFocusable={issuing || hits.length > 0}
              onClick={() => void issue()}
            >
              {summary.issued.length > 0 ? 'Issue again' : 'Issue the letter'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/**
 * The server's preview fragment as React elements, never as innerHTML: parsed into an inert document,
 * then only allowed elements (with their class) are rebuilt; scripts, frames, forms and the like are dropped
 * with their content, and anything else unknown keeps only its text.
 */
function LetterHtml({ html }: { html: string }) {
  const nodes = useMemo(() => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    return Array.from(doc.body.childNodes, (n, i) => toReact(n, i));
  }, [html]);
  return <>{nodes}</>;
}

function toReact(node: Node, key: number): ReactNode {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const el = node as Element;
  const treatment = previewTreatment(el.tagName);
  if (treatment === 'drop') return null;
  const children = Array.from(el.childNodes, (n, i) => toReact(n, i));
  if (treatment === 'unwrap') return <Fragment key={key}>{children}</Fragment>;
  const tag = el.tagName.toLowerCase();
  const className = previewClass(el.getAttribute('class'));
  return tag === 'br'
    ? createElement('br', { key })
    : createElement(tag, { key, ...(className ? { className } : {}) }, ...children);
}
