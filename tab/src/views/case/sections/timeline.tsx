import type { CaseDetail } from '../../../../../bot/api/contract';
import { DataTable, column } from '../../../components/data-table';
import { formatInstant } from '../../../lib/format';
import { eventLabel } from '../../../lib/labels';
import { documentKindLabels } from './documents-labels';
import { Section } from './section';

type Entry = CaseDetail['state']['timeline'][number];

/** Everything recorded on the case, newest first, and who recorded it. */
export function Timeline({
  detail,
  person,
  agencyName,
}: {
  detail: CaseDetail;
  person: (id: string) => string;
  agencyName: (id: string) => string;
}) {
  const said = detailsByEvent(detail, agencyName);
  const columns = [
    column<Entry>({ id: 'when', header: 'When', cell: (t) => formatInstant(t.at) }),
    column<Entry>({
      id: 'what',
      header: 'What',
      cell: (t) => (
        <>
          {eventLabel(t.type)}
          {said.get(t.eventId) ? `: ${said.get(t.eventId)}` : ''}
        </>
      ),
    }),
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

/** What an entry said, where the timeline should show it (issue 15): a note's text, a correction's reason, a reminder, an email. */
function detailsByEvent(detail: CaseDetail, agencyName: (id: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of detail.state.notes ?? []) out.set(n.eventId, short(n.text));
  for (const a of detail.state.amendments ?? [])
    out.set(
      a.eventId,
      `${short(a.reason)} (${a.changes.length} field${a.changes.length === 1 ? '' : 's'} changed)`,
    );
  const when = {
    'due-tomorrow': 'due next working day',
    'due-today': 'due today',
    overdue: 'overdue',
    upcoming: 'ahead of time',
  };
  for (const r of detail.state.reminders ?? [])
    out.set(
      r.eventId,
      `${r.label}, ${when[r.kind]}; to ${r.to === 'spoc' ? 'the SPOC' : 'the agency'} by ${r.via.map((v) => (v === 'teams' ? 'Teams' : 'email')).join(' and ')}`,
    );
  for (const d of detail.state.documents ?? [])
    out.set(d.eventId, `${d.name} (${documentKindLabels[d.kind].toLowerCase()})`);
  for (const m of detail.state.emails ?? [])
    out.set(
      m.eventId,
      `the return request and its link, to ${agencyName(m.agencyId)}'s members outside Teams`,
    );
  return out;
}

const short = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);
