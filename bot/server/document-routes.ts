/**
 * Issue 15: adding a document to a case (POST /api/cases/{caseId}/documents, multipart/form-data). A body
 * that says it is too big is refused before it is read; the rest is read within the limit, its type decided
 * from its bytes (upload.ts, shared with the public door), and every refusal names its field (`file`,
 * `kind`, `description`) with words a person can act on. Nothing is stored unless all of it is right.
 */
import type express from 'express';
import type { Request, Response } from 'express';
import { problemsOf } from '../../shared';
import { addDocumentFields, expressPath, routes, type ApiError, type Person } from '../api/contract';
import type { CaseDocuments } from '../app/case-documents';
import { asyncRoute } from './async-route';
import { CASE_DOCUMENT_TYPES, declaredTooBig, readUpload, type UploadProblem } from './upload';

export interface DocumentRouteDeps {
  documents: CaseDocuments;
  maxBytes: number;
}

const TYPES_IN_WORDS = 'a PDF, a Word document (.docx), a JPEG or PNG picture, or a plain text file';

function fileProblem(problem: UploadProblem | 'missing', maxBytes: number): string {
  const mb = Math.round(maxBytes / 1_048_576);
  switch (problem) {
    case 'fileSize':
      return `The file is bigger than ${mb} MB. Choose a smaller file, or save it at a lower quality.`;
    case 'fileType':
      return `The file must be ${TYPES_IN_WORDS}; its contents must match its name's ending.`;
    case 'fileEmpty':
      return 'The file is empty. Choose the file again.';
    case 'missing':
      return 'Choose a file to add.';
  }
}

function refuse(res: Response, status: number, message: string, problems: ApiError['error']['problems']) {
  const body: ApiError = { error: { code: 'invalid', message, ...(problems?.length ? { problems } : {}) } };
  res.status(status).json(body);
}

export function registerDocumentRoutes(
  app: express.Express,
  authenticate: express.RequestHandler,
  deps: DocumentRouteDeps,
): void {
  const person = (req: Request): Person => req.person!;
  app.post(
    expressPath(routes.addDocument),
    authenticate,
    asyncRoute(async (req, res) => {
      if (!req.is('multipart/form-data'))
        return refuse(
          res,
          415,
          'Send the document as a form (multipart/form-data) with the file in "file".',
          [],
        );
      // Refused on its stated length, before its body is read (the rest is drained, never kept).
      if (declaredTooBig(req, deps.maxBytes))
        return refuse(res, 413, 'Check the document and send it again.', [
          { path: 'file', message: fileProblem('fileSize', deps.maxBytes) },
        ]);
      const upload = await readUpload(req, deps.maxBytes, CASE_DOCUMENT_TYPES);
      const fields = addDocumentFields.safeParse(upload.fields);
      const problems = fields.success ? [] : problemsOf(fields.error);
      if (upload.problem || !upload.file)
        problems.unshift({ path: 'file', message: fileProblem(upload.problem ?? 'missing', deps.maxBytes) });
      if (problems.length || !fields.success || !upload.file)
        return refuse(
          res,
          upload.problem === 'fileSize' ? 413 : 400,
          'Check the document and send it again.',
          problems,
        );
      const added = await deps.documents.add(
        String(req.params.caseId),
        { ...fields.data, file: upload.file },
        person(req),
      );
      res.status(added.alreadyRecorded ? 200 : 201).json(added);
    }),
  );
}
