import type { CaseDetail } from '../../../../../bot/api/contract';
import { useApp } from '../../../app-context';
import { DataTable, column } from '../../../components/data-table';
import { DownloadLink } from '../../../components/download-link';
import { ProblemSummary } from '../../../components/problems';
import { useCommonStyles } from '../../../components/styles';
import { formatDate, formatInstant, formatSize } from '../../../lib/format';
import { useAction } from '../../../lib/use-action';
import { letterKindLabel } from '../letter-logic';
import { Section } from './section';

type File = CaseDetail['files'][number];

/** Files the SPOC keeps: letters, papers, calendar files; not the calendar's internal booking record. */
const shownFile = (f: File) => !(f.kind === 'calendar' && f.contentType.startsWith('application/json'));

/** The letters issued and the files kept with the case, each downloadable. */
export function LettersAndFiles({ detail }: { detail: CaseDetail }) {
  const { api } = useApp();
  const common = useCommonStyles();
  const download = useAction();
  const { letters } = detail.state;
  const files = detail.files.filter(shownFile);
  if (letters.length === 0 && files.length === 0) return null;
  const columns = [
    column<File>({
      id: 'file',
      header: 'File',
      cell: (f) => (
        <DownloadLink
          action={download}
          id={f.fileId}
          name={f.name}
          fetch={() => api.file(detail.caseId, f.fileId)}
        >
          {f.name}
        </DownloadLink>
      ),
    }),
    column<File>({ id: 'kind', header: 'Kind', cell: (f) => f.kind }),
    column<File>({ id: 'added', header: 'Added', cell: (f) => formatInstant(f.createdAt) }),
    column<File>({ id: 'size', header: 'Size', cell: (f) => formatSize(f.size) }),
  ];
  return (
    <Section id="case-files" title="Letters and files">
      {letters.length > 0 && (
        <ul className={common.list}>
          {letters.map((l) => (
            <li key={l.letterId}>
              {letterKindLabel(l.kind)} issued {formatDate(l.issuedOn)}
            </li>
          ))}
        </ul>
      )}
      {files.length > 0 && <DataTable label="Files" columns={columns} items={files} rowKey="fileId" />}
      <ProblemSummary title="Could not download the file" message={download.error?.message} />
    </Section>
  );
}
