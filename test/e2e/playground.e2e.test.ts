/**
 * End to end, in the Microsoft 365 Agents Playground (local Teams) driven by headless Chromium, for every
 * preset policy: the server (createRuntime on a free port, temp DATA_DIR, a clock the test moves) and the
 * Playground (a free port, the mock tenant `npm start` writes for that policy, where the current user is a
 * member of the policy's police). A case opened through the API gets its card in the "ASB case reviews"
 * channel; returns are requested; the officer answers the police's return card in the Playground's UI as
 * the police, and the card updates; another agency's card is read-only to them. For the statutory policy,
 * with the clock moved on, the reminder sweep sends a reminder to the officer's personal chat, once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { getPolicy, type Agency } from '../../shared';
import { installInPlaygroundTeam, waitForHttp } from '../../bot/adapters/local/playground';
import { writePlaygroundConfig, type PlaygroundCast } from '../../bot/adapters/local/playground-config';
import { loadConfig } from '../../bot/config';
import { createRuntime, type Runtime } from '../../bot/server/runtime';
import { sampleApplication } from '../support/case-builder';
import { launchBrowser, newPage } from './support/browser';

jest.setTimeout(180_000);

const root = join(__dirname, '../..');
const UI_TIMEOUT = 20_000;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close().catch(() => undefined);
});

describe.each(['statutory', 'east-herts', 'erewash'])('the bot in the Agents Playground (%s)', (preset) => {
  const policy = getPolicy(preset);
  const police = policy.agencies.find((a) => a.kind === 'police') as Agency;
  // Another agency whose members work in Teams (housing providers answer by email).
  const other = policy.agencies.find(
    (a) => a.id !== police.id && a.relevantBody && a.kind !== 'housing' && a.kind !== 'council',
  ) as Agency;
  let dir: string;
  let runtime: Runtime;
  let server: Server;
  let api: string;
  let playground: ChildProcess;
  let playgroundUrl: string;
  let page: Page;
  let token: string;
  let cast: PlaygroundCast;
  let clock = new Date('2026-03-02T10:00:00Z');
  const logs: string[] = [];
  const started = Date.now();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `asb-e2e-playground-${preset}-`));
    runtime = createRuntime(loadConfig({ APP_MODE: 'local', DATA_DIR: dir, POLICY: preset }), {
      now: () => clock,
      log: (m) => void logs.push(m),
    });
    server = await new Promise<Server>((resolve) => {
      const s = runtime.listen(0, '127.0.0.1', () => resolve(s as Server));
    });
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // The mock tenant exactly as `npm start` writes it for this policy (you are the police member).
    const playgroundDir = join(dir, 'playground');
    cast = writePlaygroundConfig(playgroundDir, policy);
    const port = await freePort();
    playgroundUrl = `http://127.0.0.1:${port}`;
    const cli = join(dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
    playground = spawn(
      process.execPath,
      [cli, '-e', `${api}/api/messages`, '-c', 'msteams', '--disable-telemetry', '-p', String(port)],
      {
        cwd: playgroundDir,
        env: {
          ...process.env,
          TEAMSAPPTESTER_BROWSER: 'none',
          M365_AGENTS_PLAYGROUND_LOGFILE: join(dir, 'playground.log'),
        },
        stdio: 'ignore',
      },
    );
    await waitForHttp(`${playgroundUrl}/`, 60_000);
    await installInPlaygroundTeam(playgroundUrl);

    page = await newPage(browser, { viewport: { width: 1400, height: 1300 } });
    await page.goto(`${playgroundUrl}/`);
    // The Playground shows only what arrives while the page is open: open the channel before posting.
    await page.getByText('ASB case reviews').first().click();

    const signIn = await fetch(`${api}/api/local/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ personId: 'spoc-1' }),
    });
    token = ((await signIn.json()) as { token: string }).token;
  });

  afterAll(async () => {
    await page
      ?.context()
      .close()
      .catch(() => undefined);
    if (playground && playground.exitCode === null) {
      const exited = new Promise((resolve) => playground.once('exit', resolve));
      playground.kill();
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    }
    server?.closeAllConnections(); // keep-alive sockets would hold jest open
    await new Promise((resolve) => server?.close(resolve));
    await runtime?.close();
    rmSync(dir, { recursive: true, force: true });
    console.log(`playground e2e (${preset}) took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  async function call(method: string, path: string, body: unknown): Promise<Record<string, unknown>> {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  async function openCase(title: string): Promise<{ caseId: string; reference: string }> {
    const incidents = ['2026-01-05', '2026-02-10'].map((occurredOn, i) => ({
      id: `inc-${i + 1}`,
      occurredOn,
      reports: [{ agency: police.id, reportedOn: occurredOn, kind: 'report' as const }],
    }));
    return (await call('POST', '/api/cases', {
      requestId: randomUUID(),
      receivedVia: 'email',
      application: sampleApplication('2026-03-02', [], { incidents }),
      agencies: [police.id, other.id],
      title,
    })) as { caseId: string; reference: string };
  }

  async function requestReturns(caseId: string, agencies: string[]): Promise<void> {
    await call('POST', `/api/cases/${caseId}/events`, {
      id: randomUUID(),
      type: 'returns-requested',
      payload: {
        requestedOn: '2026-03-02',
        requests: agencies.map((agencyId) => ({ requestId: `${caseId}-${agencyId}`, agencyId })),
        incidentIds: [],
      },
    });
  }

  let first: { caseId: string; reference: string };

  it('makes you a member of the police, by the name the Playground shows', () => {
    expect(cast.me.agencyId).toBe(police.id);
    expect(cast.me.name).toContain(`(${police.name})`);
  });

  it('posts the case card in the case channel when a case is opened', async () => {
    first = await openCase('Noise, Example Road area');
    expect(first.reference).toBe('CT-2026-0001');
    await page.getByText('CT-2026-0001', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
    await page.getByText('Noise, Example Road area').first().waitFor({ timeout: UI_TIMEOUT });
    const events = (await runtime.stores.cases.getCase(first.caseId))!.events.map((e) => e.type);
    expect(events).toEqual(['application-received', 'channel-created', 'case-card-posted']);
  });

  it('lets the police answer the police\u2019s return card in the UI, and the card updates', async () => {
    await requestReturns(first.caseId, [police.id, other.id]);
    const policeCard = page.locator('.ac-adaptiveCard', { hasText: `${police.name}: incident information` });
    await policeCard.waitFor({ timeout: UI_TIMEOUT });

    // Another agency's card is read-only for the officer.
    const otherCard = page.locator('.ac-adaptiveCard', { hasText: `${other.name}: incident information` });
    await otherCard.getByRole('button', { name: `Answer for ${other.name}` }).click();
    await otherCard
      .getByText(`You see this read-only: only members of ${other.name} answer it.`)
      .waitFor({ timeout: UI_TIMEOUT });
    expect(await otherCard.locator('input').count()).toBe(0);

    await policeCard.getByRole('button', { name: `Answer for ${police.name}` }).click();
    await policeCard
      .getByText(`Does ${police.name} hold a record of this incident?`)
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    await policeCard.getByText('Yes', { exact: true }).first().click();
    await policeCard.getByPlaceholder('e.g. your incident or crime number').first().fill('PC/2026/0042');
    await policeCard.getByText('No', { exact: true }).nth(1).click();
    await policeCard.getByRole('button', { name: 'Send the return' }).click();

    // The answer comes back at once; then the card is refreshed for everyone (the Playground has no
    // user-specific views, so the officer too sees the summary) and "See the return" shows the answers.
    const byLine = `Returned by ${cast.me.name} on Mon 2 March 2026: on time`;
    await policeCard.getByText(byLine).waitFor({ timeout: UI_TIMEOUT });
    await policeCard.getByRole('button', { name: 'See the return' }).click({ timeout: UI_TIMEOUT });
    await policeCard.getByText(/ref PC\/2026\/0042/).waitFor({ timeout: UI_TIMEOUT });
    mkdirSync(join(root, 'test-results'), { recursive: true });
    await policeCard.screenshot({ path: join(root, `test-results/playground-return-card-${preset}.png`) });

    const returns = (await runtime.stores.cases.getCase(first.caseId))!.events.filter(
      (e) => e.type === 'return-received',
    );
    expect(returns).toHaveLength(1);
    expect(returns[0]!.payload).toMatchObject({
      agencyId: police.id,
      submittedBy: cast.me.id,
      incidents: [
        { incidentId: 'inc-1', holdsRecord: true, reference: 'PC/2026/0042' },
        { incidentId: 'inc-2', holdsRecord: false },
      ],
    });
    expect(logs.filter((l) => /failed/.test(l))).toEqual([]);
  });

  if (preset === 'statutory')
    it('sends the officer a reminder in personal chat once the clock is moved on, and only once', async () => {
      const second = await openCase('Rubbish dumping, Sample Lane');
      await requestReturns(second.caseId, [police.id]);
      const officer = runtime.directory.get(cast.me.id)!;
      // The Playground installed the app in the officer's personal chat when its page opened.
      expect(
        await runtime.stores.conversations.getConversationRef(`user:${officer.aadObjectId}`),
      ).not.toBeNull();

      await page.getByText('Personal Chat').first().click();
      clock = new Date('2026-03-06T08:00:00Z'); // Friday: the return is due on Monday 9 March
      const sweep = await runtime.teams.reminders.sweep('2026-03-06');
      expect(sweep.sent).toBeGreaterThanOrEqual(2); // the officer, and the SPOC's digest
      await page.getByText('Due next working day: CT-2026-0002').waitFor({ timeout: UI_TIMEOUT });
      await page
        .getByText(new RegExp(`Return from ${police.name}, due on the next working day, Mon 9 March 2026`))
        .first()
        .waitFor({ timeout: UI_TIMEOUT });

      const again = await runtime.teams.reminders.sweep('2026-03-06');
      expect(again.sent).toBe(0);
      expect(logs.filter((l) => /failed/.test(l))).toEqual([]);
    });

  if (preset === 'statutory')
    it('lets the police update their overdue action from its reminder card (issue 15)', async () => {
      const third = await openCase('Graffiti, Mill Street');
      const record = (type: string, payload: object) =>
        call('POST', `/api/cases/${third.caseId}/events`, { id: randomUUID(), type, payload });
      await record('threshold-decided', {
        decidedOn: '2026-03-06',
        notifiedOn: '2026-03-06',
        outcome: 'met',
        route: 'count',
        advisedOutcome: 'met',
        reasons: [],
        decidedBy: 'spoc-1',
      });
      const attendee = (agencyId: string) => ({ name: `Member of ${agencyId}`, agencyId, role: 'member' });
      await record('review-held', {
        heldOn: '2026-03-06',
        attendees: [attendee(police.id), attendee(other.id), attendee('council')],
        victimParticipation: 'none',
        recommendations: [],
        actions: [
          {
            id: 'act-graffiti',
            description: 'Remove the graffiti on Mill Street',
            ownerAgency: police.id,
            dueOn: '2026-03-09',
            status: 'open',
          },
        ],
      });
      clock = new Date('2026-03-10T08:00:00Z'); // the day after it was due
      await runtime.teams.reminders.sweep('2026-03-10');
      const card = page.locator('.ac-adaptiveCard', { hasText: 'Remove the graffiti on Mill Street' });
      await card.getByText('Overdue: CT-2026-0003').waitFor({ timeout: UI_TIMEOUT });
      await card.getByRole('button', { name: 'Update the action' }).click();
      await card.getByText('Where the action stands').waitFor({ timeout: UI_TIMEOUT });
      // The Playground draws a compact choice as Fluent UI's combobox, its options in a popup.
      await card.getByRole('combobox').first().click();
      await page.getByRole('option', { name: 'In progress' }).click();
      await card.locator('textarea').fill('Contractor booked for Thursday.');
      await card.getByRole('button', { name: 'Save' }).click();
      await card.getByText(`Updated by ${cast.me.name}, 10 March 2026`).waitFor({ timeout: UI_TIMEOUT });
      await card.screenshot({ path: join(root, 'test-results/playground-action-card.png') });

      const updates = (await runtime.stores.cases.getCase(third.caseId))!.events.filter(
        (e) => e.type === 'action-updated',
      );
      expect(updates).toHaveLength(1);
      expect(updates[0]).toMatchObject({
        actor: cast.me.id,
        payload: { actionId: 'act-graffiti', status: 'in-progress', note: 'Contractor booked for Thursday.' },
      });
      expect(logs.filter((l) => /failed/.test(l))).toEqual([]);
    });
});
