import { Spinner } from '@fluentui/react-components';
import type { OutboxMessage } from '../api/client';
import { useApp } from '../app-context';
import { DataTable, column } from '../components/data-table';
import { DownloadLink } from '../components/download-link';
import { Page } from '../components/page';
import { ProblemSummary } from '../components/problems';
import { useCommonStyles } from '../components/styles';
import { formatInstant } from '../lib/format';
import { useAction } from '../lib/use-action';
import { useLoad } from '../lib/use-load';
import { caseLink } from '../components/case-link';

/** The table's name for screen readers. */
const label = 'Emails that would have been sent';

/**
 * `#/outbox` (local mode): the emails the app would have sent, such as return requests to partner
 * agencies outside Teams, newest first, each downloadable as .eml to open in a mail program. Nothing
 * leaves the machine in local mode; this is how to see what would have.
 */
export default function OutboxView() {
  const { api, me } = useApp();
  const common = useCommonStyles();
  const outbox = useLoad((signal) => api.outbox(signal), [api]);
  const messages = outbox.data?.messages;
  const download = useAction();

  const columns = [
    column<OutboxMessage>({ id: 'sent', header: 'Sent', cell: (m) => formatInstant(m.sentAt) }),
    column<OutboxMessage>({ id: 'to', header: 'To', cell: (m) => m.to.join(', ') }),
    column<OutboxMessage>({ id: 'subject', header: 'Subject', cell: (m) => m.subject }),
    column<OutboxMessage>({ id: 'case', header: 'Case', cell: (m) => caseLink(m.caseId) }),
    column<OutboxMessage>({
      id: 'message',
      header: 'Message',
      cell: (m) => (
        <DownloadLink action={download} id={m.id} name={`${m.id}.eml`} fetch={() => api.outboxMessage(m.id)}>
          Download .eml<span className={common.srOnly}> of &quot;{m.subject}&quot;</span>
        </DownloadLink>
      ),
    }),
  ];

  return (
    <Page title="Outbox">
      <p className={common.muted}>
        {me.mode === 'local'
          ? 'Local mode sends no email: these are the messages that would have been sent, newest first.'
          : 'The outbox exists in local mode only.'}
      </p>
      {!messages && !outbox.error && <Spinner label="Loading the outbox..." />}
      <ProblemSummary title="Could not load the outbox" message={outbox.error?.message} />
      {messages && messages.length === 0 && <p>No email would have been sent yet.</p>}
      {messages && messages.length > 0 && (
        <DataTable label={label} columns={columns} items={messages} rowKey="id" />
      )}
      <ProblemSummary title="Could not download the message" message={download.error?.message} />
    </Page>
  );
}
