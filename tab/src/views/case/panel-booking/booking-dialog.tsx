import { Button } from '@fluentui/react-components';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { BookingResult } from '../../../api/client';
import { useApp } from '../../../app-context';
import { FormDialog } from '../../../components/form-dialog';
import { ProblemSummary } from '../../../components/problems';
import { victimChoiceLabels } from '../../../lib/labels';
import { ProblemIndex, type Problem } from '../../../lib/problems';
import { useAction } from '../../../lib/use-action';
import { uuid } from '../../../lib/uuid';
import type { CaseContext } from '../events/event-spec';
import { Radios, TextInput, optionsOf } from '../fields';
import { bookingBody, formatSlot, initialPanelForm, panelProblems, type PanelForm } from '../panel-logic';
import { ChairStep } from './chair-step';
import { MembersStep } from './members-step';
import { usePanelStyles } from './styles';
import { WhenStep } from './when-step';

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
export function BookingDialog({
  mode,
  ctx,
  onDone,
}: {
  mode: 'book' | 'reschedule';
  ctx: CaseContext;
  onDone: (result: BookingResult, message: string) => Promise<void>;
}) {
  const { api } = useApp();
  const styles = usePanelStyles();
  const { detail, policy } = ctx;
  const w = words[mode];
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<PanelForm>(() => initialPanelForm(detail.state, policy, uuid));
  const set = (patch: Partial<PanelForm>) => setForm((f) => ({ ...f, ...patch }));
  const save = useAction();
  const [problems, setProblems] = useState<Problem[]>([]);
  const requestId = useRef('');
  const index = useMemo(() => new ProblemIndex(problems), [problems]);

  const start = () => {
    setForm(initialPanelForm(detail.state, policy, uuid));
    save.reset();
    setProblems([]);
    requestId.current = uuid();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (save.busy) return;
    save.reset();
    const found = panelProblems(form, policy, { needTime: true });
    setProblems(found);
    if (found.length > 0) return;
    const body = bookingBody(form, requestId.current);
    const done = await save.run(() =>
      mode === 'book' ? api.bookPanel(detail.caseId, body) : api.reschedulePanel(detail.caseId, body),
    );
    if (!done.ok) {
      if (done.error) setProblems([...done.error.problems]);
      return;
    }
    const result = done.value;
    setOpen(false);
    await onDone(
      result,
      `${w.done}: ${formatSlot(result)} (UK time).${result.fileId ? ' The calendar file is in the case files.' : ''}`,
    );
  };

  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      onOpen={start}
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
      <MembersStep form={form} set={set} problems={index} ctx={ctx} />
      <ChairStep form={form} set={set} problems={index} policy={policy} />
      <Radios
        path="victimParticipation"
        label="How the victim takes part"
        required
        hint="The victim may attend the start of the meeting, in person or online, or send a written impact statement."
        value={form.victimParticipation}
        problems={index}
        options={optionsOf(victimChoiceLabels)}
        onChange={(victimParticipation) => set({ victimParticipation })}
      />
      <WhenStep form={form} set={set} problems={index} ctx={ctx} />
      <TextInput
        path="location"
        label="Where (optional)"
        hint={
          ctx.me.mode === 'm365'
            ? 'For a meeting in person; the Teams link is added either way.'
            : 'A room, or "Online" with how to join.'
        }
        value={form.location}
        maxLength={500}
        problems={index}
        onChange={(location) => set({ location })}
      />
      <ProblemSummary
        title={save.error ? w.failed : undefined}
        message={save.error?.message ?? (problems.length > 0 ? 'Correct these and try again:' : undefined)}
        problems={index.all}
      />
    </FormDialog>
  );
}
