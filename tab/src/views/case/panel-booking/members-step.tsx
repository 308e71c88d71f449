import { Badge, Button } from '@fluentui/react-components';
import type { PanelPeople } from '../../../../../bot/api/contract';
import { RowList } from '../../../components/row-list';
import type { ProblemIndex } from '../../../lib/problems';
import { uuid } from '../../../lib/uuid';
import { agencyOptions, type CaseContext } from '../events/event-spec';
import { Choice, EmailInput, TextInput, optionsOf } from '../../../components/fields';
import { blankMember, missingBodies, quorumOf, roleLabels, type PanelForm } from '../panel-logic';
import { usePanelStyles } from './styles';

/** Step 1: who sits on the panel, with the quorum they make (live), and one click to add a missing body. */
export function MembersStep({
  form,
  set,
  problems,
  ctx,
  people,
}: {
  form: PanelForm;
  set: (patch: Partial<PanelForm>) => void;
  problems: ProblemIndex;
  ctx: CaseContext;
  /** Issue 15: the directory's people to pick from (empty while loading, or when none may sit). */
  people: PanelPeople['people'];
}) {
  const styles = usePanelStyles();
  const quorum = quorumOf(form.members, ctx.policy);
  const missing = missingBodies(form.members, ctx.policy);
  const agencies = agencyOptions(ctx.policy);
  const roles = optionsOf(roleLabels);
  const picks = people.map((p) => {
    const agency = p.agencyId ? ctx.agencyName(p.agencyId) : '';
    const name = agency && !p.name.includes(agency) ? `${p.name} (${agency})` : p.name;
    return { value: p.id, label: p.invited ? name : `${name}, no email` };
  });
  /** Picking a person fills the row from the directory; their email stays on the server. */
  const pick = (i: number, id: string) => {
    const person = people.find((p) => p.id === id);
    set({
      members: form.members.map((m, j) =>
        j !== i
          ? m
          : person
            ? {
                ...m,
                personId: person.id,
                name: person.name,
                agencyId: person.agencyId ?? m.agencyId,
                email: '',
              }
            : { ...m, personId: undefined },
      ),
    });
  };
  return (
    <RowList
      legend="Who sits on the panel"
      path="members"
      problems={problems}
      rows={form.members}
      onChange={(members) => set({ members })}
      before={
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
      }
      addLabel="Add a person"
      newRow={() => blankMember(uuid())}
      removeLabel={(i) => `Remove member ${i + 1}`}
      extraButtons={
        !quorum.met &&
        missing.map((a) => (
          <Button
            key={a.id}
            size="small"
            appearance="subtle"
            onClick={() => set({ members: [...form.members, blankMember(uuid(), a.id)] })}
          >
            Add someone from {a.name}
          </Button>
        ))
      }
    >
      {(row, i, field) => (
        <>
          {picks.length > 0 && (
            <Choice
              path={`members.${i}.personId`}
              problems={problems}
              label={`Member ${i + 1}: pick from the directory`}
              hint={i === 0 ? 'Or type the name, agency and email of someone who is not listed.' : undefined}
              value={row.personId ?? ''}
              onChange={(id) => pick(i, id)}
              placeholder="Someone not listed"
              options={picks}
            />
          )}
          <TextInput {...field('name')} label={`Member ${i + 1}: name`} required maxLength={200} />
          <Choice
            {...field('agencyId')}
            label={`Member ${i + 1}: agency`}
            required
            placeholder="Choose..."
            options={agencies}
          />
          <Choice {...field('role')} label={`Member ${i + 1}: role`} required options={roles} />
          {!row.personId && <EmailInput {...field('email')} label={`Member ${i + 1}: email (optional)`} />}
        </>
      )}
    </RowList>
  );
}
