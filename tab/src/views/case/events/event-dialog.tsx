import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { eventPayloads, problemsOf, type EventType } from '../../../../../shared';
import { useApp } from '../../../app-context';
import { FormDialog, useFormDialog } from '../../../components/form-dialog';
import { FormProblems } from '../../../components/problems';
import { ProblemIndex, type Problem } from '../../../lib/problems';
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
  const [form, setForm] = useState<unknown>(undefined);
  const eventId = useRef<string>('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const record = useAction();
  const index = useMemo(() => new ProblemIndex(problems, { stripPrefixes: ['payload'] }), [problems]);
  const Fields = s.Fields;
  const set = (patch: object) => setForm((f: unknown) => ({ ...(f as object), ...patch }));

  const start = () => {
    setForm(s.init(ctx));
    eventId.current = uuid();
    setProblems([]);
    record.reset();
  };
  const dialog = useFormDialog(start);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (record.busy || form === undefined) return;
    record.reset();
    const payload = s.payload(form, ctx);
    const parsed = eventPayloads[s.type].safeParse(payload);
    const found = [...(s.check?.(form, ctx) ?? []), ...(parsed.success ? [] : problemsOf(parsed.error))];
    setProblems(found);
    if (found.length > 0) return;
    const done = await record.run(() =>
      api.recordEvent(ctx.detail.caseId, { id: eventId.current, type: s.type, payload: parsed.data }),
    );
    if (!done.ok) {
      if (done.error) setProblems([...done.error.problems]);
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
