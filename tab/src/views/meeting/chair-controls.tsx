import { Button, Field, Input, Select, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { MeetingNoteBody, MeetingView } from '../../../../bot/api/contract';
import { useApp } from '../../app-context';
import { uuid } from '../../lib/uuid';
import type { Action } from '../../lib/use-action';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalS,
  },
});

/** What the chair's forms send: a note without its requestId (the sender adds one per press). */
export type NoteInput = MeetingNoteBody extends infer B
  ? B extends unknown
    ? Omit<B, 'requestId'>
    : never
  : never;

/** The policy's agencies as options, for "for which body" and "owner". */
function AgencySelect({
  label,
  value,
  onChange,
  optional,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  optional?: boolean;
}) {
  const { me } = useApp();
  return (
    <Field label={label}>
      <Select value={value} onChange={(_, d) => onChange(d.value)}>
        <option value="">{optional ? 'No one body' : 'Choose...'}</option>
        {me.policy.agencies.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** The chair adds someone who is not on the booking (a deputy, an adviser) as attending for a body. */
export function AddAttendee({ note, action }: { note: (n: NoteInput) => void; action: Action }) {
  const styles = useStyles();
  const [name, setName] = useState('');
  const [agencyId, setAgencyId] = useState('');
  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim() || !agencyId) return;
        note({ kind: 'attendance', name: name.trim(), agencyId, role: 'member', present: true });
        setName('');
      }}
    >
      <Field label="Someone else attending">
        <Input value={name} onChange={(_, d) => setName(d.value)} />
      </Field>
      <AgencySelect label="For which body" value={agencyId} onChange={setAgencyId} />
      <Button type="submit" disabled={action.busy || !name.trim() || !agencyId}>
        Add to the attendance
      </Button>
    </form>
  );
}

export function AddRecommendation({ note, action }: { note: (n: NoteInput) => void; action: Action }) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        note({ kind: 'recommendation', text: text.trim(), ...(owner ? { ownerAgency: owner } : {}) });
        setText('');
        setOwner('');
      }}
    >
      <Field label="Recommendation agreed">
        <Textarea value={text} onChange={(_, d) => setText(d.value)} />
      </Field>
      <AgencySelect label="For (optional)" value={owner} onChange={setOwner} optional />
      <Button type="submit" disabled={action.busy || !text.trim()}>
        Add the recommendation
      </Button>
    </form>
  );
}

export function AddAction({
  note,
  action,
  today,
}: {
  note: (n: NoteInput) => void;
  action: Action;
  today: string;
}) {
  const styles = useStyles();
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [lead, setLead] = useState('');
  const [dueOn, setDueOn] = useState('');
  const ready = description.trim() && owner && dueOn;
  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        note({
          kind: 'action',
          description: description.trim(),
          ownerAgency: owner,
          ...(lead.trim() ? { ownerName: lead.trim() } : {}),
          dueOn,
        });
        setDescription('');
        setLead('');
        setDueOn('');
      }}
    >
      <Field label="Action agreed">
        <Textarea value={description} onChange={(_, d) => setDescription(d.value)} />
      </Field>
      <AgencySelect label="Owner agency" value={owner} onChange={setOwner} />
      <Field label="Lead person (optional)">
        <Input value={lead} onChange={(_, d) => setLead(d.value)} />
      </Field>
      <Field label="Due on">
        <Input type="date" min={today} value={dueOn} onChange={(_, d) => setDueOn(d.value)} />
      </Field>
      <Button type="submit" disabled={action.busy || !ready}>
        Add the action
      </Button>
    </form>
  );
}

/** Sends one note with its own requestId; the chair's view comes back at once, others' through their streams. */
export function noteSender(
  api: ReturnType<typeof useApp>['api'],
  caseId: string,
  action: Action,
  setView: (v: MeetingView) => void,
): (n: NoteInput) => void {
  return (n) =>
    void action.run(async () =>
      setView(await api.meetingNote(caseId, { ...n, requestId: uuid() } as MeetingNoteBody)),
    );
}
