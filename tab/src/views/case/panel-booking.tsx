import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { downloadBlob, type BookingResult, type PanelPapers, type PanelSlots } from '../../api/client';
import { useApp } from '../../app-context';
import { Fieldset } from '../../components/fieldset';
import { FormField } from '../../components/form-field';
import { ProblemSummary } from '../../components/problems';
import { useCommonStyles } from '../../components/styles';
import { asApiError, type ApiRequestError } from '../../lib/api-error';
import { relevantNow } from '../../lib/case-helpers';
import { quorumBodyIds } from '../../../../shared';
import { formatDate } from '../../lib/format';
import { victimChoiceLabels } from '../../lib/labels';
import { ProblemIndex, type Problem } from '../../lib/problems';
import { uuid } from '../../lib/uuid';
import type { CaseContext } from './events';
import {
  Choice,
  DateInput,
  LongText,
  Radios,
  RemoveButton,
  TextInput,
  Tick,
  TimeInput,
  optionsOf,
  useFieldStyles,
} from './fields';
import {
  blankMember,
  bookingBody,
  chairAdvice,
  defaultSearch,
  durationOptions,
  formatSlot,
  initialPanelForm,
  isChosenSlot,
  missingBodies,
  panelProblems,
  quorumOf,
  roleLabels,
  slotSearchBody,
  slotToForm,
  type PanelForm,
} from './panel-logic';

const useStyles = makeStyles({
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  surface: { maxWidth: '60rem', width: 'calc(100vw - 2rem)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
  slots: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(18rem, 1fr))' },
  status: { minHeight: '1.5em', margin: 0 },
  small: { fontSize: tokens.fontSizeBase200 },
  error: { fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteRedForeground1 },
  quorum: { margin: 0 },
  block: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    alignItems: 'flex-start',
  },
});

/** Agencies, each saying whether it counts toward the panel minimum (the policy's list, East Herts s.12). */
const agencyOptions = (ctx: CaseContext) => {
  const counted = new Set(quorumBodyIds(ctx.policy));
  return ctx.policy.agencies.map((a) => ({
    value: a.id,
    label: `${a.name}${counted.has(a.id) ? '' : ' (not counted in the panel minimum)'}`,
  }));
};

const chairPreference: Record<string, string> = {
  'independent-neighbouring-authority':
    'The policy asks for an independent chair from a neighbouring authority where possible.',
  independent: 'The policy asks for an independent chair.',
  'council-manager': 'The policy has a council manager chair the panel.',
};

/**
 * The panel: who sits on it (the quorum live), the independent chair, how the victim takes part, free
 * times, and booking, rescheduling or cancelling the meeting in the calendar (a Teams meeting in Microsoft
 * 365; an .ics file kept with the case in local mode); then the panel papers. Replaces the plain "Book
 * panel" event, which records a booking without the calendar.
 */
export function PanelSection({
  ctx,
  onChanged,
}: {
  ctx: CaseContext;
  onChanged: (message: string) => Promise<void>;
}) {
  const { api } = useApp();
  const styles = useStyles();
  const common = useCommonStyles();
  const { detail } = ctx;
  const { state } = detail;
  const panel = state.panel;
  const booked = panel?.status === 'booked' ? panel : undefined;
  const can = new Set(detail.can.record);
  const canBook = can.has('panel-booked') && relevantNow('panel-booked', state) && !booked;
  const canChange = can.has('panel-booked') && !!booked && state.status === 'panel-booked';
  const canCancel = can.has('panel-cancelled') && relevantNow('panel-cancelled', state);
  const decisionMet = state.decisions.at(-1)?.outcome === 'met';
  // The papers are for the meeting: offered while the review is being prepared.
  const preparing = decisionMet && (state.status === 'threshold-met' || state.status === 'panel-booked');
  const [last, setLast] = useState<BookingResult | undefined>();
  const [icsBusy, setIcsBusy] = useState(false);
  const [icsError, setIcsError] = useState<ApiRequestError | undefined>();

  if (!decisionMet && !panel) return null;

  const changed = async (result: BookingResult, message: string) => {
    setLast(result);
    await onChanged(message);
  };

  const downloadIcs = async () => {
    setIcsBusy(true);
    setIcsError(undefined);
    try {
      downloadBlob(await api.panelCalendar(detail.caseId), `${detail.reference} panel meeting.ics`);
    } catch (err) {
      setIcsError(asApiError(err));
    } finally {
      setIcsBusy(false);
    }
  };

  const quorum = panel ? quorumOf(panel.members, ctx.policy) : undefined;
  const hasIcs = detail.files.some((f) => f.kind === 'calendar' && f.name.endsWith('.ics'));

  return (
    <section aria-labelledby="case-panel-booking" className={common.section}>
      <h2 id="case-panel-booking" className={common.h2}>
        Panel meeting
      </h2>
      {!panel && (
        <p>
          No panel meeting is booked. The panel needs representatives of at least{' '}
          {ctx.policy.panel.minimumDistinctBodies} of{' '}
          {quorumBodyIds(ctx.policy).map(ctx.agencyName).join(', ')}.{' '}
          {chairPreference[ctx.policy.panel.chair] ?? ''}
        </p>
      )}
      {panel && (
        <div className={common.card}>
          <p className={styles.quorum}>
            <strong>
              {panel.status === 'cancelled' ? 'Cancelled: ' : preparing ? 'Booked: ' : 'Panel meeting: '}
              {formatSlot(panel)}
            </strong>{' '}
            (UK time).{' '}
            {quorum && (
              <Badge appearance="tint" color={quorum.met ? 'success' : 'warning'}>
                {quorum.met ? 'Quorate' : 'Not quorate'}
              </Badge>
            )}
          </p>
          <p>
            Where: {panel.location ?? (panel.joinUrl ? 'Online, on Microsoft Teams' : 'not given')}. Chair:{' '}
            {panel.chair.name} ({panel.chair.organisation}
            {panel.chair.independent ? ', independent' : ', not independent'}). The victim:{' '}
            {victimChoiceLabels[panel.victimParticipation].toLowerCase()}.
          </p>
          <div className={common.tableWrap}>
            <Table aria-label="Panel members" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Member</TableHeaderCell>
                  <TableHeaderCell>Agency</TableHeaderCell>
                  <TableHeaderCell>Role</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {panel.members.map((m, i) => (
                  <TableRow key={`${m.agencyId}-${i}`}>
                    <TableCell>{m.name}</TableCell>
                    <TableCell>{ctx.agencyName(m.agencyId)}</TableCell>
                    <TableCell>{roleLabels[m.role]}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {booked && (
            <div className={styles.buttons}>
              {booked.joinUrl && (
                <Link href={booked.joinUrl} target="_blank" rel="noreferrer">
                  Join the Teams meeting
                </Link>
              )}
              {(hasIcs || ctx.me.mode === 'local' || !booked.joinUrl) && (
                <Button size="small" disabledFocusable={icsBusy} onClick={() => void downloadIcs()}>
                  {icsBusy ? 'Downloading...' : 'Download calendar file (.ics)'}
                </Button>
              )}
              {icsBusy && <Spinner size="extra-tiny" label="Downloading" labelPosition="after" />}
            </div>
          )}
          {icsError && (
            <p role="alert" className={styles.error}>
              Could not download the calendar file: {icsError.message}
            </p>
          )}
        </div>
      )}
      {last && (last.warnings.length > 0 || last.notInvited.length > 0) && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Check the booking</MessageBarTitle>
            <ul className={common.list}>
              {last.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
              {last.notInvited.length > 0 && (
                <li>
                  Not sent an invitation (no email address): {last.notInvited.join(', ')}. Tell them another
                  way.
                </li>
              )}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {(canBook || canChange || canCancel) && (
        <div className={styles.buttons} role="group" aria-label="Book or change the panel meeting">
          {canBook && <BookingDialog mode="book" ctx={ctx} onDone={changed} />}
          {canChange && <BookingDialog mode="reschedule" ctx={ctx} onDone={changed} />}
          {canCancel && <CancelDialog ctx={ctx} onDone={changed} />}
        </div>
      )}
      {preparing && (
        <>
          <h3 className={common.h3}>Panel papers</h3>
          <p className={styles.intro}>
            The case summary and every agency&apos;s current return, with late returns marked, in one Word
            document marked OFFICIAL-SENSITIVE and kept with the case. It leaves out the victim&apos;s name
            and contact details.
          </p>
          <PapersButton ctx={ctx} onChanged={onChanged} />
        </>
      )}
    </section>
  );
}

function BookingDialog({
  mode,
  ctx,
  onDone,
}: {
  mode: 'book' | 'reschedule';
  ctx: CaseContext;
  onDone: (result: BookingResult, message: string) => Promise<void>;
}) {
  const { api } = useApp();
  const styles = useStyles();
  const fieldStyles = useFieldStyles();
  const { detail, policy } = ctx;
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<PanelForm>(() => initialPanelForm(detail.state, policy, uuid));
  const set = (patch: Partial<PanelForm>) => setForm((f) => ({ ...f, ...patch }));
  const [search, setSearch] = useState(() => defaultSearch(ctx.today));
  const [slots, setSlots] = useState<PanelSlots | undefined>();
  const [finding, setFinding] = useState(false);
  const [slotError, setSlotError] = useState<ApiRequestError | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError | undefined>();
  const [problems, setProblems] = useState<Problem[]>([]);
  // One id per booking attempt, kept across retries: a retry after a lost answer books once.
  const requestId = useRef('');
  const index = useMemo(() => new ProblemIndex(problems), [problems]);
  const slotIndex = useMemo(() => new ProblemIndex(slotError?.problems ?? []), [slotError]);

  const start = () => {
    setForm(initialPanelForm(detail.state, policy, uuid));
    setSearch(defaultSearch(ctx.today));
    setSlots(undefined);
    setSlotError(undefined);
    setError(undefined);
    setProblems([]);
    requestId.current = uuid();
  };

  const quorum = quorumOf(form.members, policy);
  const missing = missingBodies(form.members, policy);
  const advice = chairAdvice(form, policy);
  const setRow = (i: number, patch: Partial<PanelForm['members'][number]>) =>
    set({ members: form.members.map((r, k) => (k === i ? { ...r, ...patch } : r)) });

  const findTimes = async () => {
    if (finding) return;
    setFinding(true);
    setSlotError(undefined);
    try {
      const out = await api.panelSlots(detail.caseId, slotSearchBody(form, search));
      setSlots(out);
    } catch (err) {
      setSlotError(asApiError(err));
    } finally {
      setFinding(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(undefined);
    const found = panelProblems(form, policy, { needTime: true });
    setProblems(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      const body = bookingBody(form, requestId.current);
      const result =
        mode === 'book'
          ? await api.bookPanel(detail.caseId, body)
          : await api.reschedulePanel(detail.caseId, body);
      setBusy(false);
      setOpen(false);
      await onDone(
        result,
        `${mode === 'book' ? 'Panel booked' : 'Panel moved'}: ${formatSlot(result)} (UK time).${result.fileId ? ' The calendar file is in the case files.' : ''}`,
      );
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
        <Button appearance={mode === 'book' ? 'primary' : 'secondary'}>
          {mode === 'book' ? 'Book the panel' : 'Reschedule'}
        </Button>
      </DialogTrigger>
      <DialogSurface className={styles.surface}>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>
              {mode === 'book' ? 'Book the case review panel' : 'Move the panel meeting'}
            </DialogTitle>
            <DialogContent className={styles.content}>
              <p className={styles.intro}>
                Times are UK time.{' '}
                {ctx.me.mode === 'm365'
                  ? 'The meeting is made in the panel calendar with a Teams link, and the members are invited.'
                  : 'A calendar file (.ics) is kept with the case, for you to send to the members.'}{' '}
                Email addresses are used for the invitation only and are not kept with the case.
              </p>

              <Fieldset legend="Who sits on the panel" path="members" problems={index}>
                <p aria-live="polite" aria-atomic="true" className={styles.quorum}>
                  <Badge appearance="tint" color={quorum.met ? 'success' : 'warning'}>
                    {quorum.met ? 'Quorate' : 'Not quorate'}
                  </Badge>{' '}
                  {quorum.bodies.length} of at least {quorum.required} of the bodies that make up the panel
                  {quorum.bodies.length > 0 ? `: ${quorum.bodies.map(ctx.agencyName).join(', ')}` : ''}.
                  {quorum.others.length > 0
                    ? ` Also present, not counted: ${quorum.others.map(ctx.agencyName).join(', ')}.`
                    : ''}
                </p>
                <div className={fieldStyles.rows}>
                  {form.members.map((row, i) => (
                    <div key={row.key} className={fieldStyles.row}>
                      <TextInput
                        path={`members[${i}].name`}
                        label={`Member ${i + 1}: name`}
                        required
                        value={row.name}
                        maxLength={200}
                        problems={index}
                        onChange={(name) => setRow(i, { name })}
                      />
                      <Choice
                        path={`members[${i}].agencyId`}
                        label={`Member ${i + 1}: agency`}
                        required
                        value={row.agencyId}
                        problems={index}
                        placeholder="Choose..."
                        options={agencyOptions(ctx)}
                        onChange={(agencyId) => setRow(i, { agencyId })}
                      />
                      <Choice
                        path={`members[${i}].role`}
                        label={`Member ${i + 1}: role`}
                        required
                        value={row.role}
                        problems={index}
                        options={optionsOf(roleLabels)}
                        onChange={(role) => setRow(i, { role })}
                      />
                      <EmailInput
                        path={`members[${i}].email`}
                        label={`Member ${i + 1}: email (optional)`}
                        value={row.email}
                        problems={index}
                        onChange={(email) => setRow(i, { email })}
                      />
                      <RemoveButton
                        label={`Remove member ${i + 1}`}
                        onClick={() => set({ members: form.members.filter((_, k) => k !== i) })}
                      />
                    </div>
                  ))}
                </div>
                <div className={styles.buttons}>
                  <Button
                    size="small"
                    onClick={() => set({ members: [...form.members, blankMember(uuid())] })}
                  >
                    Add a person
                  </Button>
                  {!quorum.met &&
                    missing.map((a) => (
                      <Button
                        key={a.id}
                        size="small"
                        appearance="subtle"
                        onClick={() => set({ members: [...form.members, blankMember(uuid(), a.id)] })}
                      >
                        Add someone from {a.name}
                      </Button>
                    ))}
                </div>
              </Fieldset>

              <Fieldset
                legend="The chair"
                path="chair"
                problems={index}
                hint={chairPreference[policy.panel.chair]}
              >
                <div className={fieldStyles.two}>
                  <TextInput
                    path="chair.name"
                    label="Chair's name"
                    required
                    value={form.chairName}
                    maxLength={200}
                    problems={index}
                    onChange={(chairName) => set({ chairName })}
                  />
                  <TextInput
                    path="chair.organisation"
                    label="Chair's organisation"
                    required
                    value={form.chairOrganisation}
                    maxLength={200}
                    suggestions={[...policy.panel.chairSources, ...policy.panel.chairFallback]}
                    problems={index}
                    onChange={(chairOrganisation) => set({ chairOrganisation })}
                  />
                  <EmailInput
                    path="chair.email"
                    label="Chair's email (optional)"
                    value={form.chairEmail}
                    problems={index}
                    onChange={(chairEmail) => set({ chairEmail })}
                  />
                </div>
                <Tick
                  path="chair.independent"
                  label="The chair is independent of the agencies on the case"
                  checked={form.chairIndependent}
                  problems={index}
                  onChange={(chairIndependent) => set({ chairIndependent })}
                />
                {advice.length > 0 && (
                  <MessageBar intent="warning" layout="multiline">
                    <MessageBarBody>
                      {advice.map((w) => (
                        <div key={w}>{w}</div>
                      ))}
                    </MessageBarBody>
                  </MessageBar>
                )}
              </Fieldset>

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

              <Fieldset legend="When" path="start" problems={index}>
                <div className={fieldStyles.two}>
                  <DateInput
                    path="from"
                    label="Look from"
                    value={search.from}
                    min={ctx.today}
                    problems={slotIndex}
                    onChange={(from) => setSearch((s) => ({ ...s, from }))}
                  />
                  <DateInput
                    path="to"
                    label="Look until"
                    value={search.to}
                    min={search.from}
                    problems={slotIndex}
                    onChange={(to) => setSearch((s) => ({ ...s, to }))}
                  />
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
                    <Button onClick={() => void findTimes()} disabledFocusable={finding}>
                      {finding ? 'Finding times...' : 'Find times'}
                    </Button>
                    {finding && <Spinner size="tiny" label="Checking calendars..." labelPosition="after" />}
                  </div>
                  {slotError && (
                    <span role="alert" className={styles.error}>
                      Could not find times: {slotError.message}
                      {slotError.problems.length > 0
                        ? ` ${slotError.problems.map((p) => p.message).join(' ')}`
                        : ''}
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
                    problems={index}
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
                  <DateInput
                    path="date"
                    label="Date"
                    required
                    value={form.date}
                    min={ctx.today}
                    problems={index}
                    onChange={(date) => set({ date })}
                  />
                  <TimeInput
                    path="startTime"
                    label="Starts"
                    required
                    value={form.startTime}
                    problems={index}
                    onChange={(startTime) => set({ startTime })}
                  />
                  <TimeInput
                    path="end"
                    label="Ends"
                    required
                    value={form.endTime}
                    problems={index}
                    onChange={(endTime) => set({ endTime })}
                  />
                </div>
              </Fieldset>

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
                title={error ? (mode === 'book' ? 'Not booked' : 'Not moved') : undefined}
                message={error?.message ?? (problems.length > 0 ? 'Correct these and try again:' : undefined)}
                problems={index.all}
              />
            </DialogContent>
            <DialogActions className={styles.buttons}>
              {busy && (
                <Spinner
                  size="tiny"
                  label={mode === 'book' ? 'Booking...' : 'Moving the meeting...'}
                  labelPosition="after"
                />
              )}
              <DialogTrigger disableButtonEnhancement>
                <Button disabledFocusable={busy}>Cancel</Button>
              </DialogTrigger>
              <Button appearance="primary" type="submit" disabledFocusable={busy}>
                {mode === 'book' ? 'Book' : 'Save the new time'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

function EmailInput({
  path,
  label,
  value,
  onChange,
  problems,
}: {
  path: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  problems: ProblemIndex;
}) {
  return (
    <TextInput
      path={path}
      label={label}
      type="email"
      value={value}
      maxLength={320}
      problems={problems}
      onChange={onChange}
    />
  );
}

function CancelDialog({
  ctx,
  onDone,
}: {
  ctx: CaseContext;
  onDone: (result: BookingResult, message: string) => Promise<void>;
}) {
  const { api } = useApp();
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError | undefined>();
  const [problems, setProblems] = useState<Problem[]>([]);
  const requestId = useRef('');
  const index = useMemo(() => new ProblemIndex(problems), [problems]);
  const panel = ctx.detail.state.panel;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(undefined);
    if (!reason.trim()) {
      setProblems([
        { path: 'reason', message: 'Give the reason: it goes to the members with the cancellation.' },
      ]);
      return;
    }
    setProblems([]);
    setBusy(true);
    try {
      const result = await api.cancelPanel(ctx.detail.caseId, {
        requestId: requestId.current,
        reason: reason.trim(),
      });
      setBusy(false);
      setOpen(false);
      await onDone(result, 'Panel cancelled. Book it again when a new time is agreed.');
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
        if (d.open) {
          setReason('');
          setError(undefined);
          setProblems([]);
          requestId.current = uuid();
        }
        setOpen(d.open);
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button>Cancel the panel</Button>
      </DialogTrigger>
      <DialogSurface className={styles.surface}>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>Cancel the panel meeting</DialogTitle>
            <DialogContent className={styles.content}>
              {panel && (
                <p className={styles.intro}>
                  The meeting on {formatSlot(panel)} (UK time) is cancelled in the calendar, and the members
                  are told the reason.
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
              <ProblemSummary
                title={error ? 'Not cancelled' : undefined}
                message={error?.message ?? (problems.length > 0 ? 'Correct this and try again:' : undefined)}
                problems={index.all}
              />
            </DialogContent>
            <DialogActions className={styles.buttons}>
              {busy && <Spinner size="tiny" label="Cancelling..." labelPosition="after" />}
              <DialogTrigger disableButtonEnhancement>
                <Button disabledFocusable={busy}>Keep the meeting</Button>
              </DialogTrigger>
              <Button appearance="primary" type="submit" disabledFocusable={busy}>
                Cancel the meeting
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

/** "Make the panel papers": the case summary and every agency's return, as one .docx kept with the case. */
function PapersButton({
  ctx,
  onChanged,
}: {
  ctx: CaseContext;
  onChanged: (message: string) => Promise<void>;
}) {
  const { api } = useApp();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError | undefined>();
  const [papers, setPapers] = useState<PanelPapers | undefined>();
  const [downloading, setDownloading] = useState(false);
  const requestId = useRef(uuid());

  const make = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const out = await api.panelPapers(ctx.detail.caseId, requestId.current);
      requestId.current = uuid();
      setPapers(out);
      setBusy(false);
      await onChanged(`Panel papers made: ${out.name}. They are in the case files.`);
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  };

  const download = async () => {
    if (!papers) return;
    setDownloading(true);
    setError(undefined);
    try {
      downloadBlob(await api.file(ctx.detail.caseId, papers.fileId), papers.name);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <div className={styles.block}>
      <div className={styles.buttons}>
        <Button onClick={() => void make()} disabledFocusable={busy}>
          {busy ? 'Making the papers...' : papers ? 'Make the panel papers again' : 'Make the panel papers'}
        </Button>
        {busy && <Spinner size="tiny" label="Collating the case and the returns..." labelPosition="after" />}
      </div>
      <span role="status" className={styles.small}>
        {papers && (
          <>
            Ready: {papers.name}.{' '}
            <Link
              as="button"
              type="button"
              inline
              onClick={() => void download()}
              disabledFocusable={downloading}
            >
              Download the panel papers
            </Link>
            {papers.outstanding.length > 0 ? ` Returns not yet in: ${papers.outstanding.join(', ')}.` : ''}
            {papers.late.length > 0 ? ` Late: ${papers.late.join(', ')}.` : ''}
          </>
        )}
      </span>
      {error && (
        <span role="alert" className={styles.error}>
          {error.message}
        </span>
      )}
    </div>
  );
}
