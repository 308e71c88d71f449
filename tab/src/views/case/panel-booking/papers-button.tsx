import { Button, Link, Spinner } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { downloadBlob, type PanelPapers } from '../../../api/client';
import { useApp } from '../../../app-context';
import { useAction } from '../../../lib/use-action';
import { uuid } from '../../../lib/uuid';
import type { CaseSectionProps } from '../events/event-spec';
import { usePanelStyles } from './styles';

/** "Make the panel papers": the case summary and every agency's return, as one .docx kept with the case. */
export function PapersButton({ ctx, onChanged }: CaseSectionProps) {
  const { api } = useApp();
  const styles = usePanelStyles();
  const make = useAction();
  const download = useAction();
  const [papers, setPapers] = useState<PanelPapers | undefined>();
  const requestId = useRef(uuid());
  const error = make.error ?? download.error;

  const makePapers = async () => {
    download.reset();
    const done = await make.run(() => api.panelPapers(ctx.detail.caseId, requestId.current));
    if (!done.ok) return;
    requestId.current = uuid();
    setPapers(done.value);
    await onChanged(`Panel papers made: ${done.value.name}. They are in the case files.`);
  };

  const downloadPapers = async () => {
    if (!papers) return;
    make.reset();
    await download.run(async () =>
      downloadBlob(await api.file(ctx.detail.caseId, papers.fileId), papers.name),
    );
  };

  return (
    <div className={styles.block}>
      <div className={styles.buttons}>
        <Button onClick={() => void makePapers()} disabledFocusable={make.busy}>
          {make.busy
            ? 'Making the papers...'
            : papers
              ? 'Make the panel papers again'
              : 'Make the panel papers'}
        </Button>
        {make.busy && (
          <Spinner size="tiny" label="Collating the case and the returns..." labelPosition="after" />
        )}
      </div>
      <span role="status" className={styles.small}>
        {papers && (
          <>
            Ready: {papers.name}.{' '}
            <Link
              as="button"
              type="button"
              inline
              onClick={() => void downloadPapers()}
              disabledFocusable={download.busy}
            >
              Download the panel papers
            </Link>
            {papers.outstanding.length > 0 ? ` Returns not yet in: ${papers.outstanding.join(', ')}.` : ''}
            {papers.late.length > 0 ? ` Late: ${papers.late.join(', ')}.` : ''}
          </>
        )}
      </span>
      {error && (
        <span role="alert" className={styles.error}>
          {error.message}
        </span>
      )}
    </div>
  );
}
