import { Badge } from '@fluentui/react-components';
import { panelQuorum, quorumBodyIds, type PanelMember, type Policy } from '../../../../../shared';
import { RowList } from '../../../components/row-list';
import type { ProblemIndex } from '../../../lib/problems';
import { uuid } from '../../../lib/uuid';
import { Choice, TextInput } from '../../../components/fields';
import { agencyOptions, type CaseContext, type Option } from './event-spec';

/** Who sat on the panel, as the review records them: a name, an agency and a role each. */
export interface MemberRow {
  key: string;
  name: string;
  agencyId: string;
  role: PanelMember['role'];
  personId?: string;
}

const roleOptions: Option<PanelMember['role']>[] = [
  { value: 'member', label: 'Member' },
  { value: 'chair', label: 'Chair' },
  { value: 'minute-taker', label: 'Minute taker' },
  { value: 'adviser', label: 'Adviser' },
];

/** The booked panel's members, or one row per agency on the case (those counted in the quorum first). */
export function memberRows(ctx: CaseContext): MemberRow[] {
  const booked = ctx.detail.state.panel;
  if (booked && booked.status === 'booked')
    return booked.members.map((m) => ({
      key: uuid(),
      name: m.name,
      agencyId: m.agencyId,
      role: m.role,
      ...(m.personId ? { personId: m.personId } : {}),
    }));
  const counted = new Set(quorumBodyIds(ctx.policy));
  const agencies = [...ctx.detail.state.agencies].sort(
    (a, b) => Number(counted.has(b)) - Number(counted.has(a)),
  );
  return agencies.map((agencyId) => ({ key: uuid(), name: '', agencyId, role: 'member' as const }));
}

export const membersOut = (rows: MemberRow[]) =>
  rows.map((m) => ({
    ...(m.personId ? { personId: m.personId } : {}),
    name: m.name.trim(),
    agencyId: m.agencyId,
    role: m.role,
  }));

function QuorumLine({
  rows,
  policy,
  agencyName,
}: {
  rows: MemberRow[];
  policy: Policy;
  agencyName: (id: string) => string;
}) {
  const q = panelQuorum(
    rows.filter((r) => r.agencyId),
    policy,
  );
  return (
    <p aria-live="polite" aria-atomic="true" style={{ margin: 0 }}>
      <Badge appearance="tint" color={q.met ? 'success' : 'warning'}>
        {q.met ? 'Quorum met' : 'Quorum not met'}
      </Badge>{' '}
      {q.bodies.length} of the {q.required} bodies the panel needs, from{' '}
      {q.counting.map(agencyName).join(', ')}
      {q.bodies.length > 0 ? `. Present: ${q.bodies.map(agencyName).join(', ')}` : ''}.
      {q.others.length > 0 ? ` Also present (not counted): ${q.others.map(agencyName).join(', ')}.` : ''}
    </p>
  );
}

/** The people at the panel, with the quorum they make, live. */
export function MembersEditor({
  rows,
  onChange,
  path,
  legend,
  problems,
  ctx,
}: {
  rows: MemberRow[];
  onChange: (rows: MemberRow[]) => void;
  path: string;
  legend: string;
  problems: ProblemIndex;
  ctx: CaseContext;
}) {
  const agencies = agencyOptions(ctx.policy);
  return (
    <RowList
      legend={legend}
      path={path}
      problems={problems}
      rows={rows}
      onChange={onChange}
      before={<QuorumLine rows={rows} policy={ctx.policy} agencyName={ctx.agencyName} />}
      addLabel="Add a person"
      newRow={() => ({ key: uuid(), name: '', agencyId: '', role: 'member' as const })}
      removeLabel={(i) => `Remove person ${i + 1}`}
    >
      {(_, i, field) => (
        <>
          <TextInput {...field('name')} label={`Person ${i + 1}: name`} required maxLength={200} />
          <Choice {...field('agencyId')} label="Agency" required placeholder="Choose..." options={agencies} />
          <Choice {...field('role')} label="Role" required options={roleOptions} />
        </>
      )}
    </RowList>
  );
}
