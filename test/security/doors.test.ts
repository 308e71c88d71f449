import { mkdtempSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../bot/config';
import { createHttpApp } from '../../bot/server/http-app';
import { FRAME_ANCESTORS } from '../../bot/server/security-headers';
import { listenHost, startServer } from '../../bot/server/start-server';
import { apiClient } from '../support/api-client';
import { startLocalServer, type LocalServer } from '../support/local-server';

/** A request with a Host header of our choosing (fetch will not let a page set it; an attacker's DNS does). */
function withHost(base: string, path: string, host: string, method = 'GET', body?: string) {
  const url = new URL(path, base);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method,
        headers: { host, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('doors closed', () => {
  let local: LocalServer;
  beforeAll(async () => {
    local = await startLocalServer({ now: () => new Date('2026-03-02T09:00:00Z') });
  });
  afterAll(async () => {
    await local?.close();
  });

  it('sends the security headers on every page: framing only by Teams, Outlook and Microsoft 365 hosts', async () => {
    for (const path of ['/', '/taskpane', '/api/openapi.json', '/healthz', '/no-such-page']) {
      const res = await fetch(`${local.base}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain(`frame-ancestors ${FRAME_ANCESTORS.join(' ')}`);
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBeNull(); // it would refuse Teams itself
      expect(res.headers.get('strict-transport-security')).toBeNull(); // local mode is plain http
    }
    expect(FRAME_ANCESTORS).toEqual(
      expect.arrayContaining([
        'https://teams.microsoft.com',
        'https://*.cloud.microsoft',
        'https://outlook.office.com',
      ]),
    );
    expect(FRAME_ANCESTORS.join(' ')).not.toMatch(/\*(\s|$)|https:\/\/\*(\s|$)/); // never "anyone"
  });

  it('sends HSTS in m365 mode', async () => {
    const app = createHttpApp({
      mode: 'm365',
      service: local.runtime.service,
      directory: local.runtime.directory,
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
    server.close();
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
  });

  it('refuses, in local mode, a request addressed to a foreign host (DNS rebinding): no sign-in token', async () => {
    const body = JSON.stringify({ personId: 'spoc-1' });
    const foreign = await withHost(local.base, '/api/local/sign-in', 'attacker.example:3978', 'POST', body);
    expect(foreign.status).toBe(421);
    expect(foreign.body).not.toContain('token');
    expect((await withHost(local.base, '/api/cases', 'evil.example')).status).toBe(421);
    const ok = await withHost(local.base, '/api/local/sign-in', 'localhost:3978', 'POST', body);
    expect(ok.status).toBe(200);
  });

  it('listens on 127.0.0.1 in local mode unless HOST says otherwise, and on every interface in m365 mode', async () => {
    expect(listenHost(loadConfig({ APP_MODE: 'local' }))).toBe('127.0.0.1');
    expect(listenHost(loadConfig({ APP_MODE: 'local', HOST: '::1' }))).toBe('::1');
    const dir = mkdtempSync(join(tmpdir(), 'asb-bind-'));
    const logs: string[] = [];
    const original = console.log;
    console.log = (line: string) => void logs.push(line);
    try {
      const { server, runtime } = await startServer(
        loadConfig({
          APP_MODE: 'local',
          DATA_DIR: join(dir, 'data'),
          PORT: String(20000 + Math.floor(Math.random() * 20000)),
        }),
      );
      expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
      expect(logs.join('\n')).toMatch(/Listening on 127\.0\.0\.1 only/);
      await new Promise((r) => server.close(r));
      await runtime.close();
    } finally {
      console.log = original;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the data folder 0700 and the database and emails 0600', async () => {
    const dataDir = local.runtime.config.DATA_DIR;
    const api = apiClient(local.base);
    const spoc = await api.signIn('spoc-1');
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const f of ['asb-case-review.sqlite', 'asb-case-review.sqlite-wal', 'asb-case-review.sqlite-shm'])
      expect([f, statSync(join(dataDir, f)).mode & 0o777]).toEqual([f, 0o600]);
    expect(spoc).toBeTruthy();
  });
});

describe('a body the server cannot read', () => {
  it("is the request's fault (4xx, nothing recorded), never a 500", async () => {
    const local = await startLocalServer({ now: () => new Date('2026-03-02T09:00:00Z') });
    try {
      const token = await apiClient(local.base).signIn('spoc-1');
      const res = await fetch(`${local.base}/api/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=klingon' },
        body: '{}',
      });
      expect(res.status).toBe(415);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid');
    } finally {
      await local.close();
    }
  });
});
