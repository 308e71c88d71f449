import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { CaseDetail, Me } from '../../../../bot/api/contract';
import { eventPayloads, problemsOf, type EventType, type Policy } from '../../../../shared';
import { useApp } from '../../app-context';
import { ProblemSummary } from '../../components/problems';
import { asApiError, type ApiRequestError } from '../../lib/api-error';
import { ProblemIndex, type Problem } from '../../lib/problems';
import { uuid } from '../../lib/uuid';

/** What an event form knows about the case and who is recording. */
export interface CaseContext {
  detail: CaseDetail;
  me: Me;
  policy: Policy;
  today: string;
  agencyName(id: string): string;
  personName(id: string): string;
}

export interface FieldsProps<F> {
  form: F;
  set: (patch: Partial<F>) => void;
  problems: ProblemIndex;
  ctx: CaseContext;
}

/**
 * One action on a case: the button that opens it, the dialog's fields, and how they become the event's
 * payload. The payload is checked with the event's schema (shared `eventPayloads[type]`) before it is sent;
 * `check` adds the rules the schema cannot see (an override needs a reason).
 */
export interface EventSpec<F> {
  type: EventType;
  button: string;
  title: string;
  intro?: (ctx: CaseContext) => ReactNode;
  init: (ctx: CaseContext) => F;
  payload: (form: F, ctx: CaseContext) => unknown;
  check?: (form: F, ctx: CaseContext) => Problem[];
  Fields: (props: FieldsProps<F>) => ReactNode;
  submit?: string;
  /** A name for the field at a path, for the error summary. */
  labelOf?: (path: string) => string | undefined;
}

export type AnySpec = EventSpec<unknown>;

/** Erases a spec's form type so specs of different forms can sit in one table. */
export function spec<F>(s: EventSpec<F>): AnySpec {
  return s as unknown as AnySpec;
}

const useStyles = makeStyles({
  surface: { maxWidth: '52rem', width: 'calc(100vw - 2rem)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
  actions: { alignItems: 'center' },
});

/**
 * The dialog for one event. The event's id is chosen when the dialog opens and kept across retries, so a
 * retry after a lost answer records the event once. Fluent's Dialog traps focus and returns it to the
 * button on close.
 */
export function EventDialog({
  spec: s,
  ctx,
  onRecorded,
  appearance,
  label,
  size,
}: {
  spec: AnySpec;
  ctx: CaseContext;
  onRecorded: (type: EventType) => Promise<void> | void;
  appearance?: 'primary' | 'secondary';
  /** The trigger's accessible name when its text is not enough ("Update" beside each action). */
  label?: string;
  size?: 'small' | 'medium';
}) {
  const { api } = useApp();
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<unknown>(undefined);
  const eventId = useRef<string>('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<ApiRequestError | undefined>();
  const [busy, setBusy] = useState(false);
  const index = useMemo(() => new ProblemIndex(problems, { stripPrefixes: ['payload'] }), [problems]);
  const Fields = s.Fields;

  const start = () => {
    setForm(s.init(ctx));
    eventId.current = uuid();
    setProblems([]);
    setError(undefined);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || form === undefined) return;
    setError(undefined);
    const payload = s.payload(form, ctx);
    const parsed = eventPayloads[s.type].safeParse(payload);
    const own = s.check?.(form, ctx) ?? [];
    const found = [...own, ...(parsed.success ? [] : problemsOf(parsed.error))];
    setProblems(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      await api.recordEvent(ctx.detail.caseId, { id: eventId.current, type: s.type, payload: parsed.data });
      setOpen(false);
      setBusy(false);
      await onRecorded(s.type);
    } catch (err) {
      const apiError = asApiError(err);
      setError(apiError);
      setProblems([...apiError.problems]);
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      modalType="modal"
      onOpenChange={(_, d) => {
        if (busy) return;
        if (d.open) start();
        setOpen(d.open);
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button
          appearance={appearance ?? 'secondary'}
          {...(label ? { 'aria-label': label } : {})}
          size={size ?? 'medium'}
        >
          {s.button}
        </Button>
      </DialogTrigger>
      <DialogSurface className={styles.surface}>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>{s.title}</DialogTitle>
            <DialogContent className={styles.content}>
              {s.intro && <p className={styles.intro}>{s.intro(ctx)}</p>}
              {form !== undefined && (
                <Fields
                  form={form}
                  set={(patch) => setForm((f: unknown) => ({ ...(f as object), ...(patch as object) }))}
                  problems={index}
                  ctx={ctx}
                />
              )}
              <ProblemSummary
                title={error ? 'Not recorded' : undefined}
                message={error?.message ?? (problems.length > 0 ? 'Correct these and try again:' : undefined)}
                problems={index.all}
                {...(s.labelOf ? { labelOf: s.labelOf } : {})}
              />
            </DialogContent>
            <DialogActions className={styles.actions}>
              {busy && <Spinner size="tiny" label="Recording..." labelPosition="after" />}
              <DialogTrigger disableButtonEnhancement>
                <Button disabledFocusable={busy}>Cancel</Button>
              </DialogTrigger>
              <Button appearance="primary" type="submit" disabledFocusable={busy}>
                {s.submit ?? 'Record'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
