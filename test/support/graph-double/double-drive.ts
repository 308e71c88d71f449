/**
 * The site's document library as the Graph double keeps it (graph/api/driveitem-put-content,
 * driveitem-get, driveitem-get-content, driveitem-delete): upload by path (parent folders made on the
 * way), read by path or id, content through a 302 to a one-time download address, delete with children.
 */
import { randomUUID } from 'node:crypto';
import { bad, notAllowed, notFound, safeDecode, type Reply } from './double-http';

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
  ) {}

  /** The bytes stored at a path such as `ASB Case Files/<case>/<file>.docx`. */
  file(path: string): Buffer | undefined {
    return this.entries.get(normalizeDrivePath(path))?.bytes;
  }

  /** A request under `/drive`, its permission checked already. */
  handle(method: string, rest: string, headers: Record<string, string>, body: Buffer): Reply {
    const content = /^\/root:(\/.+):\/content$/.exec(rest);
    if (content && method === 'PUT') return this.upload(safeDecode(content[1] as string), headers, body);
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

  private upload(path: string, headers: Record<string, string>, body: Buffer): Reply {
    const key = normalizeDrivePath(path);
    const segments = key.split('/');
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
