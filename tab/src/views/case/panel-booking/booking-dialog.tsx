import { Button } from '@fluentui/react-components';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useApp } from '../../../app-context';
import { FormDialog, useFormDialog } from '../../../components/form-dialog';
import { FormProblems } from '../../../components/problems';
import { victimChoiceLabels } from '../../../lib/labels';
import { ProblemIndex } from '../../../lib/problems';
import { useCheckedForm } from '../../../lib/use-checked-form';
import { useAction } from '../../../lib/use-action';
import { useLoad } from '../../../lib/use-load';
import { uuid } from '../../../lib/uuid';
import { Radios, TextInput, binder, optionsOf } from '../../../components/fields';
import { ChairStep } from './chair-step';
import { MembersStep } from './members-step';
import { usePanelStyles } from './styles';
import { WhenStep } from './when-step';
import {
  bookingBody,
  formatSlot,
  initialPanelForm,
  panelProblems,
  type PanelDialogProps,
  type PanelForm,
} from '../panel-logic';

const words = {
  book: {
    trigger: 'Book the panel',
    title: 'Book the case review panel',
    submit: 'Book',
    busy: 'Booking...',
    failed: 'Not booked',
    done: 'Panel booked',
  },
  reschedule: {
    trigger: 'Reschedule',
    title: 'Move the panel meeting',
    submit: 'Save the new time',
    busy: 'Moving the meeting...',
    failed: 'Not moved',
    done: 'Panel moved',
  },
};

/**
 * Booking (or moving) the panel, step by step: who sits on it, the chair, how the victim takes part, when,
 * and where. One request id per attempt, kept across retries: a retry after a lost answer books once.
 */
export function BookingDialog({ mode, ctx, onDone }: PanelDialogProps & { mode: 'book' | 'reschedule' }) {
  const { api } = useApp();
  const styles = usePanelStyles();
  const { detail, policy } = ctx;
  const w = words[mode];
  const [initial] = useState(() => initialPanelForm(detail.state, policy, uuid));
  const checked = useCheckedForm<PanelForm>(initial, (f) => panelProblems(f, policy, { needTime: true }));
  const { form, set, problems } = checked;
  const save = useAction();
  const requestId = useRef('');
  const index = useMemo(() => new ProblemIndex(problems), [problems]);
  const field = binder(form, set, index);
  // Issue 15: people picked from the directory (the server fills in their email for the invitation).
  const directory = useLoad((signal) => api.panelPeople(detail.caseId, signal), [api, detail.caseId]);

  const start = () => {
    checked.start(initialPanelForm(detail.state, policy, uuid));
    save.reset();
    requestId.current = uuid();
  };
  const dialog = useFormDialog(start);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (save.busy) return;
    save.reset();
    const found = panelProblems(form, policy, { needTime: true });
    checked.found(found);
    if (found.length > 0) return;
    const body = bookingBody(form, requestId.current);
    const done = await save.run(() =>
      mode === 'book' ? api.bookPanel(detail.caseId, body) : api.reschedulePanel(detail.caseId, body),
    );
    if (!done.ok) {
      if (done.error) checked.refused(done.error.problems);
      return;
    }
    const result = done.value;
    dialog.setOpen(false);
    await onDone(
      result,
      `${w.done}: ${formatSlot(result)} (UK time).${result.fileId ? ' The calendar file is in the case files.' : ''}`,
    );
  };

  return (
    <FormDialog
      state={dialog}
      busy={save.busy}
      busyLabel={w.busy}
      title={w.title}
      submitLabel={w.submit}
      maxWidth="60rem"
      onSubmit={submit}
      trigger={<Button appearance={mode === 'book' ? 'primary' : 'secondary'}>{w.trigger}</Button>}
    >
      <p className={styles.intro}>
        Times are UK time.{' '}
        {ctx.me.mode === 'm365'
          ? 'The meeting is made in the panel calendar with a Teams link, and the members are invited.'
          : 'A calendar file (.ics) is kept with the case, for you to send to the members.'}{' '}
        Email addresses are used for the invitation only and are not kept with the case.
      </p>
      <MembersStep form={form} set={set} problems={index} ctx={ctx} people={directory.data?.people ?? []} />
      <ChairStep form={form} set={set} problems={index} policy={policy} />
      <Radios
        {...field('victimParticipation')}
        label="How the victim takes part"
        required
        hint="The victim may attend the start of the meeting, in person or online, or send a written impact statement."
        options={optionsOf(victimChoiceLabels)}
      />
      <WhenStep form={form} set={set} problems={index} ctx={ctx} />
      <TextInput
        {...field('location')}
        label="Where (optional)"
        hint={
          ctx.me.mode === 'm365'
            ? 'For a meeting in person; the Teams link is added either way.'
            : 'A room, or "Online" with how to join.'
        }
        maxLength={500}
      />
      <FormProblems error={save.error} problems={index.all} failed={w.failed} />
    </FormDialog>
  );
}
