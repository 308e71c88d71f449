/**
 * Issue 15: a document added to a case by an officer, or by an agency member for their own agency. The
 * file is stored with the case first (its id derived from the upload's, so a retry keeps one file), then
 * the `document-added` event makes it part of the record; until then nobody sees it (access-policy.ts).
 * Who may add is checked before a byte is stored. The name the person gave is cleaned and never logged.
 */
import { documentAdded, problemsOf, type DocumentAddedPayload, type DocumentKind } from '../../shared';
import type { AddedDocument, Person } from '../api/contract';
import type { CaseFiles } from '../store/case-files';
import { mayAddDocument, type CaseAccess } from './access-policy';
import type { CaseService } from './case-service';
import { cleanText } from './clean-text';
import { safeDocumentName } from './document-name';
import { ForbiddenError, InvalidInputError, NotFoundError, NO_SUCH_CASE } from './errors';
import { stableUuid } from './stable-uuid';

export interface NewDocument {
  /** The client's upload id: the event's id, and the seed of the file's. */
  id: string;
  kind: DocumentKind;
  description?: string | undefined;
  sharedWithPanel: boolean;
  /** The file as the upload found it: its type and that type's own ending, from its bytes and name. */
  file: { name: string; contentType: string; extension: string; bytes: Buffer };
}

export class CaseDocuments {
  constructor(
    private readonly deps: {
      service: Pick<CaseService, 'load' | 'access' | 'recordDocument' | 'today'>;
      files: Pick<CaseFiles, 'putFile'>;
    },
  ) {}

  async add(caseId: string, input: NewDocument, by: Person): Promise<AddedDocument> {
    const loaded = await this.deps.service.load(caseId);
    const access = loaded ? this.deps.service.access(by, loaded.state) : null;
    if (!loaded || !access) throw new NotFoundError(NO_SUCH_CASE);
    const fileId = stableUuid('document', caseId, input.id);
    const payload = this.payload(input, fileId, access);
    refuseUnless(access, payload);
    const stored = await this.deps.files.putFile(
      caseId,
      {
        fileId,
        kind: 'document',
        name: payload.name,
        contentType: input.file.contentType,
        storedBy: by.id,
      },
      input.file.bytes,
    );
    const recorded = await this.deps.service.recordDocument(
      loaded,
      { id: input.id, type: 'document-added', payload: { ...payload, size: stored.size } },
      by,
      (state) => {
        // Checked again on the case as it is when recorded: the read above, or, if another write came
        // first (an agency may have left the case meanwhile), the case read again by the append's retry.
        const now = this.deps.service.access(by, state);
        if (!now) throw new NotFoundError(NO_SUCH_CASE);
        refuseUnless(now, payload);
      },
    );
    return {
      fileId,
      name: payload.name,
      size: stored.size,
      version: recorded.version,
      alreadyRecorded: recorded.alreadyRecorded,
    };
  }

  /** The event's payload, checked by its schema before anything is stored. */
  private payload(input: NewDocument, fileId: string, access: CaseAccess): DocumentAddedPayload {
    const description = input.description ? cleanText(input.description).trim() : '';
    const parsed = documentAdded.safeParse({
      fileId,
      kind: input.kind,
      name: safeDocumentName(input.file.name, input.file.extension),
      ...(description ? { description } : {}),
      contentType: input.file.contentType,
      size: input.file.bytes.byteLength,
      addedOn: this.deps.service.today(),
      ...(access.officer ? {} : access.agencyId ? { agencyId: access.agencyId } : {}),
      ...(input.sharedWithPanel ? { sharedWithPanel: true } : {}),
    });
    if (!parsed.success) throw new InvalidInputError('Check the document.', problemsOf(parsed.error));
    return parsed.data;
  }
}

function refuseUnless(access: CaseAccess, payload: DocumentAddedPayload): void {
  const reason = mayAddDocument(access, payload);
  if (reason) throw new ForbiddenError(`You cannot add this document: ${reason}`);
}
