import { Badge, Button } from '@fluentui/react-components';
import { Fieldset } from '../../../components/fieldset';
import type { ProblemIndex } from '../../../lib/problems';
import { uuid } from '../../../lib/uuid';
import { agencyOptions, type CaseContext } from '../events/event-spec';
import { Choice, EmailInput, RemoveButton, TextInput, optionsOf, useFieldStyles } from '../fields';
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
  const fieldStyles = useFieldStyles();
  const quorum = quorumOf(form.members, ctx.policy);
  const missing = missingBodies(form.members, ctx.policy);
  const setRow = (i: number, patch: Partial<PanelForm['members'][number]>) =>
    set({ members: form.members.map((r, k) => (k === i ? { ...r, ...patch } : r)) });
  const row = (i: number, key: 'name' | 'agencyId' | 'role' | 'email') => ({
    path: `members[${i}].${key}`,
    problems,
  });
  return (
    <Fieldset legend="Who sits on the panel" path="members" problems={problems}>
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
        {form.members.map((m, i) => (
          <div key={m.key} className={fieldStyles.row}>
            <TextInput
              {...row(i, 'name')}
              label={`Member ${i + 1}: name`}
              required
              value={m.name}
              maxLength={200}
              onChange={(name) => setRow(i, { name })}
            />
            <Choice
              {...row(i, 'agencyId')}
              label={`Member ${i + 1}: agency`}
              required
              value={m.agencyId}
              placeholder="Choose..."
              options={agencyOptions(ctx.policy)}
              onChange={(agencyId) => setRow(i, { agencyId })}
            />
            <Choice
              {...row(i, 'role')}
              label={`Member ${i + 1}: role`}
              required
              value={m.role}
              options={optionsOf(roleLabels)}
              onChange={(role) => setRow(i, { role })}
            />
            <EmailInput
              {...row(i, 'email')}
              label={`Member ${i + 1}: email (optional)`}
              value={m.email}
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
        <Button size="small" onClick={() => set({ members: [...form.members, blankMember(uuid())] })}>
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
  );
}
