import { Badge, Button } from '@fluentui/react-components';
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
}: {
  form: PanelForm;
  set: (patch: Partial<PanelForm>) => void;
  problems: ProblemIndex;
  ctx: CaseContext;
}) {
  const styles = usePanelStyles();
  const quorum = quorumOf(form.members, ctx.policy);
  const missing = missingBodies(form.members, ctx.policy);
  const agencies = agencyOptions(ctx.policy);
  const roles = optionsOf(roleLabels);
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
      {(_, i, field) => (
        <>
          <TextInput {...field('name')} label={`Member ${i + 1}: name`} required maxLength={200} />
          <Choice
            {...field('agencyId')}
            label={`Member ${i + 1}: agency`}
            required
            placeholder="Choose..."
            options={agencies}
          />
          <Choice {...field('role')} label={`Member ${i + 1}: role`} required options={roles} />
          <EmailInput {...field('email')} label={`Member ${i + 1}: email (optional)`} />
        </>
      )}
    </RowList>
  );
}
