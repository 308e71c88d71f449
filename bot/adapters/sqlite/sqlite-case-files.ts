/** CaseFiles in SQLite: each file's bytes in a BLOB beside its case, with its SHA-256. */
import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { fileRecord, type CaseFile, type CaseFiles, type NewCaseFile } from '../../store/case-files';
import { CaseNotFoundError } from '../../store/store-errors';
import { checkNewFile } from '../../store/store-schemas';

interface FileRow {
  file_id: string;
  case_id: string;
  kind: CaseFile['kind'];
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  stored_at: string;
  stored_by: string;
}

const toFile = (r: FileRow): CaseFile => ({
  fileId: r.file_id,
  caseId: r.case_id,
  kind: r.kind,
  name: r.name,
  contentType: r.content_type,
  size: r.size,
  sha256: r.sha256,
  storedAt: r.stored_at,
  storedBy: r.stored_by,
});

const COLUMNS = 'file_id, case_id, kind, name, content_type, size, sha256, stored_at, stored_by';

export class SqliteCaseFiles implements CaseFiles {
  private readonly sql: Record<'caseExists' | 'fileRow' | 'withBytes' | 'ofCase' | 'insert', Statement>;

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date,
  ) {
    const s = (sql: string) => db.prepare(sql);
    this.sql = {
      caseExists: s('SELECT 1 FROM cases WHERE case_id = ?').pluck(),
      fileRow: s(`SELECT ${COLUMNS} FROM case_files WHERE file_id = ?`),
      withBytes: s(`SELECT ${COLUMNS}, bytes FROM case_files WHERE file_id = ?`),
      ofCase: s(`SELECT ${COLUMNS} FROM case_files WHERE case_id = ? ORDER BY stored_at, file_id`),
      insert: s(
        `INSERT INTO case_files (${COLUMNS}, bytes) VALUES (@file_id, @case_id, @kind, @name, @content_type,
         @size, @sha256, @stored_at, @stored_by, @bytes)`,
      ),
    };
  }

  async putFile(caseId: string, file: NewCaseFile, bytes: Uint8Array): Promise<CaseFile> {
    const f = checkNewFile(file);
    const tx = this.db.transaction((): CaseFile => {
      if (!this.sql.caseExists.get(caseId)) throw new CaseNotFoundError(caseId);
      const fileId = f.fileId ?? randomUUID();
      const existing = this.sql.fileRow.get(fileId) as FileRow | undefined;
      if (existing) return toFile(existing);
      const stored = fileRecord(caseId, fileId, f, bytes, this.clock().toISOString());
      this.sql.insert.run({
        file_id: stored.fileId,
        case_id: stored.caseId,
        kind: stored.kind,
        name: stored.name,
        content_type: stored.contentType,
        size: stored.size,
        sha256: stored.sha256,
        stored_at: stored.storedAt,
        stored_by: stored.storedBy,
        bytes: Buffer.from(bytes),
      });
      return stored;
    });
    return tx.immediate();
  }

  async getFile(fileId: string): Promise<{ file: CaseFile; bytes: Buffer } | null> {
    const row = this.sql.withBytes.get(fileId) as (FileRow & { bytes: Buffer }) | undefined;
    return row ? { file: toFile(row), bytes: row.bytes } : null;
  }

  async caseFiles(caseId: string): Promise<CaseFile[]> {
    return (this.sql.ofCase.all(caseId) as FileRow[]).map(toFile);
  }
}
