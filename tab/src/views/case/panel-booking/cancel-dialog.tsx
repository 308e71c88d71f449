import { Button } from '@fluentui/react-components';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useApp } from '../../../app-context';
import { FormDialog, useFormDialog } from '../../../components/form-dialog';
import { FormProblems } from '../../../components/problems';
import { ProblemIndex, type Problem } from '../../../lib/problems';
import { useAction } from '../../../lib/use-action';
import { uuid } from '../../../lib/uuid';
import { LongText } from '../../../components/fields';
import { usePanelStyles } from './styles';
import { formatSlot, type PanelDialogProps } from '../panel-logic';

/** Cancelling the meeting in the calendar; the members are told the reason. */
export function CancelDialog({ ctx, onDone }: PanelDialogProps) {
  const { api } = useApp();
  const styles = usePanelStyles();
  const [reason, setReason] = useState('');
  const cancel = useAction();
  const [problems, setProblems] = useState<Problem[]>([]);
  const requestId = useRef('');
  const index = useMemo(() => new ProblemIndex(problems), [problems]);
  const panel = ctx.detail.state.panel;

  const start = () => {
    setReason('');
    cancel.reset();
    setProblems([]);
    requestId.current = uuid();
  };
  const dialog = useFormDialog(start);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (cancel.busy) return;
    cancel.reset();
    if (!reason.trim()) {
      setProblems([
        { path: 'reason', message: 'Give the reason: it goes to the members with the cancellation.' },
      ]);
      return;
    }
    setProblems([]);
    const done = await cancel.run(() =>
      api.cancelPanel(ctx.detail.caseId, { requestId: requestId.current, reason: reason.trim() }),
    );
    if (!done.ok) {
      if (done.error) setProblems([...done.error.problems]);
      return;
    }
    dialog.setOpen(false);
    await onDone(done.value, 'Panel cancelled. Book it again when a new time is agreed.');
  };

  return (
    <FormDialog
      state={dialog}
      busy={cancel.busy}
      busyLabel="Cancelling..."
      title="Cancel the panel meeting"
      submitLabel="Cancel the meeting"
      cancelLabel="Keep the meeting"
      maxWidth="60rem"
      onSubmit={submit}
      trigger={<Button>Cancel the panel</Button>}
    >
      {panel && (
        <p className={styles.intro}>
          The meeting on {formatSlot(panel)} (UK time) is cancelled in the calendar, and the members are told
          the reason.
        </p>
      )}
      <LongText
        path="reason"
        label="Reason"
        required
        value={reason}
        maxLength={1000}
        problems={index}
        onChange={setReason}
      />
      <FormProblems
        error={cancel.error}
        problems={index.all}
        failed="Not cancelled"
        ask="Correct this and try again:"
      />
    </FormDialog>
  );
}
