import { Badge, Button, Checkbox, Field, Input, Select, mergeClasses } from '@fluentui/react-components';
import { useApp } from '../../app-context';
import { Fieldset } from '../../components/fieldset';
import { FormField } from '../../components/form-field';
import { useCommonStyles } from '../../components/styles';
import { OTHER_AGENCY, type IncidentRow, type ReportRow } from '../../lib/application-form';
import type { ProblemIndex } from '../../lib/problems';
import { useApplicationStyles } from './styles';

/** One report of an incident: to whom, when, their reference, and (community route) which household. */
function ReportFields({
  report,
  base,
  problems,
  communityRoute,
  onChange,
}: {
  report: ReportRow;
  /** `application.incidents[i].reports[j]` */
  base: string;
  problems: ProblemIndex;
  communityRoute: boolean;
  onChange: (patch: Partial<ReportRow>) => void;
}) {
  const { me } = useApp();
  const styles = useApplicationStyles();
  return (
    <div className={styles.report}>
      <FormField path={`${base}.agency`} problems={problems} label="Reported to" required>
        <Select value={report.agency} onChange={(_, d) => onChange({ agency: d.value })}>
          <option value="">Choose...</option>
          {me.policy.agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
          <option value={OTHER_AGENCY}>Another agency</option>
        </Select>
      </FormField>
      {report.agency === OTHER_AGENCY && (
        <Field label="Agency name" required>
          <Input
            value={report.otherAgency}
            maxLength={120}
            onChange={(_, d) => onChange({ otherAgency: d.value })}
          />
        </Field>
      )}
      <FormField path={`${base}.reportedOn`} problems={problems} label="Date reported" required>
        <Input
          type="date"
          value={report.reportedOn}
          max={me.today}
          onChange={(_, d) => onChange({ reportedOn: d.value })}
        />
      </FormField>
      <FormField path={`${base}.reference`} problems={problems} label="Their reference">
        <Input
          value={report.reference}
          maxLength={100}
          onChange={(_, d) => onChange({ reference: d.value })}
        />
      </FormField>
      <FormField path={`${base}.kind`} problems={problems} label="Kind">
        <Select value={report.kind} onChange={(_, d) => onChange({ kind: d.value as ReportRow['kind'] })}>
          <option value="report">Report</option>
          <option value="diary-sheet">Diary sheet</option>
        </Select>
      </FormField>
      {communityRoute && (
        <FormField
          path={`${base}.reportedBy`}
          problems={problems}
          label="Reported by"
          hint="A household reference such as H-12, never a name."
        >
          <Input
            value={report.reportedBy}
            maxLength={64}
            onChange={(_, d) => onChange({ reportedBy: d.value })}
          />
        </FormField>
      )}
    </div>
  );
}

/** One incident: when, whether hate, each report of it, and whether the advice counts it. */
export function IncidentFields({
  incident,
  index: i,
  problems,
  communityRoute,
  result,
  onChange,
  onReport,
  onAddReport,
  onRemoveReport,
  onRemove,
}: {
  incident: IncidentRow;
  index: number;
  problems: ProblemIndex;
  communityRoute: boolean;
  result: { qualifies: boolean; reasons: string[] } | undefined;
  onChange: (patch: Partial<IncidentRow>) => void;
  onReport: (reportKey: string, patch: Partial<ReportRow>) => void;
  onAddReport: () => void;
  onRemoveReport: (reportKey: string) => void;
  onRemove: () => void;
}) {
  const { me } = useApp();
  const styles = useApplicationStyles();
  const common = useCommonStyles();
  const base = `application.incidents[${i}]`;
  const number = i + 1;
  return (
    <Fieldset legend={`Incident ${number}`} path={base} problems={problems} className={styles.incident}>
      <div className={styles.two}>
        <FormField path={`${base}.occurredOn`} problems={problems} label="Date it happened" required>
          <Input
            type="date"
            value={incident.occurredOn}
            max={me.today}
            onChange={(_, d) => onChange({ occurredOn: d.value })}
          />
        </FormField>
        {/* A route the policy does not have is not offered (East Herts s.5 has no hate route). */}
        {me.policy.threshold.hate.enabled && (
          <FormField path={`${base}.hate`} problems={problems}>
            <Checkbox
              checked={incident.hate}
              label="A hate incident or crime"
              onChange={(_, d) => onChange({ hate: d.checked === true })}
            />
          </FormField>
        )}
      </div>
      {incident.reports.map((report, j) => (
        <Fieldset
          key={report.key}
          legend={`Incident ${number}, report ${j + 1}`}
          path={`${base}.reports[${j}]`}
          problems={problems}
          className={styles.reportBox}
        >
          <ReportFields
            report={report}
            base={`${base}.reports[${j}]`}
            problems={problems}
            communityRoute={communityRoute}
            onChange={(patch) => onReport(report.key, patch)}
          />
          <div>
            <Button
              size="small"
              appearance="subtle"
              onClick={() => onRemoveReport(report.key)}
              aria-label={`Remove report ${j + 1} of incident ${number}`}
            >
              Remove report
            </Button>
          </div>
        </Fieldset>
      ))}
      {problems.at(`${base}.reports`) && (
        <p role="alert" className={common.muted}>
          {problems.at(`${base}.reports`)}
        </p>
      )}
      <div className={styles.buttons}>
        <Button size="small" onClick={onAddReport} aria-label={`Add a report of incident ${number}`}>
          Add a report
        </Button>
        <Button size="small" appearance="subtle" onClick={onRemove} aria-label={`Remove incident ${number}`}>
          Remove incident
        </Button>
      </div>
      {result && (
        <div>
          <Badge appearance="tint" color={result.qualifies ? 'success' : 'warning'}>
            {result.qualifies ? 'Counts as a qualifying complaint' : 'Does not count'}
          </Badge>
          <ul className={mergeClasses(styles.reasons, common.muted)}>
            {result.reasons.map((r, k) => (
              <li key={k}>{r}</li>
            ))}
          </ul>
        </div>
      )}
    </Fieldset>
  );
}
