/**
 * A multipart form with at most one document, read with busboy within limits: the document's size, the
 * number and size of the other fields. One module for both doors: the victim's impact statement (issue 17,
 * bot/public) and an officer's or agency's document on a case (issue 15, document-routes.ts). The type is
 * decided by the file's first bytes and its name together, never by the browser's Content-Type.
 */
import busboy from 'busboy';
import type { Request } from 'express';

export type UploadProblem = 'fileType' | 'fileSize' | 'fileEmpty';

export interface Upload {
  fields: Record<string, string>;
  /**
   * `name` is the name the browser sent, untouched: clean it before showing or storing it. `extension` is
   * the type's own ending (`.pdf`, `.jpg`), for a name that loses its ending when it is cleaned.
   */
  file?: { name: string; contentType: string; extension: string; bytes: Buffer };
  /** Why the document was refused: too big, a type we do not take, empty. */
  problem?: UploadProblem;
}

export type DocumentExtension = 'pdf' | 'docx' | 'odt' | 'doc' | 'jpg' | 'png' | 'txt';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const TYPES: Record<DocumentExtension, { ext: RegExp; type: string; magic: (b: Buffer) => boolean }> = {
  pdf: {
    ext: /\.pdf$/i,
    type: 'application/pdf',
    magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  },
  docx: {
    ext: /\.docx$/i,
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: (b) => b.subarray(0, 4).equals(ZIP),
  },
  odt: {
    ext: /\.odt$/i,
    type: 'application/vnd.oasis.opendocument.text',
    magic: (b) => b.subarray(0, 4).equals(ZIP),
  },
  doc: {
    ext: /\.doc$/i,
    type: 'application/msword',
    magic: (b) => b.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])),
  },
  jpg: {
    ext: /\.jpe?g$/i,
    type: 'image/jpeg',
    magic: (b) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])),
  },
  png: {
    ext: /\.png$/i,
    type: 'image/png',
    magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  txt: {
    ext: /\.txt$/i,
    type: 'text/plain; charset=utf-8',
    magic: (b) => !b.includes(0) && Buffer.from(b.toString('utf8')).equals(b),
  },
};

/** What a victim may attach to an impact statement (issue 17). */
export const STATEMENT_TYPES: readonly DocumentExtension[] = [
  'pdf',
  'docx',
  'odt',
  'doc',
  'jpg',
  'png',
  'txt',
];
/** What an officer or agency may add to a case (issue 15): PDF, Word .docx, JPEG, PNG, plain text. */
export const CASE_DOCUMENT_TYPES: readonly DocumentExtension[] = ['pdf', 'docx', 'jpg', 'png', 'txt'];

/** The `accept` attribute of a file input for these types. */
export function acceptOf(types: readonly DocumentExtension[]): string {
  return types.flatMap((t) => (t === 'jpg' ? ['.jpg', '.jpeg'] : [`.${t}`])).join(',');
}

/** The statement's `accept` list, as the public door has always offered it. */
export const ACCEPTED = acceptOf(['pdf', 'doc', 'docx', 'odt', 'txt', 'jpg', 'png']);

/** The file's type and its ending when its name and its first bytes agree on one of `types`. */
function documentType(
  name: string,
  bytes: Buffer,
  types: readonly DocumentExtension[],
): { contentType: string; extension: string } | undefined {
  const found = types.find((t) => TYPES[t].ext.test(name) && TYPES[t].magic(bytes));
  return found ? { contentType: TYPES[found].type, extension: `.${found}` } : undefined;
}

/** Room for the form's other fields and the multipart framing, on top of the document itself. */
export const FORM_OVERHEAD_BYTES = 256 * 1024;

/**
 * Whether the request says it is bigger than any acceptable form (its Content-Length), so it can be
 * refused before its body is read. A request without a length is read within the limits instead.
 */
export function declaredTooBig(req: Request, maxBytes: number): boolean {
  const length = Number(req.headers['content-length']);
  return Number.isFinite(length) && length > maxBytes + FORM_OVERHEAD_BYTES;
}

export function readUpload(
  req: Request,
  maxBytes: number,
  types: readonly DocumentExtension[] = STATEMENT_TYPES,
): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 100_000, parts: 25 },
      });
    } catch (err) {
      reject(Object.assign(err as Error, { status: 400 }));
      return;
    }
    const upload: Upload = { fields: {} };
    bb.on('field', (name, value) => {
      if (!(name in upload.fields)) upload.fields[name] = value;
    });
    bb.on('file', (_name, stream, info) => {
      const filename = info.filename ?? '';
      const chunks: Buffer[] = [];
      let truncated = false;
      stream.on('data', (c: Buffer) => {
        // Past the limit nothing more is kept: the rest of the body is read and dropped.
        if (!truncated) chunks.push(c);
      });
      stream.on('limit', () => {
        truncated = true;
        chunks.length = 0;
      });
      stream.on('close', () => {
        const bytes = Buffer.concat(chunks);
        if (!filename && bytes.length === 0 && !truncated) return; // no document chosen
        if (truncated) upload.problem = 'fileSize';
        else if (bytes.length === 0) upload.problem = 'fileEmpty';
        else {
          const type = documentType(filename, bytes, types);
          if (!type) upload.problem = 'fileType';
          else upload.file = { name: filename, ...type, bytes };
        }
      });
    });
    bb.on('close', () => resolve(upload));
    bb.on('error', (err) => reject(Object.assign(err as Error, { status: 400 })));
    req.pipe(bb);
  });
}
