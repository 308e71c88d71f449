import {
  Badge,
  Button,
  Input,
  Link,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { RetentionReport, SubjectMatch, SubjectQuery } from '../../../bot/api/contract';
import { downloadBlob } from '../api/client';
import { useApp } from '../app-context';
import { FormField } from '../components/form-field';
import { Page } from '../components/page';
import { ProblemSummary } from '../components/problems';
import { useCommonStyles } from '../components/styles';
import { asApiError, type ApiRequestError } from '../lib/api-error';
import { formatDate, formatInstant } from '../lib/format';
import { ProblemIndex } from '../lib/problems';
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

function RetentionSection({ manager }: { manager: boolean }) {
  const { api } = useApp();
  const common = useCommonStyles();
  const styles = useStyles();
  const [report, setReport] = useState<RetentionReport | undefined>();
  const [error, setError] = useState<ApiRequestError | undefined>();
  const [running, setRunning] = useState(false);
  const [ran, setRan] = useState('');

  const load = async (signal?: AbortSignal) => {
    try {
      setReport(await api.retention(signal));
    } catch (err) {
      if (!signal?.aborted) setError(asApiError(err));
    }
  };
  useEffect(() => {
    const abort = new AbortController();
    void load(abort.signal);
    return () => abort.abort();
    // Loads once; `load` reads the same api.
  }, [api]);

  const runNow = async () => {
    setRunning(true);
    setError(undefined);
    try {
      const { purged } = await api.runRetention();
      setRan(
        purged.length
          ? `Purged ${purged.map((p) => p.reference).join(', ')}.`
          : 'Nothing was due to be purged.',
      );
      await load();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setRunning(false);
    }
  };

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
            <div className={common.tableWrap}>
              <Table aria-label="Closed cases and the day each is purged" size="small">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Case</TableHeaderCell>
                    <TableHeaderCell>Closed</TableHeaderCell>
                    <TableHeaderCell>Purged on</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {report.upcoming.map((u) => (
                    <TableRow key={u.caseId}>
                      <TableCell>
                        <Link href={hrefOf({ view: 'case', caseId: u.caseId })}>{u.reference}</Link>
                        {u.title && u.title !== u.reference ? `: ${u.title}` : ''}
                      </TableCell>
                      <TableCell>{formatDate(u.closedOn)}</TableCell>
                      <TableCell>
                        {u.legalHold ? (
                          <Badge appearance="tint" color="warning">
                            Kept: on legal hold
                          </Badge>
                        ) : (
                          formatDate(u.purgeOn)
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          {manager && (
            <div className={styles.row}>
              <Button onClick={() => void runNow()} disabled={running}>
                {running ? 'Running...' : 'Run the sweep now'}
              </Button>
              <span role="status">{ran}</span>
            </div>
          )}
          <h3 className={common.h3}>Purged</h3>
          {report.purged.length === 0 ? (
            <p>Nothing has been purged yet.</p>
          ) : (
            <div className={common.tableWrap}>
              <Table aria-label="Cases purged" size="small">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Case</TableHeaderCell>
                    <TableHeaderCell>Closed</TableHeaderCell>
                    <TableHeaderCell>Purged</TableHeaderCell>
                    <TableHeaderCell>By</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {report.purged.map((p) => (
                    <TableRow key={`${p.reference}-${p.purgedAt}`}>
                      <TableCell>{p.reference}</TableCell>
                      <TableCell>{formatDate(p.closedOn)}</TableCell>
                      <TableCell>{formatInstant(p.purgedAt)}</TableCell>
                      <TableCell>{p.by === 'retention-sweep' ? 'The nightly sweep' : p.by}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
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
  const [error, setError] = useState<ApiRequestError | undefined>();
  const [busy, setBusy] = useState<'' | 'search' | 'export'>('');
  const [exported, setExported] = useState('');
  const problems = useMemo(() => new ProblemIndex(error?.problems ?? []), [error]);
  const terms = (): SubjectQuery =>
    Object.fromEntries(
      Object.entries(query).filter(([, v]) => typeof v === 'string' && v.trim()),
    ) as SubjectQuery;

  const search = async (e: FormEvent) => {
    e.preventDefault();
    setBusy('search');
    setError(undefined);
    setExported('');
    try {
      setMatches((await api.subjectSearch(terms())).matches);
    } catch (err) {
      setError(asApiError(err));
      setMatches(undefined);
    } finally {
      setBusy('');
    }
  };

  const exportAll = async () => {
    setBusy('export');
    setError(undefined);
    try {
      downloadBlob(await api.subjectExport(terms()), 'subject-access.zip');
      setExported(
        'The archive is downloaded. Read for-redaction.json in each case folder before anything is sent.',
      );
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy('');
    }
  };

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
        <FormField path="name" problems={problems} label="Name">
          <Input
            value={query.name ?? ''}
            onChange={(_, d) => setQuery({ ...query, name: d.value })}
            autoComplete="off"
          />
        </FormField>
        <FormField path="address" problems={problems} label="Address or postcode">
          <Input
            value={query.address ?? ''}
            onChange={(_, d) => setQuery({ ...query, address: d.value })}
            autoComplete="off"
          />
        </FormField>
        <FormField path="email" problems={problems} label="Email address">
          <Input
            type="email"
            value={query.email ?? ''}
            onChange={(_, d) => setQuery({ ...query, email: d.value })}
            autoComplete="off"
          />
        </FormField>
        <div className={styles.row}>
          <Button appearance="primary" type="submit" disabled={busy !== ''}>
            {busy === 'search' ? 'Searching...' : 'Find the cases'}
          </Button>
        </div>
      </form>
      <ProblemSummary title="Could not search" message={error?.message} problems={problems.all} />
      {matches && (
        <div aria-live="polite">
          {matches.length === 0 ? (
            <p>No case mentions this person.</p>
          ) : (
            <>
              <p>
                {matches.length === 1 ? 'One case mentions' : `${matches.length} cases mention`} this person.
              </p>
              <div className={common.tableWrap}>
                <Table aria-label="Cases that mention the person" size="small">
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell>Case</TableHeaderCell>
                      <TableHeaderCell>Opened</TableHeaderCell>
                      <TableHeaderCell>Where</TableHeaderCell>
                      <TableHeaderCell>Files</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {matches.map((m) => (
                      <TableRow key={m.caseId}>
                        <TableCell>
                          <Link href={hrefOf({ view: 'case', caseId: m.caseId })}>{m.reference}</Link>
                        </TableCell>
                        <TableCell>{formatDate(m.openedOn)}</TableCell>
                        <TableCell>{m.found.join('; ')}</TableCell>
                        <TableCell>{m.files}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
              <div className={styles.row}>
                <Button onClick={() => void exportAll()} disabled={busy !== ''}>
                  {busy === 'export' ? 'Exporting...' : 'Export these cases'}
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
