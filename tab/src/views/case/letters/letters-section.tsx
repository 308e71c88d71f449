import { Badge, Button, Link, Spinner } from '@fluentui/react-components';
import { useState } from 'react';
import { downloadBlob, type IssuedLetter, type LetterSummary } from '../../../api/client';
import { useApp } from '../../../app-context';
import { DataTable, column } from '../../../components/data-table';
import { ProblemSummary } from '../../../components/problems';
import { useCommonStyles } from '../../../components/styles';
import { formatDate } from '../../../lib/format';
import { useAction } from '../../../lib/use-action';
import { useLoad } from '../../../lib/use-load';
import type { CaseSectionProps } from '../events/event-spec';
import {
  capitalised,
  clockMet,
  letterFileName,
  letterNeeds,
  lettersNotNow,
  lettersNow,
} from '../letter-logic';
import { LetterActions } from './letter-actions';
import { useLetterStyles } from './styles';

/** The table's name for screen readers. */
const label = 'Letters that can be written now';

/**
 * The Letters section: the letters that can be written now, each with "Preview" (the server's HTML in a
 * sandboxed frame) and "Issue". Issuing stores the .docx with the case and records it; the case is reloaded
 * so the file, the timeline and the clock the letter meets show it. Only a SPOC or manager writes letters.
 */
export function LettersSection({ ctx, onChanged }: CaseSectionProps) {
  const { api } = useApp();
  const styles = useLetterStyles();
  const common = useCommonStyles();
  const { detail } = ctx;
  // The list changes with the case: load it again with each new version.
  const letters = useLoad(
    (signal) => api.letters(detail.caseId, signal),
    [api, detail.caseId, detail.version],
  );
  const list = letters.data;
  // The news of the last letter issued, until the case moves on past what the issue recorded.
  const [news, setNews] = useState<{ text: string; issued: IssuedLetter; until: number } | undefined>();
  const current = news && detail.version <= news.until ? news : undefined;
  const download = useAction();
  const downloadFile = (fileId: string, name: string) =>
    download.run(async () => downloadBlob(await api.file(detail.caseId, fileId), name));

  const issued = async (out: IssuedLetter, label: string) => {
    const text =
      out.recorded.length === 0
        ? `${capitalised(label)} had already been issued (${out.name}); nothing was recorded twice.`
        : `Issued: ${capitalised(label)} (${out.name}). It is in the case's files and timeline.`;
    setNews({ text, issued: out, until: detail.version + out.recorded.length });
    await onChanged(text);
  };

  const now = list ? lettersNow(list.letters, detail.state) : [];
  const notNow = list ? lettersNotNow(list.letters, detail.state) : [];

  const columns = [
    column<LetterSummary>({
      id: 'letter',
      header: 'Letter',
      cell: (s) => <strong>{capitalised(s.label)}</strong>,
    }),
    column<LetterSummary>({
      id: 'to',
      header: 'To',
      cell: (s) =>
        s.kind === 'ct2' || s.to === 'applicant'
          ? 'The applicant'
          : letterNeeds(s, detail.state).to
            ? 'The victim or the applicant'
            : 'The victim',
    }),
    column<LetterSummary>({
      id: 'issued',
      header: 'Issued',
      cell: (s) => (
        <div className={styles.cellStack}>
          {s.issued.length === 0 && <span className={common.muted}>Not yet</span>}
          {s.issued.map((i) => {
            const name = letterFileName(i.fileId, detail.files, detail.reference, s.label);
            return (
              <span key={i.letterId} className={styles.small}>
                {formatDate(i.issuedOn, 'short')}
                {i.fileId && (
                  <>
                    {' '}
                    <Link
                      as="button"
                      type="button"
                      inline
                      disabledFocusable={download.busy}
                      aria-label={`Download ${name}`}
                      onClick={() => void downloadFile(i.fileId!, name)}
                    >
                      Download
                    </Link>
                  </>
                )}
              </span>
            );
          })}
        </div>
      ),
    }),
    column<LetterSummary>({
      id: 'meets',
      header: 'Deadline it meets',
      cell: (s) => {
        const clock = clockMet(s.meets, detail.clocks);
        if (!clock) return <span className={common.muted}>None</span>;
        return clock.metOn ? (
          <span>
            {clock.label}:{' '}
            <Badge appearance="tint" color={clock.late ? 'danger' : 'success'}>
              {clock.late ? 'Met late' : 'Met'}
            </Badge>{' '}
            {formatDate(clock.metOn, 'short')}
          </span>
        ) : (
          <span>
            {clock.label}: due {formatDate(clock.dueOn, 'short')}
          </span>
        );
      },
    }),
    column<LetterSummary>({
      id: 'actions',
      header: 'Preview and issue',
      cell: (s) => <LetterActions summary={s} ctx={ctx} onIssued={issued} />,
    }),
  ];

  return (
    <section aria-labelledby="case-letters" className={common.section}>
      <h2 id="case-letters" className={common.h2}>
        Letters
      </h2>
      {!list && letters.loading && (
        <Spinner size="small" label="Loading the letters..." labelPosition="after" />
      )}
      {letters.error && (
        <>
          <ProblemSummary title="Could not load the letters" message={letters.error.message} />
          <Button size="small" onClick={() => void letters.reload()}>
            Try again
          </Button>
        </>
      )}
      {list && now.length === 0 && (
        <p className={common.muted}>No letter can be written at this stage of the case.</p>
      )}
      {list && now.length > 0 && <DataTable label={label} columns={columns} items={now} rowKey="kind" />}
      <p role="status" aria-live="polite" className={styles.status}>
        {current && (
          <>
            {current.text}{' '}
            <Link
              as="button"
              type="button"
              onClick={() => void downloadFile(current.issued.fileId, current.issued.name)}
              disabledFocusable={download.busy}
            >
              Download {current.issued.name}
            </Link>
          </>
        )}
      </p>
      <ProblemSummary title="Could not download the letter" message={download.error?.message} />
      {notNow.length > 0 && (
        <details>
          <summary>Letters that do not apply now ({notNow.length})</summary>
          <ul className={common.list}>
            {notNow.map((l) => (
              <li key={l.kind}>
                <strong>{capitalised(l.label)}</strong>: {l.why ?? 'not at this stage.'}
                {l.issued.length > 0
                  ? ` Issued ${l.issued.map((i) => formatDate(i.issuedOn, 'short')).join(', ')}.`
                  : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
