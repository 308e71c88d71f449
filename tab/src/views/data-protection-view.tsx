import { Badge, Button, Link, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState, type FormEvent } from 'react';
import type { PurgedCase, SubjectMatch, SubjectQuery, UpcomingPurge } from '../../../bot/api/contract';
import { downloadBlob } from '../api/client';
import { useApp } from '../app-context';
import { DataTable, column } from '../components/data-table';
import { TextInput } from '../components/fields';
import { Page } from '../components/page';
import { ProblemSummary } from '../components/problems';
import { useCommonStyles } from '../components/styles';
import { formatDate, formatInstant } from '../lib/format';
import { ProblemIndex } from '../lib/problems';
import { useAction } from '../lib/use-action';
import { useLoad } from '../lib/use-load';
import { hrefOf } from '../router';

const useStyles = makeStyles({
  form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '40rem' },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

/**
 * `#/data-protection` (officers; running the sweep and subject access are managers'): what the retention
 * sweep will purge and when (the dry run), what it has purged, and subject access requests.
 */
export default function DataProtectionView() {
  const { me } = useApp();
  const manager = me.person.roles.includes('manager');
  return (
    <Page title="Data protection">
      <RetentionSection manager={manager} />
      {manager && <SubjectAccessSection />}
    </Page>
  );
}

const caseOf = (caseId: string, reference: string) => (
  <Link href={hrefOf({ view: 'case', caseId })}>{reference}</Link>
);

const upcomingColumns = [
  column<UpcomingPurge>({
    id: 'case',
    header: 'Case',
    cell: (u) => (
      <>
        {caseOf(u.caseId, u.reference)}
        {u.title && u.title !== u.reference ? `: ${u.title}` : ''}
      </>
    ),
  }),
  column<UpcomingPurge>({ id: 'closed', header: 'Closed', cell: (u) => formatDate(u.closedOn) }),
  column<UpcomingPurge>({
    id: 'purge',
    header: 'Purged on',
    cell: (u) =>
      u.legalHold ? (
        <Badge appearance="tint" color="warning">
          Kept: on legal hold
        </Badge>
      ) : (
        formatDate(u.purgeOn)
      ),
  }),
];

const purgedColumns = [
  column<PurgedCase>({ id: 'case', header: 'Case', cell: (p) => p.reference }),
  column<PurgedCase>({ id: 'closed', header: 'Closed', cell: (p) => formatDate(p.closedOn) }),
  column<PurgedCase>({ id: 'purged', header: 'Purged', cell: (p) => formatInstant(p.purgedAt) }),
  column<PurgedCase>({
    id: 'by',
    header: 'By',
    cell: (p) => (p.by === 'retention-sweep' ? 'The nightly sweep' : p.by),
  }),
];

const matchColumns = [
  column<SubjectMatch>({ id: 'case', header: 'Case', cell: (m) => caseOf(m.caseId, m.reference) }),
  column<SubjectMatch>({ id: 'opened', header: 'Opened', cell: (m) => formatDate(m.openedOn) }),
  column<SubjectMatch>({ id: 'where', header: 'Where', cell: (m) => m.found.join('; ') }),
  column<SubjectMatch>({ id: 'files', header: 'Files', cell: (m) => m.files }),
];

function RetentionSection({ manager }: { manager: boolean }) {
  const { api } = useApp();
  const common = useCommonStyles();
  const styles = useStyles();
  const retention = useLoad((signal) => api.retention(signal), [api]);
  const report = retention.data;
  const sweep = useAction();
  const [ran, setRan] = useState('');
  const error = sweep.error ?? retention.error;

  const runNow = () =>
    sweep.run(async () => {
      const { purged } = await api.runRetention();
      setRan(
        purged.length
          ? `Purged ${purged.map((p) => p.reference).join(', ')}.`
          : 'Nothing was due to be purged.',
      );
      await retention.reload();
    });

  return (
    <section aria-labelledby="retention">
      <h2 id="retention" className={common.h2}>
        Retention
      </h2>
      <p className={common.muted}>
        Closed cases are kept for {report ? `${report.retentionYears} years` : 'the retention period'} after
        they close, then purged by the nightly sweep, unless a manager has put them on legal hold. The SPOC
        and managers are told in Teams a week before. What a purge leaves has no personal data: the reference,
        the dates, who ran it, and the figures the published statistics count.
      </p>
      {!report && !error && <Spinner label="Loading the retention report..." />}
      <ProblemSummary title="Could not load the retention report" message={error?.message} />
      {report && (
        <>
          <h3 className={common.h3}>Closed cases and when they go</h3>
          {report.upcoming.length === 0 ? (
            <p>No closed case is waiting to be purged.</p>
          ) : (
            <DataTable
              label="Closed cases and the day each is purged"
              columns={upcomingColumns}
              items={report.upcoming}
              rowKey="caseId"
            />
          )}
          {manager && (
            <div className={styles.row}>
              <Button onClick={() => void runNow()} disabled={sweep.busy}>
                {sweep.busy ? 'Running...' : 'Run the sweep now'}
              </Button>
              <span role="status">{ran}</span>
            </div>
          )}
          <h3 className={common.h3}>Purged</h3>
          {report.purged.length === 0 ? (
            <p>Nothing has been purged yet.</p>
          ) : (
            <DataTable
              label="Cases purged"
              columns={purgedColumns}
              items={report.purged}
              rowKey={(p) => `${p.reference}-${p.purgedAt}`}
            />
          )}
        </>
      )}
    </section>
  );
}

function SubjectAccessSection() {
  const { api } = useApp();
  const common = useCommonStyles();
  const styles = useStyles();
  const [query, setQuery] = useState<SubjectQuery>({});
  const [matches, setMatches] = useState<SubjectMatch[] | undefined>();
  const act = useAction();
  const [exported, setExported] = useState('');
  const problems = useMemo(() => new ProblemIndex(act.error?.problems ?? []), [act.error]);
  const terms = (): SubjectQuery =>
    Object.fromEntries(
      Object.entries(query).filter(([, v]) => typeof v === 'string' && v.trim()),
    ) as SubjectQuery;
  const term = (key: keyof SubjectQuery) => ({
    path: key,
    problems,
    value: query[key] ?? '',
    onChange: (value: string) => setQuery({ ...query, [key]: value }),
    autoComplete: 'off' as const,
  });

  const search = async (e: FormEvent) => {
    e.preventDefault();
    setExported('');
    const done = await act.run(() => api.subjectSearch(terms()), 'search');
    if (done.ok || done.error) setMatches(done.ok ? done.value.matches : undefined);
  };

  const exportAll = () =>
    act.run(async () => {
      downloadBlob(await api.subjectExport(terms()), 'subject-access.zip');
      setExported(
        'The archive is downloaded. Read for-redaction.json in each case folder before anything is sent.',
      );
    }, 'export');

  return (
    <section aria-labelledby="subject-access">
      <h2 id="subject-access" className={common.h2}>
        Subject access requests
      </h2>
      <p className={common.muted}>
        Find every case that mentions a person, by name, address or email (every one you give must match), and
        export them as one archive with other people&apos;s personal data marked for redaction. The reply is
        due within one month. Searches and exports are recorded in the access log; the terms are not.
      </p>
      <form className={styles.form} onSubmit={search} noValidate>
        <TextInput {...term('name')} label="Name" />
        <TextInput {...term('address')} label="Address or postcode" />
        <TextInput {...term('email')} label="Email address" type="email" />
        <div className={styles.row}>
          <Button appearance="primary" type="submit" disabled={act.busy}>
            {act.busyWith === 'search' ? 'Searching...' : 'Find the cases'}
          </Button>
        </div>
      </form>
      <ProblemSummary title="Could not search" message={act.error?.message} problems={problems.all} />
      {matches && (
        <div aria-live="polite">
          {matches.length === 0 ? (
            <p>No case mentions this person.</p>
          ) : (
            <>
              <p>
                {matches.length === 1 ? 'One case mentions' : `${matches.length} cases mention`} this person.
              </p>
              <DataTable
                label="Cases that mention the person"
                columns={matchColumns}
                items={matches}
                rowKey="caseId"
              />
              <div className={styles.row}>
                <Button onClick={() => void exportAll()} disabled={act.busy}>
                  {act.busyWith === 'export' ? 'Exporting...' : 'Export these cases'}
                </Button>
                <span role="status">{exported}</span>
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}
