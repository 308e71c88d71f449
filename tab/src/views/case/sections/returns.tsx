import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { CaseDetail } from '../../../../../bot/api/contract';
import { useApp } from '../../../app-context';
import { DataTable, column } from '../../../components/data-table';
import { RagBadge } from '../../../components/rag-badge';
import { useCommonStyles } from '../../../components/styles';
import { requestRows } from '../../../lib/case-helpers';
import { formatDate } from '../../../lib/format';
import { useAction } from '../../../lib/use-action';
import { OnTimeBadge } from './on-time-badge';
import { ReturnContents } from './return-contents';
import { Section } from './section';

const useStyles = makeStyles({
  remind: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    alignItems: 'flex-start',
  },
  small: { fontSize: tokens.fontSizeBase200 },
});

type Row = ReturnType<typeof requestRows>[number];

/** Each agency asked: when, when due, its return (on time or late) or the days left, and "Remind now". */
export function Returns({
  detail,
  name,
  person,
}: {
  detail: CaseDetail;
  name: (id: string) => string;
  person: (id: string) => string;
}) {
  const common = useCommonStyles();
  const rows = requestRows(detail);
  const columns = [
    column<Row>({ id: 'agency', header: 'Agency', cell: (r) => name(r.agencyId) }),
    column<Row>({ id: 'asked', header: 'Asked', cell: (r) => formatDate(r.requestedOn, 'short') }),
    column<Row>({ id: 'due', header: 'Due', cell: (r) => (r.dueOn ? formatDate(r.dueOn, 'short') : '') }),
    column<Row>({
      id: 'return',
      header: 'Return',
      cell: (row) =>
        row.receivedOn ? (
          <>
            Received {formatDate(row.receivedOn, 'short')} <OnTimeBadge late={row.late} />
            {row.returnsCount > 1 ? ` (corrected ${row.returnsCount - 1}×)` : ''}
          </>
        ) : detail.state.status === 'closed' ? (
          'Not returned (case closed)'
        ) : row.workingDaysLeft !== undefined ? (
          <RagBadge rag={row.rag} deadline={{ overdue: row.overdue, workingDaysLeft: row.workingDaysLeft }} />
        ) : (
          'Waiting'
        ),
    }),
    column<Row>({
      id: 'remind',
      header: 'Remind',
      cell: (row) =>
        detail.can.remind &&
        !row.receivedOn &&
        detail.state.status !== 'closed' && (
          <RemindButton caseId={detail.caseId} requestId={row.requestId} agency={name(row.agencyId)} />
        ),
    }),
  ];
  return (
    <Section id="case-returns" title="Agency returns">
      {rows.length === 0 ? (
        <p className={common.muted}>No agency has been asked yet.</p>
      ) : (
        <DataTable label="Agency returns" columns={columns} items={rows} rowKey="requestId" />
      )}
      <ReturnContents detail={detail} name={name} person={person} />
    </Section>
  );
}

function RemindButton({ caseId, requestId, agency }: { caseId: string; requestId: string; agency: string }) {
  const { api } = useApp();
  const styles = useStyles();
  const remind = useAction();
  const [done, setDone] = useState('');
  const send = async () => {
    setDone('');
    const out = await remind.run(() => api.remind(caseId, requestId));
    if (!out.ok) return;
    const { sent } = out.value;
    setDone(
      sent === 0
        ? `No one at ${agency} could be reminded: check the agency's contacts.`
        : sent === undefined
          ? 'Reminder sent.'
          : `Reminder sent to ${sent} ${sent === 1 ? 'person' : 'people'}.`,
    );
  };
  return (
    <div className={styles.remind}>
      <Button
        size="small"
        onClick={() => void send()}
        disabledFocusable={remind.busy}
        aria-label={`Remind ${agency} now`}
      >
        {remind.busy ? 'Sending...' : 'Remind now'}
      </Button>
      <span role="status" className={styles.small}>
        {done}
      </span>
      {remind.error && (
        <span role="alert" className={styles.small}>
          {remind.error.message}
        </span>
      )}
    </div>
  );
}
