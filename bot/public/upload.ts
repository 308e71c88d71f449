/**
 * A multipart form with at most one document (the impact statement, issue 17), read with busboy within
 * limits: the document's size, the number and size of the other fields. The document's type is decided by
 * its first bytes and its name together, never by the browser's Content-Type.
 */
import busboy from 'busboy';
import type { Request } from 'express';

export interface Upload {
  fields: Record<string, string>;
  file?: { name: string; contentType: string; bytes: Buffer };
  /** A catalogue key when the document was refused (too big, a type we do not take, empty). */
  problem?: 'voice.statement.fileType' | 'voice.statement.fileSize' | 'voice.statement.fileEmpty';
}

const TYPES: { ext: RegExp; type: string; magic: (b: Buffer) => boolean }[] = [
  { ext: /\.pdf$/i, type: 'application/pdf', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  {
    ext: /\.docx$/i,
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
  },
  {
    ext: /\.odt$/i,
    type: 'application/vnd.oasis.opendocument.text',
    magic: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
  },
  {
    ext: /\.doc$/i,
    type: 'application/msword',
    magic: (b) => b.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])),
  },
  {
    ext: /\.jpe?g$/i,
    type: 'image/jpeg',
    magic: (b) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])),
  },
  {
    ext: /\.png$/i,
    type: 'image/png',
    magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    ext: /\.txt$/i,
    type: 'text/plain; charset=utf-8',
    magic: (b) => !b.includes(0) && Buffer.from(b.toString('utf8')).equals(b),
  },
];

export const ACCEPTED = '.pdf,.doc,.docx,.odt,.txt,.jpg,.jpeg,.png';

export function documentType(name: string, bytes: Buffer): string | undefined {
  return TYPES.find((t) => t.ext.test(name) && t.magic(bytes))?.type;
}

export function readUpload(req: Request, maxBytes: number): Promise<Upload> {
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
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        truncated = true;
      });
      stream.on('close', () => {
        const bytes = Buffer.concat(chunks);
        if (!filename && bytes.length === 0) return; // no document chosen
        if (truncated) upload.problem = 'voice.statement.fileSize';
        else if (bytes.length === 0) upload.problem = 'voice.statement.fileEmpty';
        else {
          const type = documentType(filename, bytes);
          if (!type) upload.problem = 'voice.statement.fileType';
          else
            upload.file = {
              name: filename.replace(/[^\w .()-]/g, '_').slice(-120),
              contentType: type,
              bytes,
            };
        }
      });
    });
    bb.on('close', () => resolve(upload));
    bb.on('error', (err) => reject(Object.assign(err as Error, { status: 400 })));
    req.pipe(bb);
  });
}
