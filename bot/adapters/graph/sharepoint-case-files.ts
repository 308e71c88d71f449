/**
 * CaseFiles on SharePoint: the bytes in the site's default document library (one folder per case, the
 * file named by its id), and an ASB Case Files item that makes them part of the case, with the checksum
 * read back on every download.
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { fileRecord, type CaseFile, type CaseFiles, type NewCaseFile } from '../../store/case-files';
import { CaseNotFoundError, StoreError } from '../../store/store-errors';
import { checkNewFile } from '../../store/store-schemas';
import { GraphRequestError, type GraphApi } from './graph-client';
import { FILE_FIELDS, fileFields, fileFromFields } from './list-fields';
import { eq } from './odata';
import type { SharePointLists } from './sharepoint-list';

const driveItem = z.looseObject({ id: z.string() });

/**
 * Graph's simple upload (PUT .../content) takes files up to 250 MB (learn.microsoft.com/graph/api/
 * driveitem-put-content); the app's largest document is 100 MB (DOCUMENT_MAX_MB), so it never needs an
 * upload session. Anything bigger is refused here, clearly, rather than by Graph.
 */
export const SIMPLE_UPLOAD_MAX_BYTES = 250 * 1024 * 1024;

export class SharePointCaseFiles implements CaseFiles {
  constructor(
    private readonly api: GraphApi,
    private readonly siteId: string,
    private readonly l: SharePointLists,
    /** Folder in the site's default document library. */
    readonly folder: string,
    private readonly clock: () => Date,
  ) {}

  async putFile(caseId: string, file: NewCaseFile, bytes: Uint8Array): Promise<CaseFile> {
    const f = checkNewFile(file);
    if (bytes.byteLength > SIMPLE_UPLOAD_MAX_BYTES)
      throw new StoreError('The file is bigger than the document library takes in one upload (250 MB).');
    const fileId = f.fileId ?? randomUUID();
    const [caseItem, existing] = await Promise.all([
      this.l.cases.first({ select: ['CaseId', 'CaseState'], filter: eq('CaseId', caseId) }),
      this.l.files.first({ select: FILE_FIELDS, filter: eq('FileId', fileId) }),
    ]);
    if (!caseItem || caseItem.fields.CaseState === 'purging') throw new CaseNotFoundError(caseId);
    if (existing) return fileFromFields(existing.fields).file;
    const stored = fileRecord(caseId, fileId, f, bytes, this.clock().toISOString());
    // Bytes first, then the item that makes them part of the case: a crash between leaves an
    // unreferenced file in the case's folder, removed with the folder when the case is purged. The file
    // is named by its id, so a person's file name (shown from the item) never meets SharePoint's rules
    // for names, and a retry replaces the same file (PUT's default conflict behaviour).
    const extension = /\.[A-Za-z0-9]{1,8}$/.exec(f.name)?.[0] ?? '';
    const path = [this.folder, caseId, `${fileId}${extension}`].map(encodeURIComponent).join('/');
    const uploaded = await this.api.request('PUT', `/sites/${this.siteId}/drive/root:/${path}:/content`, {
      headers: { 'Content-Type': f.contentType },
      body: Buffer.from(bytes),
    });
    const driveItemId = driveItem.parse(uploaded.body).id;
    try {
      await this.l.files.create(fileFields(stored, driveItemId));
    } catch (err) {
      if (!(err instanceof GraphRequestError && err.status === 409)) throw err;
      const again = await this.l.files.first({ select: FILE_FIELDS, filter: eq('FileId', fileId) });
      if (again) return fileFromFields(again.fields).file;
      throw err;
    }
    return stored;
  }

  async getFile(fileId: string): Promise<{ file: CaseFile; bytes: Buffer } | null> {
    const item = await this.l.files.first({ select: FILE_FIELDS, filter: eq('FileId', fileId) });
    if (!item) return null;
    const { file, driveItemId } = fileFromFields(item.fields);
    const { body } = await this.api.request<Buffer>(
      'GET',
      `/sites/${this.siteId}/drive/items/${encodeURIComponent(driveItemId)}/content`,
      { binary: true },
    );
    if (createHash('sha256').update(body).digest('hex') !== file.sha256)
      throw new StoreError(`File ${fileId} does not match the checksum stored with it.`);
    return { file, bytes: body };
  }

  async caseFiles(caseId: string): Promise<CaseFile[]> {
    const items = await this.l.files.all({ select: FILE_FIELDS, filter: eq('CaseId', caseId) });
    return items
      .map((i) => fileFromFields(i.fields).file)
      .sort((a, b) => a.storedAt.localeCompare(b.storedAt) || a.fileId.localeCompare(b.fileId));
  }
}
