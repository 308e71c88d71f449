import { Button, Radio, RadioGroup, Spinner } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { PanelSlots } from '../../../api/client';
import { useApp } from '../../../app-context';
import { Fieldset } from '../../../components/fieldset';
import { FormField } from '../../../components/form-field';
import { formatDate } from '../../../lib/format';
import { ProblemIndex } from '../../../lib/problems';
import { useAction } from '../../../lib/use-action';
import type { CaseContext } from '../events/event-spec';
import { Choice, DateInput, TimeInput, binder, useFieldStyles } from '../../../components/fields';
import {
  defaultSearch,
  durationOptions,
  formatSlot,
  isChosenSlot,
  slotSearchBody,
  slotToForm,
  type PanelForm,
} from '../panel-logic';
import { usePanelStyles } from './styles';

/**
 * Step 3: when. Free times from the calendars that can be read (the rest are named, to be asked), or a
 * date and times typed in. The search starts afresh each time the dialog opens (it is mounted with it).
 */
export function WhenStep({
  form,
  set,
  problems,
  ctx,
}: {
  form: PanelForm;
  set: (patch: Partial<PanelForm>) => void;
  problems: ProblemIndex;
  ctx: CaseContext;
}) {
  const { api } = useApp();
  const styles = usePanelStyles();
  const fieldStyles = useFieldStyles();
  const [search, setSearch] = useState(() => defaultSearch(ctx.today));
  const [slots, setSlots] = useState<PanelSlots | undefined>();
  const find = useAction();
  const slotError = find.error;
  const slotIndex = useMemo(() => new ProblemIndex(slotError?.problems ?? []), [slotError]);

  const look = binder(search, (patch) => setSearch((s) => ({ ...s, ...patch })), slotIndex);
  const field = binder(form, set, problems);

  const findTimes = async () => {
    const done = await find.run(() => api.panelSlots(ctx.detail.caseId, slotSearchBody(form, search)));
    if (done.ok) setSlots(done.value);
  };

  return (
    <Fieldset legend="When" path="start" problems={problems}>
      <div className={fieldStyles.two}>
        <DateInput {...look('from')} label="Look from" min={ctx.today} />
        <DateInput {...look('to')} label="Look until" min={search.from} />
        <Choice
          path="durationMinutes"
          label="Length"
          value={String(search.durationMinutes)}
          problems={slotIndex}
          options={durationOptions.map((m) => ({
            value: String(m),
            label: m < 120 ? `${m} minutes` : `${m / 60} hours`,
          }))}
          onChange={(v) => setSearch((s) => ({ ...s, durationMinutes: Number(v) }))}
        />
      </div>
      <div className={styles.block}>
        <div className={styles.buttons}>
          <Button onClick={() => void findTimes()} disabledFocusable={find.busy}>
            {find.busy ? 'Finding times...' : 'Find times'}
          </Button>
          {find.busy && <Spinner size="tiny" label="Checking calendars..." labelPosition="after" />}
        </div>
        {slotError && (
          <span role="alert" className={styles.error}>
            Could not find times: {slotError.message}
            {slotError.problems.length > 0 ? ` ${slotError.problems.map((p) => p.message).join(' ')}` : ''}
          </span>
        )}
      </div>
      {slots && slots.slots.length === 0 && (
        <p role="status" className={styles.status}>
          No free time was found in working hours between {formatDate(search.from, 'short')} and{' '}
          {formatDate(search.to, 'short')}. Look further ahead, or enter a time below.
        </p>
      )}
      {slots && slots.slots.length > 0 && (
        <FormField
          path="proposed"
          label="Proposed times"
          problems={problems}
          hint={
            slots.toAsk.length > 0
              ? `These calendars could not be checked; ask them whether the time suits: ${slots.toAsk.join(', ')}.`
              : 'Everyone on the panel is free at these times.'
          }
        >
          <RadioGroup
            className={styles.slots}
            value={slots.slots.find((s) => isChosenSlot(form, s))?.start ?? ''}
            onChange={(_, d) => {
              const slot = slots.slots.find((s) => s.start === d.value);
              if (slot) set(slotToForm(slot));
            }}
          >
            {slots.slots.map((s) => (
              <Radio key={s.start} value={s.start} label={formatSlot(s)} />
            ))}
          </RadioGroup>
        </FormField>
      )}
      <div className={fieldStyles.two}>
        <DateInput {...field('date')} label="Date" required min={ctx.today} />
        <TimeInput {...field('startTime')} label="Starts" required />
        <TimeInput {...field('endTime')} path="end" label="Ends" required />
      </div>
    </Fieldset>
  );
}
