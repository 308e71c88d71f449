/**
 * The site's document library as the Graph double keeps it (graph/api/driveitem-put-content,
 * driveitem-get, driveitem-get-content, driveitem-delete): upload by path (parent folders made on the
 * way), read by path or id, content through a 302 to a one-time download address, delete with children.
 *
 * What the real service refuses, refused here too:
 * - a simple upload (PUT .../content) of more than 250 MB: learn.microsoft.com/graph/api/driveitem-put-content
 *   ("This method only supports files up to 250 MB in size"; bigger files need an upload session,
 *   driveitem-createuploadsession, which the app never needs: its documents are at most 100 MB);
 * - a name SharePoint does not allow: `" * : < > ? / \ |`, leading or trailing spaces, `.lock`, `CON`,
 *   `PRN`, `AUX`, `NUL`, `COM0-9`, `LPT0-9`, `desktop.ini`, `_vti_` anywhere, a name starting `~$`
 *   (support.microsoft.com, "Restrictions and limitations in OneDrive and SharePoint"; 400 invalidRequest);
 * - `@microsoft.graph.conflictBehavior=fail` on a name already taken: 409 nameAlreadyExists
 *   (graph/api/resources/driveitem, instance attributes; the default for PUT is replace; rename gives the
 *   new file a free name).
 */
import { randomUUID } from 'node:crypto';
import { bad, graphError, notAllowed, notFound, safeDecode, type Reply } from './double-http';

/** driveitem-put-content: the largest simple upload. */
export const SIMPLE_UPLOAD_MAX_BYTES = 250 * 1024 * 1024;

const REFUSED_CHARACTERS = /["*:<>?\\|]/;
const RESERVED_NAMES = /^(\.lock|con|prn|aux|nul|com\d|lpt\d|desktop\.ini)$/i;

/** Why SharePoint refuses this file or folder name, or undefined when it takes it. */
export function refusedName(name: string): string | undefined {
  if (REFUSED_CHARACTERS.test(name))
    return `The name "${name}" contains a character SharePoint does not allow.`;
  if (name !== name.trim()) return 'A name cannot start or end with a space.';
  const stem = name.replace(/\.[^.]*$/, '');
  if (RESERVED_NAMES.test(name) || RESERVED_NAMES.test(stem)) return `"${name}" is a reserved name.`;
  if (/_vti_/i.test(name) || name.startsWith('~$')) return `"${name}" is not allowed in SharePoint.`;
  return undefined;
}

export interface DriveEntry {
  id: string;
  path: string;
  name: string;
  folder: boolean;
  bytes: Buffer;
  mimeType: string;
  version: number;
}

export class SiteDrive {
  private readonly downloads = new Map<string, string>();

  constructor(
    private readonly entries: Map<string, DriveEntry>,
    /** Where the double listens: download addresses point there. */
    private readonly origin: string,
    /** The simple-upload limit; a test may lower it to try the refusal without 250 MB of bytes. */
    private readonly maxSimpleUpload = SIMPLE_UPLOAD_MAX_BYTES,
  ) {}

  /** The bytes stored at a path such as `ASB Case Files/<case>/<file>.docx`. */
  file(path: string): Buffer | undefined {
    return this.entries.get(normalizeDrivePath(path))?.bytes;
  }

  /** A request under `/drive`, its permission checked already. */
  handle(
    method: string,
    rest: string,
    headers: Record<string, string>,
    body: Buffer,
    query: URLSearchParams = new URLSearchParams(),
  ): Reply {
    const content = /^\/root:(\/.+):\/content$/.exec(rest);
    if (content && method === 'PUT')
      return this.upload(
        safeDecode(content[1] as string),
        headers,
        body,
        query.get('@microsoft.graph.conflictBehavior') ?? 'replace',
      );
    const byPath = /^\/root:(\/.+?):?$/.exec(rest);
    const byId = /^\/items\/([^/]+)(\/content)?$/.exec(rest);
    let entry: DriveEntry | undefined;
    let wantsContent = false;
    if (byPath) entry = this.entries.get(normalizeDrivePath(safeDecode(byPath[1] as string)));
    else if (byId) {
      entry = [...this.entries.values()].find((e) => e.id === byId[1]);
      wantsContent = byId[2] !== undefined;
    } else return bad(`Resource not found for the segment '${rest}'.`);
    if (!entry) return notFound('drive item');
    if (method === 'GET' && wantsContent) {
      if (entry.folder) return bad('A folder has no content.');
      const token = randomUUID();
      this.downloads.set(token, entry.path);
      return { status: 302, headers: { Location: `${this.origin}/_download/${token}` } };
    }
    if (method === 'GET') return { status: 200, body: driveItemJson(entry) };
    if (method === 'DELETE') {
      for (const key of [...this.entries.keys()])
        if (key === entry.path || key.startsWith(`${entry.path}/`)) this.entries.delete(key);
      return { status: 204 };
    }
    return notAllowed();
  }

  /** The one-time download address a content request was redirected to (no token needed, as in Graph). */
  download(url: string): Reply {
    const token = url.slice('/_download/'.length);
    const path = this.downloads.get(token);
    const entry = path ? this.entries.get(path) : undefined;
    if (!entry) return { status: 404 };
    return { status: 200, headers: { 'content-type': entry.mimeType }, raw: entry.bytes };
  }

  private upload(path: string, headers: Record<string, string>, body: Buffer, conflict: string): Reply {
    if (body.length > this.maxSimpleUpload)
      return graphError(
        413,
        'requestEntityTooLarge',
        'The file is larger than a simple upload takes; create an upload session.',
      );
    if (!['fail', 'replace', 'rename'].includes(conflict))
      return bad(`'${conflict}' is not a conflict behavior: use fail, replace or rename.`);
    let key = normalizeDrivePath(path);
    const segments = key.split('/');
    for (const segment of segments) {
      const refused = refusedName(segment);
      if (refused) return bad(refused);
    }
    if (this.entries.has(key) && conflict === 'fail')
      return graphError(409, 'nameAlreadyExists', 'The specified item name already exists.');
    if (this.entries.has(key) && conflict === 'rename') {
      const dot = key.lastIndexOf('.') > key.lastIndexOf('/') ? key.lastIndexOf('.') : key.length;
      let n = 1;
      while (this.entries.has(`${key.slice(0, dot)} ${n}${key.slice(dot)}`)) n++;
      key = `${key.slice(0, dot)} ${n}${key.slice(dot)}`;
      segments[segments.length - 1] = key.split('/').pop() as string;
    }
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join('/');
      if (!this.entries.has(folder))
        this.entries.set(folder, {
          id: randomUUID(),
          path: folder,
          name: segments[i - 1] as string,
          folder: true,
          bytes: Buffer.alloc(0),
          mimeType: '',
          version: 1,
        });
    }
    const existing = this.entries.get(key);
    const entry: DriveEntry = {
      id: existing?.id ?? randomUUID(),
      path: key,
      name: segments[segments.length - 1] as string,
      folder: false,
      bytes: Buffer.from(body),
      mimeType: headers['content-type'] ?? 'application/octet-stream',
      version: (existing?.version ?? 0) + 1,
    };
    this.entries.set(key, entry);
    return { status: existing ? 200 : 201, body: driveItemJson(entry) };
  }
}

function driveItemJson(e: DriveEntry) {
  return {
    id: e.id,
    name: e.name,
    eTag: `"{${e.id}},${e.version}"`,
    size: e.bytes.length,
    parentReference: { path: `/drive/root:/${e.path.split('/').slice(0, -1).join('/')}` },
    ...(e.folder ? { folder: { childCount: 0 } } : { file: { mimeType: e.mimeType } }),
  };
}

function normalizeDrivePath(path: string): string {
  return path.replace(/^\/+|\/+$/g, '').replace(/\/+/g, '/');
}
