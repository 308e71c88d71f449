import { Badge } from '@fluentui/react-components';
import type { CaseDetail } from '../../../../../bot/api/contract';
import type { Incident } from '../../../../../shared';
import { DataTable, column } from '../../../components/data-table';
import { useCommonStyles } from '../../../components/styles';
import { confirmationsByIncident } from '../../../lib/case-helpers';
import { formatDate } from '../../../lib/format';
import { Section } from './section';

/** The application's incidents: when, who they were reported to, the advice on each, who confirmed them. */
export function Incidents({ detail, name }: { detail: CaseDetail; name: (id: string) => string }) {
  const common = useCommonStyles();
  const incidents = detail.state.application.incidents;
  if (incidents.length === 0)
    return (
      <Section id="case-incidents" title="Incidents">
        <p className={common.muted}>The application lists no incidents.</p>
      </Section>
    );
  const confirmed = confirmationsByIncident(detail);
  const advice = new Map(detail.assessment.incidents.map((r) => [r.id, r]));
  const number = new Map(incidents.map((incident, i) => [incident.id, i + 1]));
  const columns = [
    column<Incident>({
      id: 'incident',
      header: 'Incident',
      cell: (incident) => `${number.get(incident.id)}${incident.hate ? ' (hate)' : ''}`,
    }),
    column<Incident>({ id: 'happened', header: 'Happened', cell: (i) => formatDate(i.occurredOn, 'short') }),
    column<Incident>({
      id: 'reports',
      header: 'Reports',
      cell: (incident) =>
        incident.reports.length === 0
          ? 'None'
          : incident.reports.map((rep, k) => (
              <div key={k}>
                {name(rep.agency)}, {formatDate(rep.reportedOn, 'short')}
                {rep.kind === 'diary-sheet' ? ' (diary sheet)' : ''}
                {rep.reference ? `, ref ${rep.reference}` : ''}
              </div>
            )),
    }),
    column<Incident>({
      id: 'advice',
      header: 'Advice',
      cell: (incident) => {
        const r = advice.get(incident.id);
        return r ? (
          <Badge appearance="tint" color={r.qualifies ? 'success' : 'warning'}>
            {r.qualifies ? 'Counts' : 'Does not count'}
          </Badge>
        ) : (
          ''
        );
      },
    }),
    column<Incident>({
      id: 'confirmed',
      header: 'Confirmed by',
      cell: (incident) => {
        const agencies = confirmed.get(incident.id) ?? [];
        return agencies.length ? (
          agencies.map(name).join(', ')
        ) : (
          <span className={common.muted}>Not yet</span>
        );
      },
    }),
  ];
  return (
    <Section id="case-incidents" title="Incidents">
      <DataTable label="Incidents" columns={columns} items={incidents} rowKey="id" />
    </Section>
  );
}
