import type { CaseDetail } from '../../../../../bot/api/contract';
import { RagBadge } from '../../../components/rag-badge';
import { DataTable, column } from '../../../components/data-table';
import { useCommonStyles } from '../../../components/styles';
import { formatDate } from '../../../lib/format';
import { ownerLabel } from '../../../lib/labels';
import { ragOf } from '../../../lib/rag';
import { OnTimeBadge } from './on-time-badge';
import { Section } from './section';

type Running = CaseDetail['deadlines'][number];
type Met = CaseDetail['clocks'][number];

const runningColumns = (name: (id: string) => string) => [
  column<Running>({
    id: 'what',
    header: 'What',
    cell: (d) => (
      <>
        {d.label}
        {d.kind === 'window' ? ' (the applicant’s window)' : ''}
      </>
    ),
  }),
  column<Running>({
    id: 'whose',
    header: 'Whose',
    cell: (d) => (d.agencyId ? name(d.agencyId) : ownerLabel(d.owner)),
  }),
  column<Running>({ id: 'due', header: 'Due', cell: (d) => formatDate(d.dueOn, 'short') }),
  column<Running>({
    id: 'left',
    header: 'Working days left',
    cell: (d) => <RagBadge rag={ragOf(d)} deadline={d} />,
  }),
];

const metColumns = [
  column<Met>({ id: 'what', header: 'What', cell: (c) => c.label }),
  column<Met>({ id: 'due', header: 'Due', cell: (c) => formatDate(c.dueOn, 'short') }),
  column<Met>({ id: 'met', header: 'Met on', cell: (c) => formatDate(c.metOn, 'short') }),
  column<Met>({ id: 'onTime', header: 'On time', cell: (c) => <OnTimeBadge late={c.late} /> }),
];

/** The clocks running (red, amber, green, always with words) and the ones met, on time or late. */
export function Deadlines({ detail, name }: { detail: CaseDetail; name: (id: string) => string }) {
  const common = useCommonStyles();
  const met = detail.clocks.filter((c) => c.metOn);
  return (
    <Section id="case-deadlines" title="Deadlines">
      {detail.deadlines.length === 0 ? (
        <p className={common.muted}>No clock is running.</p>
      ) : (
        <DataTable
          label="Running deadlines"
          columns={runningColumns(name)}
          items={detail.deadlines}
          rowKey={(d, i) => `${d.clock}-${d.requestId ?? d.appealId ?? d.actionId ?? i}`}
        />
      )}
      {met.length > 0 && (
        <>
          <h3 className={common.h3}>Met</h3>
          <DataTable
            label="Deadlines met"
            columns={metColumns}
            items={met}
            rowKey={(c, i) => `${c.clock}-${c.requestId ?? c.appealId ?? i}`}
          />
        </>
      )}
    </Section>
  );
}
