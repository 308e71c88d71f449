import type { CaseDetail } from '../../../../../bot/api/contract';
import { DataTable, column } from '../../../components/data-table';
import { formatInstant } from '../../../lib/format';
import { eventLabel } from '../../../lib/labels';
import { Section } from './section';

type Entry = CaseDetail['state']['timeline'][number];

/** Everything recorded on the case, newest first, and who recorded it. */
export function Timeline({ detail, person }: { detail: CaseDetail; person: (id: string) => string }) {
  const columns = [
    column<Entry>({ id: 'when', header: 'When', cell: (t) => formatInstant(t.at) }),
    column<Entry>({ id: 'what', header: 'What', cell: (t) => eventLabel(t.type) }),
    column<Entry>({ id: 'who', header: 'Who', cell: (t) => person(t.actor) }),
  ];
  return (
    <Section id="case-timeline" title="Timeline">
      <DataTable
        label="Timeline, newest first"
        columns={columns}
        items={[...detail.state.timeline].reverse()}
        rowKey="eventId"
      />
    </Section>
  );
}
