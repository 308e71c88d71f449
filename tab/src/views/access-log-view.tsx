import {
  Button,
  Link,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { AccessLogItem } from '../../../bot/api/contract';
import { useApp } from '../app-context';
import { Page } from '../components/page';
import { ProblemSummary } from '../components/problems';
import { useCommonStyles } from '../components/styles';
import { asApiError, type ApiRequestError } from '../lib/api-error';
import { formatInstant } from '../lib/format';
import { hrefOf } from '../router';

/** What each entry says a person did, in a manager's words. */
const actionWords: Record<string, string> = {
  'case-viewed': 'Opened the case',
  'file-downloaded': 'Downloaded a file',
  'letter-previewed': 'Previewed a letter',
  'return-viewed': 'Opened a return request',
  'statistics-viewed': 'Viewed the statistics',
  'cases-searched': 'Searched the cases',
  'access-log-viewed': 'Read the access log',
  'subject-access-export': 'Exported a subject access request',
};

const fileKindWords: Record<string, string> = {
  letter: 'a letter',
  email: 'the application email',
  calendar: 'the panel calendar file',
  'panel-papers': 'the panel papers',
  other: 'a document',
};

function what(e: AccessLogItem): string {
  const words = actionWords[e.action] ?? e.action;
  if (e.action === 'file-downloaded' && e.detail) return `Downloaded ${fileKindWords[e.detail] ?? 'a file'}`;
  if (e.action === 'letter-previewed' && e.detail) return `Previewed the ${e.detail.toUpperCase()} letter`;
  if (e.action === 'statistics-viewed' && e.detail) return `${words} (${e.detail})`;
  return words;
}

/**
 * `#/access-log` (managers): who looked at what, newest first; from a case, only that case. Every view
 * of a case, file download, letter preview and search is here; the log cannot be changed.
 */
export default function AccessLogView({ caseId }: { caseId?: string | undefined }) {
  const { api } = useApp();
  const common = useCommonStyles();
  const [items, setItems] = useState<AccessLogItem[] | undefined>();
  const [next, setNext] = useState<string | undefined>();
  const [error, setError] = useState<ApiRequestError | undefined>();
  const [loading, setLoading] = useState(false);

  const load = async (cursor?: string, signal?: AbortSignal) => {
    setLoading(true);
    try {
      const page = await api.accessLog(
        { ...(caseId ? { caseId } : {}), ...(cursor ? { cursor } : {}) },
        signal,
      );
      setItems((before) => [...(cursor ? (before ?? []) : []), ...page.items]);
      setNext(page.nextCursor);
    } catch (err) {
      if (!signal?.aborted) setError(asApiError(err));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    const abort = new AbortController();
    void load(undefined, abort.signal);
    return () => abort.abort();
  }, [api, caseId]);

  const reference = items?.find((e) => e.reference)?.reference;
  return (
    <Page title={caseId ? `Access log for ${reference ?? 'this case'}` : 'Access log'}>
      <p className={common.muted}>
        Every time someone opens a case, downloads a file, previews a letter or searches, it is recorded here.
        Nobody can change or delete these records. Reading this log is recorded too.
      </p>
      {caseId && (
        <p>
          <Link href={hrefOf({ view: 'case', caseId })}>Back to the case</Link> ·{' '}
          <Link href={hrefOf({ view: 'access-log' })}>Every case</Link>
        </p>
      )}
      {!items && !error && <Spinner label="Loading the access log..." />}
      <ProblemSummary title="Could not load the access log" message={error?.message} />
      {items && items.length === 0 && <p>Nothing has been recorded yet.</p>}
      {items && items.length > 0 && (
        <div className={common.tableWrap}>
          <Table aria-label="Who looked at what, newest first" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>When</TableHeaderCell>
                <TableHeaderCell>Who</TableHeaderCell>
                <TableHeaderCell>What</TableHeaderCell>
                <TableHeaderCell>Case</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((e) => (
                <TableRow key={e.entryId}>
                  <TableCell>{formatInstant(e.at)}</TableCell>
                  <TableCell>{e.personName}</TableCell>
                  <TableCell>{what(e)}</TableCell>
                  <TableCell>
                    {e.caseId ? (
                      <Link href={hrefOf({ view: 'case', caseId: e.caseId })}>
                        {e.reference ?? 'Open the case'}
                      </Link>
                    ) : (
                      ''
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {next && (
        <Button onClick={() => void load(next)} disabled={loading}>
          {loading ? 'Loading...' : 'Show older entries'}
        </Button>
      )}
    </Page>
  );
}
