import { Badge, Button, mergeClasses } from '@fluentui/react-components';
import { useApp } from '../../app-context';
import { Fieldset } from '../../components/fieldset';
import { Choice, DateInput, TextInput, Tick } from '../../components/fields';
import { useCommonStyles } from '../../components/styles';
import { OTHER_AGENCY, type IncidentRow, type ReportRow } from '../../lib/application-form';
import type { ProblemIndex } from '../../lib/problems';
import { useApplicationStyles } from './styles';

const reportKinds = [
  { value: 'report', label: 'Report' },
  { value: 'diary-sheet', label: 'Diary sheet' },
] as const;

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
  const field = <K extends 'agency' | 'otherAgency' | 'reportedOn' | 'reference' | 'reportedBy'>(key: K) => ({
    path: `${base}.${key}`,
    problems,
    value: report[key],
    onChange: (value: string) => onChange({ [key]: value }),
  });
  return (
    <div className={styles.report}>
      <Choice
        {...field('agency')}
        label="Reported to"
        required
        placeholder="Choose..."
        options={[
          ...me.policy.agencies.map((a) => ({ value: a.id, label: a.name })),
          { value: OTHER_AGENCY, label: 'Another agency' },
        ]}
      />
      {report.agency === OTHER_AGENCY && (
        <TextInput {...field('otherAgency')} label="Agency name" required maxLength={120} />
      )}
      <DateInput {...field('reportedOn')} label="Date reported" required max={me.today} />
      <TextInput {...field('reference')} label="Their reference" maxLength={100} />
      <Choice
        path={`${base}.kind`}
        problems={problems}
        label="Kind"
        value={report.kind}
        options={reportKinds}
        onChange={(kind) => onChange({ kind })}
      />
      {communityRoute && (
        <TextInput
          {...field('reportedBy')}
          label="Reported by"
          hint="A household reference such as H-12, never a name."
          maxLength={64}
        />
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
        <DateInput
          path={`${base}.occurredOn`}
          problems={problems}
          label="Date it happened"
          required
          value={incident.occurredOn}
          max={me.today}
          onChange={(occurredOn) => onChange({ occurredOn })}
        />
        {/* A route the policy does not have is not offered (East Herts s.5 has no hate route). */}
        {me.policy.threshold.hate.enabled && (
          <Tick
            path={`${base}.hate`}
            problems={problems}
            checked={incident.hate}
            label="A hate incident or crime"
            onChange={(hate) => onChange({ hate })}
          />
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
