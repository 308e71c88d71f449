/**
 * Issue 17, the public form's numbers, against the real local server (SQLite, local outbox):
 * - each public page's weight as a browser without JavaScript fetches it: the HTML and its CSS, as
 *   transferred (brotli), target under 60 KB a page;
 * - submit to confirmation (POST "Accept and send", the 303, the confirmation page) at 20 applicants
 *   sending at once, p95 target under 300 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../bot/config';
import { createRuntime } from '../bot/server/runtime';
import { applyOnline, Visitor } from '../test/public/support/visitor';

const PAGE_TARGET_KB = 60;
const P95_TARGET_MS = 300;
const APPLICANTS = 20;
const ROUNDS = 5;

/** The body's size as sent (Content-Encoding kept): node's fetch would decode it, so read it raw. */
async function encodedSize(url: string, cookie = ''): Promise<number> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'br', cookie } }, (res) => {
      let n = Object.entries(res.headers).reduce((s, [k, v]) => s + k.length + String(v).length + 4, 0);
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => resolve(n));
    });
    req.on('error', reject);
    req.end();
  });
}

export default async function frontDoorBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'asb-bench-public-'));
  const runtime = createRuntime(
    loadConfig({
      APP_MODE: 'local',
      DATA_DIR: dir,
      POLICY: 'east-herts',
      PUBLIC_REQUESTS_PER_ADDRESS: '100000',
      PUBLIC_SUBMISSIONS_PER_ADDRESS: '100000',
      PUBLIC_REQUESTS_PER_SESSION: '100000',
    }),
    { log: () => {} },
  );
  const server = await new Promise<Server>((resolve) => {
    const s = runtime.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    // Page weights: one applicant answers everything up to "check your answers", then every page is
    // fetched as their browser would, without JavaScript: the HTML and the stylesheet, as sent.
    const w = new Visitor(base);
    await fillWithoutSending(w, 'Bench Weigher');
    const cookie = w.cookieHeader();
    const css = await encodedSize(`${base}${/href="(\/public-assets\/[^"]+\.css)"/.exec(w.last!.html)![1]}`);
    const paths = [
      '/apply',
      '/apply/who',
      '/apply/victim-kind',
      '/apply/victim-details',
      '/apply/contact',
      '/apply/support',
      '/apply/incidents',
      '/apply/incidents/add',
      '/apply/account',
      '/apply/check',
    ];
    let worst = { path: '', kb: 0 };
    for (const path of paths) {
      const kb = ((await encodedSize(`${base}${path}`, cookie)) + css) / 1024;
      if (kb > worst.kb) worst = { path, kb };
    }
    console.log(
      `public page weight (HTML + CSS as sent, brotli, no JavaScript): heaviest ${worst.path} ${worst.kb.toFixed(1)} KB (CSS ${(css / 1024).toFixed(1)} KB)  target < ${PAGE_TARGET_KB} KB  ${worst.kb < PAGE_TARGET_KB ? 'ok' : 'OVER'}`,
    );

    // Submit to confirmation at 20 applicants at once: each fills in its form, then all press send together.
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const fresh = await Promise.all(
        Array.from({ length: APPLICANTS }, async (_, i) => {
          const visitor = new Visitor(base);
          await fillWithoutSending(visitor, `Send ${round}-${i}`);
          return visitor;
        }),
      );
      await Promise.all(
        fresh.map(async (visitor) => {
          const t0 = performance.now();
          const answer = await visitor.post('/apply/check', {});
          times.push(performance.now() - t0);
          if (!/CT-\d{4}-\d{4,}/.test(answer.html)) throw new Error(`no reference: ${answer.status}`);
        }),
      );
      await runtime.deliveries.idle();
    }
    times.sort((a, b) => a - b);
    const p95 = times[Math.ceil(times.length * 0.95) - 1]!;
    console.log(
      `submit to confirmation, ${APPLICANTS} at once (${times.length} sends): p50 ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms  target < ${P95_TARGET_MS} ms  ${p95 < P95_TARGET_MS ? 'ok' : 'OVER'}`,
    );
  } finally {
    await new Promise((r) => server.close(r));
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every page of the application answered, up to the check page, without pressing send. */
async function fillWithoutSending(v: Visitor, name: string): Promise<void> {
  const send = v.post.bind(v);
  v.post = async (path, fields, options) =>
    path === '/apply/check' ? v.get('/apply/check') : send(path, fields, options);
  await applyOnline(v, { name, postcode: `SG${name.length % 9} 9ZZ` });
  v.post = send;
}
