/**
 * Issue 15: the double's document library refuses what SharePoint refuses (double-drive.ts names each
 * rule's page): a simple upload past its limit, names SharePoint does not allow, a taken name when told
 * to fail.
 */
import { GraphDouble } from './graph-double';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

describe("the double's document library refuses what SharePoint refuses (issue 15)", () => {
  let g: GraphDouble;
  let site: string;
  beforeEach(async () => {
    // A 1 KB simple-upload limit stands in for Graph's 250 MB, so the refusal is tried with small bytes.
    g = await GraphDouble.start({ maxSimpleUploadBytes: 1024 });
    g.grantSite('write');
    site = `${g.baseUrl}/sites/${g.site.id}`;
  });
  afterEach(() => g.stop());

  const put = async (path: string, bytes: Buffer, query = '') => {
    const res = await fetch(`${site}/drive/root:/${path}:/content${query}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${g.appToken()}`, 'Content-Type': 'application/pdf' },
      body: new Uint8Array(bytes),
    });
    return { status: res.status, body: (await res.json()) as Loose };
  };

  it('takes a simple upload up to its limit and refuses one byte more (driveitem-put-content)', async () => {
    expect((await put('Files/c1/a.pdf', Buffer.alloc(1024))).status).toBe(201);
    const over = await put('Files/c1/b.pdf', Buffer.alloc(1025));
    expect(over.status).toBe(413);
    expect(g.driveFile('Files/c1/b.pdf')).toBeUndefined();
  });

  it('refuses names SharePoint does not allow', async () => {
    for (const name of ['a%3Ab.pdf', 'what%3F.pdf', 'CON.txt', '~%24lock.docx', 'x_vti_y.pdf', '%20lead.pdf'])
      expect({ name, status: (await put(`Files/c1/${name}`, Buffer.from('x'))).status }).toEqual({
        name,
        status: 400,
      });
    expect((await put('Files/c1/Diary%20sheet%2C%20week%201.pdf', Buffer.from('x'))).status).toBe(201);
  });

  it('answers 409 nameAlreadyExists when told to fail on a taken name, replaces by default, renames when asked', async () => {
    expect((await put('Files/c1/a.pdf', Buffer.from('one'))).status).toBe(201);
    const failed = await put('Files/c1/a.pdf', Buffer.from('two'), '?@microsoft.graph.conflictBehavior=fail');
    expect(failed).toMatchObject({ status: 409, body: { error: { code: 'nameAlreadyExists' } } });
    expect(g.driveFile('Files/c1/a.pdf')?.toString()).toBe('one');
    expect((await put('Files/c1/a.pdf', Buffer.from('three'))).status).toBe(200);
    expect(g.driveFile('Files/c1/a.pdf')?.toString()).toBe('three');
    const renamed = await put(
      'Files/c1/a.pdf',
      Buffer.from('four'),
      '?@microsoft.graph.conflictBehavior=rename',
    );
    expect(renamed).toMatchObject({ status: 201, body: { name: 'a 1.pdf' } });
  });
});
