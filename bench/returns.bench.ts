/**
 * Agency returns through the bot endpoint, as the Agents Playground sends them: 50 agency members submit
 * their return cards at once (`adaptiveCard/action` invokes POSTed to /api/messages on a locally running
 * server, SQLite in a temp folder, a loopback connector taking the card updates). The client runs on a
 * thread of its own, as Teams is not the server's process. Prints p50 and p99 of the invoke latency over
 * five bursts (target: p99 under 75 ms locally), with the server thread's busy and CPU time per return, then delivers every invoke again (Teams may) and checks that exactly
 * one return per request was recorded: none lost, none doubled.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance as perf } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { loadConfig } from '../bot/config';
import { createRuntime } from '../bot/server/runtime';
import { SAMPLE_TENANT_ID } from '../bot/app/directory';
import { casesAskingThePolice, returnForm } from './support/cases';

const CONCURRENT = 50;
const WARM_UP = 20;
/** Bursts of CONCURRENT measured, each on cases of its own: one burst's p99 is its slowest answer or two. */
const BURSTS = 5;
const TARGET_P99_MS = 75;

/**
 * The client, on its own thread: POSTs the activities it is given all at once (keep-alive connections, as
 * the Bot Connector keeps them) and answers each one's latency in ms, or throws what went wrong.
 */
const CLIENT = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const post = (url, body) => new Promise((resolve, reject) => {
  const t0 = performance.now();
  const data = JSON.stringify(body);
  const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (c) => (text += c));
    res.on('end', () => resolve({ ms: performance.now() - t0, status: res.statusCode, text }));
  });
  req.on('error', reject);
  req.end(data);
});
parentPort.on('message', async ({ url, activities }) => {
  try {
    parentPort.postMessage({ results: await Promise.all(activities.map((a) => post(url, a))) });
  } catch (err) {
    parentPort.postMessage({ error: String(err) });
  }
});`;

interface Answer {
  ms: number;
  status: number;
  text: string;
}

function startClient(url: string) {
  const worker = new Worker(CLIENT, { eval: true });
  return {
    /** Sends the activities at once; resolves with each one's answer, in order. */
    send: (activities: object[]) =>
      new Promise<Answer[]>((resolve, reject) => {
        worker.once('message', (m: { results?: Answer[]; error?: string }) =>
          m.results ? resolve(m.results) : reject(new Error(m.error)),
        );
        worker.postMessage({ url, activities });
      }),
    close: () => worker.terminate(),
  };
}

/**
 * The Bot Framework connector the bot posts card updates to (what the Playground serves). The team's
 * roster lists the directory's people, as a real team's would (`GET /v3/conversations/{id}/pagedmembers`:
 * `members` with `id` and `aadObjectId`, no `continuationToken` on the last page).
 */
async function startConnector(
  people: readonly { id: string; name: string; aadObjectId?: string }[],
): Promise<{ url: string; close(): Promise<void> }> {
  const roster = JSON.stringify({
    members: people
      .filter((p) => p.aadObjectId)
      .map((p) => ({ id: `29:sample-${p.id}`, name: p.name, aadObjectId: p.aadObjectId })),
  });
  let n = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      n++;
      // Bot Connector REST API: 200 for a read (the roster) or an update, 201 for what a POST creates.
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      if (req.url?.includes('/pagedmembers')) return void res.end(roster);
      const group = req.url === '/v3/conversations';
      res.end(
        JSON.stringify(group ? { id: `cases;messageid=${n}`, activityId: String(n) } : { id: String(n) }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * CPU time of the calling thread in ms (Linux's /proc/thread-self/schedstat, nanoseconds on the CPU), or
 * undefined elsewhere. Unlike the event loop's busy time it does not grow while other processes hold the
 * cores, so it says what one return costs the server on a shared machine.
 */
function threadCpuMs(): number | undefined {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'asb-bench-returns-'));
  const now = new Date('2026-03-03T10:00:00Z');
  const runtime = createRuntime(loadConfig({ APP_MODE: 'local', DATA_DIR: dir }), {
    now: () => now,
    log: () => {},
  });
  const server = await new Promise<Server>((resolve) => {
    const s = runtime.listen(0, '127.0.0.1', () => resolve(s as Server));
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  const connector = await startConnector(runtime.directory.people);
  const client = startClient(endpoint);
  const post = async (activity: object) => (await client.send([activity]))[0]!;
  try {
    // The app installed in the team, as the Playground's "install" activity does.
    await post({
      type: 'installationUpdate',
      action: 'add',
      channelId: 'msteams',
      serviceUrl: connector.url,
      recipient: { id: '28:asb-case-review-bot' },
      from: { id: '29:sample-spoc-1', aadObjectId: runtime.directory.get('spoc-1')!.aadObjectId },
      conversation: {
        id: 'community-safety-team',
        isGroup: true,
        conversationType: 'channel',
        tenantId: SAMPLE_TENANT_ID,
      },
      channelData: {
        tenant: { id: SAMPLE_TENANT_ID },
        team: { id: 'community-safety-team', aadGroupId: '00000000-0000-4000-8000-0000000c5a1e' },
      },
    });
    const spoc = runtime.directory.get('spoc-1')!;
    const officer = runtime.directory.get('police-1')!;
    const cases = await casesAskingThePolice(runtime.service, spoc, CONCURRENT * (BURSTS + 1) + WARM_UP);
    const invoke = (i: number) => ({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: `invoke-${i}`,
      channelId: 'msteams',
      serviceUrl: connector.url,
      replyToId: `card-${i}`,
      recipient: { id: '28:asb-case-review-bot' },
      from: { id: '29:sample-police-1', aadObjectId: officer.aadObjectId },
      conversation: {
        id: `asb-case-reviews;messageid=${i}`,
        isGroup: true,
        conversationType: 'channel',
        tenantId: SAMPLE_TENANT_ID,
      },
      channelData: { tenant: { id: SAMPLE_TENANT_ID } },
      value: {
        trigger: 'manual',
        action: {
          type: 'Action.Execute',
          verb: 'submitReturn',
          data: returnForm(cases[i]!, i),
        },
      },
    });
    /** Sends these invokes at once; their latencies, sorted. */
    const burst = async (ids: number[]) => {
      const answers = await client.send(ids.map(invoke));
      answers.forEach((a, k) => {
        const body = JSON.parse(a.text) as { type?: string };
        if (a.status !== 200 || body.type !== 'application/vnd.microsoft.card.adaptive')
          throw new Error(`invoke ${ids[k]} answered ${a.status} ${a.text.slice(0, 200)}`);
      });
      return answers.map((a) => a.ms).sort((a, b) => a - b);
    };
    // Warm up (the JIT): one at a time, then a burst at once, on cases the measured bursts do not use.
    const warm = CONCURRENT * BURSTS;
    for (let i = warm; i < warm + WARM_UP; i++) await burst([i]);
    await burst(Array.from({ length: CONCURRENT }, (_, i) => warm + WARM_UP + i));
    await runtime.deliveries.idle();
    await runtime.teams.caseWorkspace.idle();
    const latencies: number[] = [];
    const burstP99s: number[] = [];
    let busyMs = 0;
    let cpuMs: number | undefined = 0;
    let refreshed = 0;
    for (let b = 0; b < BURSTS; b++) {
      const ids = Array.from({ length: CONCURRENT }, (_, i) => b * CONCURRENT + i);
      const busy0 = perf.eventLoopUtilization();
      const cpu0 = threadCpuMs();
      const answered = await burst(ids);
      const cpu1 = threadCpuMs();
      busyMs += perf.eventLoopUtilization(busy0).active;
      cpuMs =
        cpu0 === undefined || cpu1 === undefined || cpuMs === undefined ? undefined : cpuMs + cpu1 - cpu0;
      latencies.push(...answered);
      burstP99s.push(percentile(answered, 99));
      const refreshStart = performance.now();
      await runtime.deliveries.idle();
      await runtime.teams.caseWorkspace.idle(); // the cards refreshed for everyone, at Teams' pace
      refreshed = Math.max(refreshed, performance.now() - refreshStart);
    }
    latencies.sort((a, b) => a - b);
    burstP99s.sort((a, b) => a - b);
    const n = CONCURRENT * BURSTS;
    const all = Array.from({ length: CONCURRENT }, (_, i) => i);
    const again = await burst(all);

    let recorded = 0;
    for (const caseId of cases.slice(0, n))
      recorded += (await runtime.stores.cases.getCase(caseId))!.events.filter(
        (e) => e.type === 'return-received',
      ).length;
    console.log(
      `returns: ${BURSTS} bursts of ${CONCURRENT} concurrent return-card submissions (${n} returns): p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (target p99 < ${TARGET_P99_MS} ms locally); each burst's p99 ${burstP99s.map((x) => x.toFixed(0)).join(', ')} ms`,
    );
    console.log(
      `returns: the server's thread was busy ${(busyMs / n).toFixed(2)} ms per return: the floor of a burst's p99 is ${CONCURRENT} times that`,
    );
    if (cpuMs !== undefined)
      console.log(
        `returns: the server's thread spent ${(cpuMs / n).toFixed(2)} ms of CPU per return (${((cpuMs / busyMs) * 100).toFixed(0)}% of its busy time; the rest it waited for a core held by other processes); the target needs under ${(TARGET_P99_MS / CONCURRENT).toFixed(2)} ms`,
      );
    console.log(
      `returns: their channel cards (return card and case card: ${CONCURRENT * 2} updates, at most 40 a second) were all refreshed at most ${(refreshed / 1000).toFixed(1)} s after a burst's last answer`,
    );
    console.log(
      `returns: the same ${CONCURRENT} invokes delivered again: p50 ${percentile(again, 50).toFixed(1)} ms, p99 ${percentile(again, 99).toFixed(1)} ms; return-received events recorded over all ${n}: ${recorded} (${recorded === n ? 'none lost, none doubled' : 'MISMATCH'})`,
    );
    if (recorded !== n) process.exitCode = 1;
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await runtime.close();
    await connector.close();
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
