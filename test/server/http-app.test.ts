import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleDirectory } from '../../bot/app/directory';
import type { CaseService } from '../../bot/app/case-service';
import { createHttpApp } from '../../bot/server/http-app';
import { getPolicy } from '../../shared';

/** The HTTP shell around the use cases: the served page and the limits, without a store. */
describe('the HTTP app', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const tabDir = mkdtempSync(join(tmpdir(), 'asb-tab-dist-'));
    writeFileSync(join(tabDir, 'index.html'), '<html><head><title>t</title></head><body></body></html>');
    const app = createHttpApp({
      mode: 'm365',
      service: {} as CaseService,
      directory: sampleDirectory(getPolicy('statutory')),
      signIn: {
        clientId: '33333333-3333-3333-3333-333333333333',
        tenantId: '11111111-1111-1111-1111-111111111111',
      },
      tabDir,
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  it('writes the sign-in settings into the page for the task pane and the return page', async () => {
    for (const path of ['/', '/taskpane?host=outlook', '/return?caseId=a&requestId=b']) {
      const html = await (await fetch(`${base}${path}`)).text();
      expect(html).toContain('<meta name="asb-client-id" content="33333333-3333-3333-3333-333333333333">');
      expect(html).toContain('<meta name="asb-tenant-id" content="11111111-1111-1111-1111-111111111111">');
    }
  });

  it('has no local sign-in in m365 mode, and asks for a token everywhere else', async () => {
    expect((await fetch(`${base}/api/local/people`)).status).toBe(404);
    expect((await fetch(`${base}/api/cases`)).status).toBe(401);
  });

  it('answers an oversized body with 413 and a readable message, not a crash', async () => {
    const res = await fetch(`${base}/api/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(3_000_000) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/too large/);
  });
});
