/**
 * m365 mode with Graph far away: the runtime composed for m365 (SharePoint lists on the strict Graph double,
 * 100 ms added to every Graph request) answers an agency's return from its card, and opens a case for the
 * tab. Prints the p50 of a card return (target under 500 ms) and how many Graph round trips opening a case
 * waits for one after another (target: at most 2), from each request's start and end.
 * The Bot Framework's own HTTP hop is not part of it (m365 mode refuses activities without a Bot Framework
 * token); the card's verb runs as the bot routes it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphApi } from '../bot/adapters/graph/graph-client';
import { provisionSite } from '../bot/adapters/graph/provision';
import { openSharePointStores } from '../bot/adapters/graph/sharepoint-stores';
import { caseProjector } from '../bot/app/case-projector';
import { sampleDirectory } from '../bot/app/directory';
import { loadConfig } from '../bot/config';
import { createRuntime } from '../bot/server/runtime';
import { getPolicy } from '../shared';
import { FakeMessenger } from '../test/bot/support/bot-world';
import { casesAskingThePolice, returnForm } from './support/cases';
import { GraphDouble } from '../test/support/graph-double/graph-double';

const LATENCY_MS = 100;
const RETURNS = 15;
const TENANT_ID = '11111111-1111-4111-8111-111111111111';

/** The Graph client, noting when each request starts and ends. */
class TimedGraphApi extends GraphApi {
  readonly spans: { start: number; end: number }[] = [];
  override async request<T = unknown>(...args: Parameters<GraphApi['request']>) {
    const start = performance.now();
    try {
      return await super.request<T>(...args);
    } finally {
      this.spans.push({ start, end: performance.now() });
    }
  }
}

/** The longest chain of requests each started after the one before it ended: round trips waited in turn. */
function sequentialRoundTrips(spans: { start: number; end: number }[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  sorted.forEach((s, i) => {
    depth[i] =
      1 + Math.max(0, ...sorted.slice(0, i).flatMap((p, j) => (p.end <= s.start ? [depth[j]!] : [])));
  });
  return Math.max(0, ...depth);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export default async function bench(): Promise<void> {
  const double = await GraphDouble.start();
  const dir = mkdtempSync(join(tmpdir(), 'asb-bench-m365-'));
  try {
    const api = new TimedGraphApi({ baseUrl: double.baseUrl, tokens: double.tokens });
    double.grantSite('manage');
    await provisionSite(api, double.site.id);
    double.grantSite('write');
    const policy = getPolicy('statutory');
    const people = join(dir, 'people.json');
    writeFileSync(people, JSON.stringify({ people: sampleDirectory(policy, TENANT_ID).people }));
    const config = loadConfig({
      APP_MODE: 'm365',
      PUBLIC_URL: 'https://asb.council.example',
      TENANT_ID,
      BOT_ID: '22222222-2222-4222-8222-222222222222',
      BOT_TYPE: 'SingleTenant',
      BOT_PASSWORD: 'not-used',
      AAD_APP_CLIENT_ID: '33333333-3333-4333-8333-333333333333',
      AAD_APP_CLIENT_SECRET: 'not-used',
      SHAREPOINT_SITE_ID: double.site.id,
      TEAM_ID: '44444444-4444-4444-8444-444444444444',
      PANEL_ORGANISER: 'panels@council.example',
      MAIL_SENDER: 'community.safety@council.example',
      PEOPLE_FILE: people,
      DATA_DIR: dir,
    });
    const now = () => new Date('2026-03-03T10:00:00Z');
    const stores = await openSharePointStores({
      api,
      siteId: double.site.id,
      projector: caseProjector(policy, now),
      clock: now,
    });
    const runtime = createRuntime(config, {
      stores,
      now,
      log: () => {},
      teams: { messenger: new FakeMessenger() },
    });
    const spoc = runtime.directory.get('spoc-1')!;
    const officer = runtime.directory.get('police-1')!;
    const cases = await casesAskingThePolice(runtime.service, spoc, RETURNS, 'm365-req');
    await runtime.deliveries.idle();
    await runtime.teams.caseWorkspace.idle();
    double.addFault({ action: 'delay', delayMs: LATENCY_MS, scope: 'http' });

    const returns: number[] = [];
    const returnTrips: number[] = [];
    for (const [i, caseId] of cases.entries()) {
      api.spans.length = 0;
      const t0 = performance.now();
      const answer = await runtime.teams.cardAction(
        'submitReturn',
        returnForm(caseId, i, 'm365-req'),
        officer,
      );
      returns.push(performance.now() - t0);
      returnTrips.push(sequentialRoundTrips(api.spans));
      if (!JSON.stringify(answer).includes('Returned by')) throw new Error(`return ${i} was not recorded`);
    }
    const opens: number[] = [];
    const openTrips: number[] = [];
    for (const caseId of cases) {
      api.spans.length = 0;
      const t0 = performance.now();
      await runtime.service.getCase(caseId, spoc); // GET /api/cases/:id, as the tab opens a case
      opens.push(performance.now() - t0);
      openTrips.push(sequentialRoundTrips(api.spans));
    }
    console.log(
      `m365: a card return with ${LATENCY_MS} ms on every Graph call: p50 ${median(returns).toFixed(0)} ms ` +
        `(${median(returnTrips)} Graph round trips in turn; ${RETURNS} returns) (target p50 < 500 ms)`,
    );
    console.log(
      `m365: opening a case in the tab: ${Math.max(...openTrips)} Graph round trips in turn at most ` +
        `(p50 ${median(opens).toFixed(0)} ms) (target: within 2)`,
    );
    double.clearFaults();
    await runtime.close();
  } finally {
    await double.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
