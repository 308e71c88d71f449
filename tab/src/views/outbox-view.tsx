import {
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
import { downloadBlob, type OutboxMessage } from '../api/client';
import { useApp } from '../app-context';
import { Page } from '../components/page';
import { ProblemSummary } from '../components/problems';
import { useCommonStyles } from '../components/styles';
import { asApiError, type ApiRequestError } from '../lib/api-error';
import { formatInstant } from '../lib/format';
import { hrefOf } from '../router';

/**
 * `#/outbox` (local mode): the emails the app would have sent, such as return requests to partner
 * agencies outside Teams, newest first, each downloadable as .eml to open in a mail program. Nothing
 * leaves the machine in local mode; this is how to see what would have.
 */
export default function OutboxView() {
  const { api, me } = useApp();
  const common = useCommonStyles();
  const [messages, setMessages] = useState<OutboxMessage[] | undefined>();
  const [error, setError] = useState<ApiRequestError | undefined>();
  const [busy, setBusy] = useState('');
  const [downloadError, setDownloadError] = useState<ApiRequestError | undefined>();

  useEffect(() => {
    const abort = new AbortController();
    api.outbox(abort.signal).then(
      (r) => setMessages(r.messages),
      (err: unknown) => !abort.signal.aborted && setError(asApiError(err)),
    );
    return () => abort.abort();
  }, [api]);

  const download = async (m: OutboxMessage) => {
    setBusy(m.id);
    setDownloadError(undefined);
    try {
      downloadBlob(await api.outboxMessage(m.id), `${m.id}.eml`);
    } catch (err) {
      setDownloadError(asApiError(err));
    } finally {
      setBusy('');
    }
  };

  return (
    <Page title="Outbox">
      <p className={common.muted}>
        {me.mode === 'local'
          ? 'Local mode sends no email: these are the messages that would have been sent, newest first.'
          : 'The outbox exists in local mode only.'}
      </p>
      {!messages && !error && <Spinner label="Loading the outbox..." />}
      <ProblemSummary title="Could not load the outbox" message={error?.message} />
      {messages && messages.length === 0 && <p>No email would have been sent yet.</p>}
      {messages && messages.length > 0 && (
        <div className={common.tableWrap}>
          <Table aria-label="Emails that would have been sent" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Sent</TableHeaderCell>
                <TableHeaderCell>To</TableHeaderCell>
                <TableHeaderCell>Subject</TableHeaderCell>
                <TableHeaderCell>Case</TableHeaderCell>
                <TableHeaderCell>Message</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {messages.map((m) => (
                <TableRow key={m.id}>
                  <TableCell>{formatInstant(m.sentAt)}</TableCell>
                  <TableCell>{m.to.join(', ')}</TableCell>
                  <TableCell>{m.subject}</TableCell>
                  <TableCell>
                    {m.caseId ? (
                      <Link href={hrefOf({ view: 'case', caseId: m.caseId })}>Open the case</Link>
                    ) : (
                      ''
                    )}
                  </TableCell>
                  <TableCell>
                    <Link
                      as="button"
                      type="button"
                      onClick={() => void download(m)}
                      disabledFocusable={busy === m.id}
                    >
                      Download .eml<span className={common.srOnly}> of &quot;{m.subject}&quot;</span>
                    </Link>
                    {busy === m.id && <Spinner size="extra-tiny" label="Downloading" labelPosition="after" />}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <ProblemSummary title="Could not download the message" message={downloadError?.message} />
    </Page>
  );
}
