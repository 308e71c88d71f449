import { Button, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { CaseDetail } from '../../../../bot/api/contract';
import { useApp } from '../../app-context';
import { FormDialog, useFormDialog } from '../../components/form-dialog';
import { FormField } from '../../components/form-field';
import { ProblemSummary } from '../../components/problems';
import { useCommonStyles } from '../../components/styles';
import { formatInstant } from '../../lib/format';
import { ProblemIndex } from '../../lib/problems';
import { useAction } from '../../lib/use-action';
import { uuid } from '../../lib/uuid';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '52rem' },
});

/**
 * The case's legal hold, for officers: whether it is kept past retention, since when, who set it and why;
 * a manager sets or releases it with a reason (recorded in the case's log, so every change is audited).
 */
export function LegalHoldSection({
  detail,
  personName,
  onChanged,
}: {
  detail: CaseDetail;
  personName: (id: string) => string;
  onChanged: () => Promise<void> | void;
}) {
  const { api } = useApp();
  const styles = useStyles();
  const common = useCommonStyles();
  const hold = detail.legalHold;
  const [reason, setReason] = useState('');
  const save = useAction();
  const error = save.error;
  const requestId = useRef('');
  const dialog = useFormDialog(() => {
    requestId.current = uuid();
    setReason('');
    save.reset();
  });
  const problems = useMemo(() => new ProblemIndex(error?.problems ?? []), [error]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // Busy until the case shows the change, as the dialog closes.
    await save.run(async () => {
      await api.setLegalHold(detail.caseId, { on: !hold.on, reason, requestId: requestId.current });
      dialog.setOpen(false);
      await onChanged();
    });
  };

  const action = hold.on ? 'Release the legal hold' : 'Put on legal hold';
  return (
    <section aria-labelledby="legal-hold" className={styles.box}>
      <h2 id="legal-hold" className={common.h2}>
        Retention and legal hold
      </h2>
      {hold.on ? (
        <p>
          <strong>On legal hold</strong>
          {hold.since ? ` since ${formatInstant(hold.since)}` : ''}
          {hold.by ? `, set by ${personName(hold.by)}` : ''}
          {hold.reason ? `: ${hold.reason}` : ''}. It is kept past the retention period until a manager
          releases it.
        </p>
      ) : (
        <p className={common.muted}>
          Not on legal hold: once closed, it is purged when the council&apos;s retention period ends.
        </p>
      )}
      {detail.can.legalHold && (
        <FormDialog
          state={dialog}
          busy={save.busy}
          title={action}
          submitLabel={action}
          maxWidth="40rem"
          stack={false}
          onSubmit={submit}
          trigger={<Button>{action}</Button>}
        >
          <FormField
            path="reason"
            problems={problems}
            label={hold.on ? 'Why the hold can be released' : 'Why the case must be kept'}
            hint="Recorded in the case's log with your name."
            required
          >
            <Textarea value={reason} onChange={(_, d) => setReason(d.value)} resize="vertical" />
          </FormField>
          <ProblemSummary
            title={error ? 'Not recorded' : undefined}
            message={error?.message}
            problems={problems.all}
            labelOf={() => 'Reason'}
          />
        </FormDialog>
      )}
    </section>
  );
}
