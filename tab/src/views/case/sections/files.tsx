import { makeStyles, tokens } from '@fluentui/react-components';
import type { CaseDetail } from '../../../../../bot/api/contract';
import { useApp } from '../../../app-context';
import { DataTable, column } from '../../../components/data-table';
import { DownloadLink } from '../../../components/download-link';
import { ProblemSummary } from '../../../components/problems';
import { useCommonStyles } from '../../../components/styles';
import { formatDate, formatInstant, formatSize } from '../../../lib/format';
import { useAction } from '../../../lib/use-action';
import { letterKindLabel } from '../letter-logic';
import { AddDocumentDialog } from './add-document';
import { fileKindLabel, readersOf } from './documents-labels';
import { Section } from './section';

type File = CaseDetail['files'][number];

const useStyles = makeStyles({
  description: { display: 'block', color: tokens.colorNeutralForeground3 },
});

/** Files the SPOC keeps: letters, papers, calendar files; not the calendar's internal booking record. */
const shownFile = (f: File) => !(f.kind === 'calendar' && f.contentType.startsWith('application/json'));

/**
 * Issue 15: every document the person may see (letters, papers, minutes, the victim's statement and the
 * documents people added), each downloadable, with its kind in words, who added it, when and its size;
 * and "Add a document" for those who may.
 */
export function LettersAndFiles({
  detail,
  person,
  agencyName,
  onAdded,
}: {
  detail: CaseDetail;
  person: (id: string) => string;
  agencyName: (id: string) => string;
  onAdded: (message: string) => Promise<void> | void;
}) {
  const { api } = useApp();
  const common = useCommonStyles();
  const styles = useStyles();
  const download = useAction();
  const { letters } = detail.state;
  const files = detail.files.filter(shownFile);
  const columns = [
    column<File>({
      id: 'file',
      header: 'Document',
      cell: (f) => (
        <>
          <DownloadLink
            action={download}
            id={f.fileId}
            name={f.name}
            fetch={() => api.file(detail.caseId, f.fileId)}
          >
            {f.name}
          </DownloadLink>
          {f.description && <span className={styles.description}>{f.description}</span>}
        </>
      ),
    }),
    column<File>({ id: 'kind', header: 'Kind', cell: (f) => fileKindLabel(f) }),
    column<File>({ id: 'by', header: 'Added by', cell: (f) => person(f.addedBy) }),
    column<File>({ id: 'added', header: 'Added', cell: (f) => formatInstant(f.createdAt) }),
    column<File>({ id: 'size', header: 'Size', cell: (f) => formatSize(f.size) }),
    column<File>({ id: 'readers', header: 'Who can read it', cell: (f) => readersOf(f, agencyName) ?? '' }),
  ];
  return (
    <Section id="case-files" title="Documents">
      {letters.length > 0 && (
        <ul className={common.list}>
          {letters.map((l) => (
            <li key={l.letterId}>
              {letterKindLabel(l.kind)} issued {formatDate(l.issuedOn)}
            </li>
          ))}
        </ul>
      )}
      {files.length > 0 ? (
        <DataTable label="Documents" columns={columns} items={files} rowKey="fileId" />
      ) : (
        <p className={common.muted}>No documents yet.</p>
      )}
      <ProblemSummary title="Could not download the file" message={download.error?.message} />
      {detail.can.addDocument && <AddDocumentDialog detail={detail} onAdded={onAdded} />}
    </Section>
  );
}
