import type { CaseDetail } from '../../../../../bot/api/contract';
import { DataTable, column } from '../../../components/data-table';
import { RagBadge } from '../../../components/rag-badge';
import { formatDate } from '../../../lib/format';
import { appealGroundLabels } from '../../../lib/labels';
import { ragOf } from '../../../lib/rag';
import { OnTimeBadge } from './on-time-badge';
import { Section } from './section';

type Appeal = CaseDetail['state']['appeals'][number];

/** Reviews of the decision and appeals: the grounds, each step's clock (met or running), the outcome. */
export function Appeals({ detail }: { detail: CaseDetail }) {
  const appeals = detail.state.appeals;
  if (appeals.length === 0) return null;
  /** The clock for one step of an appeal: met (on time or late), running (working days left), or none. */
  const step = (appealId: string, clock: 'appealHearing' | 'appealDecision') => {
    const record = detail.clocks.find((c) => c.appealId === appealId && c.clock === clock);
    const running = detail.deadlines.find((d) => d.appealId === appealId && d.clock === clock);
    if (running)
      return (
        <>
          by {formatDate(running.dueOn, 'short')} <RagBadge rag={ragOf(running)} deadline={running} />
        </>
      );
    if (record?.metOn)
      return (
        <>
          {formatDate(record.metOn, 'short')} <OnTimeBadge late={record.late} />
        </>
      );
    return record ? `due ${formatDate(record.dueOn, 'short')}` : '';
  };
  const columns = [
    column<Appeal>({
      id: 'kind',
      header: 'Kind',
      cell: (a) =>
        a.kind === 'threshold-review'
          ? 'Review of the decision'
          : `Appeal against the ${a.against.replace('-', ' ')}`,
    }),
    column<Appeal>({ id: 'received', header: 'Received', cell: (a) => formatDate(a.receivedOn, 'short') }),
    column<Appeal>({
      id: 'grounds',
      header: 'Grounds',
      cell: (a) => a.grounds.map((g) => appealGroundLabels[g]).join('; '),
    }),
    column<Appeal>({ id: 'heard', header: 'Heard', cell: (a) => step(a.appealId, 'appealHearing') }),
    column<Appeal>({ id: 'decided', header: 'Decided', cell: (a) => step(a.appealId, 'appealDecision') }),
    column<Appeal>({
      id: 'outcome',
      header: 'Outcome',
      cell: (a) => (
        <>
          {a.outcome === 'upheld' ? 'Upheld' : a.outcome === 'dismissed' ? 'Dismissed' : 'Open'}
          {a.notifiedOn ? `; applicant told ${formatDate(a.notifiedOn, 'short')}` : ''}
        </>
      ),
    }),
  ];
  return (
    <Section id="case-appeals" title="Appeals">
      <DataTable label="Appeals" columns={columns} items={appeals} rowKey="appealId" />
    </Section>
  );
}
