import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useRef, type FormEvent } from 'react';
import {
  decide,
  eventPayloads,
  problemsOf,
  TransitionError,
  type CaseEvent,
  type EventType,
} from '../../../../../shared';
import { useApp } from '../../../app-context';
import { FormDialog, useFormDialog } from '../../../components/form-dialog';
import { FormProblems } from '../../../components/problems';
import { ProblemIndex, type Problem } from '../../../lib/problems';
import { useCheckedForm } from '../../../lib/use-checked-form';
import { useAction } from '../../../lib/use-action';
import { uuid } from '../../../lib/uuid';
import { binder } from '../../../components/fields';
import type { AnySpec, CaseContext, FieldsProps } from './event-spec';

const useStyles = makeStyles({
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
});

/**
 * The dialog for one event. The event's id is chosen when the dialog opens and kept across retries, so a
 * retry after a lost answer records the event once.
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
  const eventId = useRef<string>('');
  const record = useAction();
  const Fields = s.Fields;

  /** The form's problems as the browser sees them: the spec's checks, the schema, then the rules. */
  const check = (f: unknown): { found: Problem[]; payload?: unknown } => {
    const parsed = eventPayloads[s.type].safeParse(s.payload(f, ctx));
    const found = [...(s.check?.(f, ctx) ?? []), ...(parsed.success ? [] : problemsOf(parsed.error))];
    if (found.length > 0 || !parsed.success) return { found };
    const refused = ruleProblem(ctx, s.type, eventId.current, parsed.data);
    return refused ? { found: [refused] } : { found, payload: parsed.data };
  };

  const checked = useCheckedForm<object | undefined>(undefined, (f) => check(f).found);
  const { form, set, problems } = checked;
  const index = useMemo(() => new ProblemIndex(problems, { stripPrefixes: ['payload'] }), [problems]);

  const start = () => {
    eventId.current = uuid();
    checked.start(s.init(ctx) as object);
    record.reset();
  };
  const dialog = useFormDialog(start);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (record.busy || form === undefined) return;
    record.reset();
    const { found, payload } = check(form);
    checked.found(found);
    if (found.length > 0) return;
    const done = await record.run(() =>
      api.recordEvent(ctx.detail.caseId, { id: eventId.current, type: s.type, payload }),
    );
    if (!done.ok) {
      if (done.error) checked.refused(done.error.problems);
      return;
    }
    dialog.setOpen(false);
    await onRecorded(s.type);
  };

  return (
    <FormDialog
      state={dialog}
      busy={record.busy}
      title={s.title}
      submitLabel={s.submit ?? 'Record'}
      onSubmit={submit}
      trigger={
        <Button
          appearance={appearance ?? 'secondary'}
          {...(label ? { 'aria-label': label } : {})}
          size={size ?? 'medium'}
        >
          {s.button}
        </Button>
      }
    >
      {s.intro && <p className={styles.intro}>{s.intro(ctx)}</p>}
      {form !== undefined && (
        <Fields
          form={form}
          set={set}
          problems={index}
          ctx={ctx}
          field={binder(form as object, set, index) as FieldsProps<unknown>['field']}
        />
      )}
      <FormProblems error={record.error} problems={index.all} failed="Not recorded" labelOf={s.labelOf} />
    </FormDialog>
  );
}

/**
 * The rules' answer in the browser, before anything is sent (issue 15): the same `decide` the server runs,
 * on the case as the officer sees it (whole), so a future date or a step out of order shows beside its
 * field at once. Recorded "today" as the server counts it (London), not by this device's clock. Others see
 * part of the case, so only the server judges their events.
 */
function ruleProblem(ctx: CaseContext, type: EventType, id: string, payload: unknown): Problem | undefined {
  if (!ctx.detail.can.remind) return undefined; // an officer's view is the whole case
  const event = { id, type, actor: ctx.me.person.id, at: `${ctx.today}T12:00:00Z`, payload } as CaseEvent;
  try {
    decide(ctx.detail.state, event, ctx.policy);
    return undefined;
  } catch (err) {
    if (!(err instanceof TransitionError)) return undefined; // the server will say
    return { path: err.field ?? '', message: err.reason.replace(/^[\w.[\]]+: /, '') };
  }
}
