import { Button, Link, Spinner } from '@fluentui/react-components';
import { useState } from 'react';
import type { AccessLogItem } from '../../../bot/api/contract';
import { useApp } from '../app-context';
import { DataTable, column } from '../components/data-table';
import { Page } from '../components/page';
import { ProblemSummary } from '../components/problems';
import { useCommonStyles } from '../components/styles';
import { formatInstant } from '../lib/format';
import { useAction } from '../lib/use-action';
import { useLoad } from '../lib/use-load';
import { hrefOf } from '../router';
import { caseLink } from '../components/case-link';

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
/** The table's name for screen readers. */
const label = 'Who looked at what, newest first';

const columns = [
  column<AccessLogItem>({ id: 'when', header: 'When', cell: (e) => formatInstant(e.at) }),
  column<AccessLogItem>({ id: 'who', header: 'Who', cell: (e) => e.personName }),
  column<AccessLogItem>({ id: 'what', header: 'What', cell: what }),
  column<AccessLogItem>({ id: 'case', header: 'Case', cell: (e) => caseLink(e.caseId, e.reference) }),
];

export default function AccessLogView({ caseId }: { caseId?: string | undefined }) {
  const { api } = useApp();
  const common = useCommonStyles();
  const filter = caseId ? { caseId } : {};
  const first = useLoad((signal) => api.accessLog(filter, signal), [api, caseId]);
  // Older pages, asked for one at a time ("Show older entries").
  const [older, setOlder] = useState<{ items: AccessLogItem[]; next?: string; loaded: boolean }>({
    items: [],
    loaded: false,
  });
  const more = useAction();
  const items = first.data ? [...first.data.items, ...older.items] : undefined;
  const next = older.loaded ? older.next : first.data?.nextCursor;
  const error = first.error ?? more.error;

  const loadOlder = async (cursor: string) => {
    const done = await more.run(() => api.accessLog({ ...filter, cursor }));
    if (done.ok)
      setOlder((o) => ({
        items: [...o.items, ...done.value.items],
        loaded: true,
        ...(done.value.nextCursor ? { next: done.value.nextCursor } : {}),
      }));
  };

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
        <DataTable label={label} columns={columns} items={items} rowKey="entryId" />
      )}
      {next && (
        <Button onClick={() => void loadOlder(next)} disabled={more.busy}>
          {more.busy ? 'Loading...' : 'Show older entries'}
        </Button>
      )}
    </Page>
  );
}
