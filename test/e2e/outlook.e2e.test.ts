import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { type LocalServer } from '../support/local-server';
import { axeScan, newPage } from './support/browser';
import { startBrowserTest } from './support/browser-test';

jest.setTimeout(120_000);

const shots = join(__dirname, '../../test-results/outlook');
const TOKEN_KEY = 'asb-case-review.token';

/**
 * Issue 8 in headless Chromium against the real local server: the Outlook task pane (a sample email
 * standing in for the open one, as there is no Outlook here) records a case once per email and keeps the
 * .eml; the partner's emailed return link, taken from the local outbox, records a late return that the case
 * then shows; the same link opened as another agency reveals nothing. Screens are checked with axe, the
 * pane at Outlook's narrow 350 px.
 */
describe('the Outlook task pane, the partner return page and the outbox', () => {
  let local: LocalServer;
  let close: () => Promise<void>;
  let base: string;
  let browser: Browser;
  // Thursday 19 November 2026, after the sample emails of 16 and 18 November.
  let now = new Date('2026-11-19T10:00:00Z');
  let caseId = '';
  let returnLink = '';

  beforeAll(async () => {
    ({ local, browser, close } = await startBrowserTest(shots, () => now));
    base = local.base;
  });

  afterAll(() => close?.());

  async function expectAccessible(page: Page, view: string) {
    const findings = await axeScan(page);
    expect({ view, findings }).toEqual({ view, findings: [] });
  }

  async function signIn(page: Page, who: RegExp) {
    await page.getByRole('radio', { name: who }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  const tokenOf = (page: Page) => page.evaluate((key) => sessionStorage.getItem(key) ?? '', TOKEN_KEY);

  async function api<T>(
    page: Page,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf(page)}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  let spoc: Page;

  it('(a) records the sample email as a case from the 350 px task pane, then knows it is recorded', async () => {
    spoc = await newPage(browser, { viewport: { width: 350, height: 800 } });
    await spoc.goto(`${base}/taskpane`);
    await signIn(spoc, /Sam Patel/);
    await spoc.getByRole('heading', { level: 1, name: 'Record this email as an application' }).waitFor();
    await expectAccessible(spoc, 'task pane: choose an email');

    // Keyboard only: the first sample is chosen; Tab to "Use this email" and press Enter.
    await see(spoc.getByRole('radio', { name: /Loud music and threats/ })).toBeChecked();
    await spoc.getByRole('radio', { name: /Loud music and threats/ }).focus();
    await spoc.keyboard.press('Tab');
    await expect(spoc.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Use this email');
    await spoc.keyboard.press('Enter');

    await spoc.getByRole('heading', { name: 'Filled in from the email' }).waitFor();
    await see(spoc.getByText('Received on 2026-11-16 by email from jo.sample@example.org.')).toBeVisible();
    expect(await spoc.getByLabel("Victim's name").inputValue()).toBe('Jo Sample');
    expect(await spoc.getByLabel('How the application arrived').inputValue()).toBe('email');
    for (const agency of ['Hertfordshire Constabulary', 'Registered provider of social housing'])
      await spoc.getByRole('checkbox', { name: agency, exact: true }).check();
    const incidents: [string, string, string][] = [
      ['2026-09-12', 'herts-police', '2026-09-12'],
      ['2026-10-03', 'herts-police', '2026-10-03'],
      ['2026-10-20', 'social-housing', '2026-10-20'],
    ];
    for (const [i, [occurred, agency, reported]] of incidents.entries()) {
      const incident = spoc.getByRole('group', { name: `Incident ${i + 1}`, exact: true });
      if ((await incident.count()) === 0) await spoc.getByRole('button', { name: 'Add an incident' }).click();
      await incident.getByLabel('Date it happened').fill(occurred);
      await incident.getByLabel('Reported to').selectOption(agency);
      await incident.getByLabel('Date reported').fill(reported);
    }
    await spoc.getByLabel('Short title').fill('Noise and threats, Example Court');
    await see(spoc.getByText('noise-diary.pdf', { exact: false }).first()).toBeVisible();
    await expectAccessible(spoc, 'task pane: the prefilled form');
    await spoc.screenshot({ path: join(shots, '1-taskpane-form.png'), fullPage: true });

    await spoc.getByRole('button', { name: 'Record the application' }).click();
    await see(spoc.getByText('Recorded as CT-2026-0001')).toBeVisible();
    await expectAccessible(spoc, 'task pane: recorded');
    await spoc.screenshot({ path: join(shots, '2-taskpane-recorded.png'), fullPage: true });

    // The link opens the case in the workspace: the email is on its timeline and kept as a file.
    const href = await spoc
      .getByRole('link', { name: 'Open case CT-2026-0001 in the workspace' })
      .getAttribute('href');
    expect(href).toMatch(/\/#\/cases\/.+/);
    caseId = decodeURIComponent(href!.split('/cases/')[1]!);
    await spoc.setViewportSize({ width: 1280, height: 900 });
    await spoc.goto(href!);
    await spoc.getByRole('heading', { level: 1, name: /CT-2026-0001/ }).waitFor({ timeout: 20_000 });
    await see(spoc.getByText('CT-2026-0001 application email.eml').first()).toBeVisible();
    await see(spoc.getByText('Application received').first()).toBeVisible();
    await spoc.screenshot({ path: join(shots, '3-case-with-email.png'), fullPage: true });
    const detail = await api<{ state: { source?: unknown }; files: { fileId: string; kind: string }[] }>(
      spoc,
      'GET',
      `/api/cases/${encodeURIComponent(caseId)}`,
    );
    const email = detail.body.files.find((f) => f.kind === 'email')!;
    const eml = await (
      await fetch(`${base}/api/cases/${encodeURIComponent(caseId)}/files/${email.fileId}`, {
        headers: { authorization: `Bearer ${await tokenOf(spoc)}` },
      })
    ).text();
    expect(eml).toContain('Subject: Loud music and threats from the flat above');
    expect(eml).toContain('From: "Jo Sample" <jo.sample@example.org>');

    // The same email in the pane again: it says which case it is, and offers no second one.
    await spoc.setViewportSize({ width: 350, height: 800 });
    await spoc.goto(`${base}/taskpane`);
    await spoc.getByRole('button', { name: 'Use this email' }).click();
    await see(
      spoc.getByText('This email is already recorded as case CT-2026-0001.', { exact: false }),
    ).toBeVisible();
    expect(await spoc.getByRole('button', { name: 'Record the application' }).count()).toBe(0);
    await expectAccessible(spoc, 'task pane: already recorded');
    await spoc.screenshot({ path: join(shots, '4-taskpane-already-recorded.png'), fullPage: true });
  });

  it('(b) emails the partner a return link (seen in the outbox) that records one late return on the case', async () => {
    // The SPOC asks the housing provider (whose staff work outside Teams) for its return.
    const detail = await api<{ state: { application: { incidents: { id: string }[] } } }>(
      spoc,
      'GET',
      `/api/cases/${encodeURIComponent(caseId)}`,
    );
    const asked = await api(spoc, 'POST', `/api/cases/${encodeURIComponent(caseId)}/events`, {
      id: crypto.randomUUID(),
      type: 'returns-requested',
      payload: {
        requestedOn: '2026-11-19',
        requests: [{ requestId: 'rq-housing', agencyId: 'social-housing' }],
        incidentIds: detail.body.state.application.incidents.map((i) => i.id),
      },
    });
    expect(asked.status).toBeLessThan(300);

    // The outbox lists the email; its .eml carries the link.
    await spoc.setViewportSize({ width: 1280, height: 900 });
    await spoc.goto(`${base}/`);
    await spoc.getByRole('link', { name: 'Outbox' }).click();
    await spoc.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
    const row = spoc.getByRole('row', { name: /Return requested: ASB case review CT-2026-0001/ });
    await see(row).toContainText('member1@social-housing.example');
    await expectAccessible(spoc, 'outbox');
    await spoc.screenshot({ path: join(shots, '5-outbox.png'), fullPage: true });
    const [download] = await Promise.all([
      spoc.waitForEvent('download'),
      row.getByRole('button', { name: /Download \.eml/ }).click(),
    ]);
    const text = readFileSync((await download.path())!, 'utf8');
    const link = /https?:\/\/\S+\/return\?caseId=\S+&requestId=\S+/.exec(text)?.[0];
    expect(link).toBeDefined();
    // Local mode's links name the default port; this server listens on another.
    returnLink = `${base}${new URL(link!).pathname}${new URL(link!).search}`;

    // Two working days after the return was due (due Thursday 26 November; Friday and Monday late).
    now = new Date('2026-11-30T10:00:00Z');
    const partner = await newPage(browser, { viewport: { width: 1024, height: 900 } });
    await partner.goto(returnLink);
    await signIn(partner, /Registered provider of social housing/);
    await partner.getByRole('heading', { level: 1, name: 'Agency return for case CT-2026-0001' }).waitFor();
    // The agency's outstanding requests list it too.
    await partner.goto(`${base}/return`);
    await partner.getByRole('link', { name: 'Case CT-2026-0001' }).click();
    await partner.getByRole('heading', { level: 1, name: 'Agency return for case CT-2026-0001' }).waitFor();
    await see(partner.getByText('26 November 2026 (overdue)')).toBeVisible();
    expect(await partner.getByRole('group', { name: /^Incident \d/ }).count()).toBe(3);

    // Nothing answered: each incident asks, beside its question.
    await partner.getByRole('button', { name: 'Send the return' }).click();
    await see(partner.locator('#field-incidents_0__holdsRecord')).toContainText(
      'Say whether you hold a record.',
    );
    await expectAccessible(partner, 'return page with problems');

    const first = partner.getByRole('group', { name: /^Incident 1/ });
    await first.getByRole('radio', { name: 'Yes' }).check();
    await first.getByLabel('Your reference').fill('HSG/77');
    await first.getByLabel('Date it was reported to you').fill('2026-09-13');
    await first.getByLabel('Action taken').fill('Warning letter to the tenant');
    for (const n of [2, 3])
      await partner
        .getByRole('group', { name: new RegExp(`^Incident ${n}`) })
        .getByRole('radio', { name: 'No' })
        .check();
    await partner.getByLabel('Other information').fill('Tenancy enforcement under way.');

    // A problem the server finds is shown beside its field too (the body is spoiled on the way once).
    await partner.route('**/api/returns/**', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}');
      body.incidents[0].holdsRecord = 'yes';
      await route.continue({ postData: JSON.stringify(body) });
    });
    const refused = partner.waitForResponse(
      (r) => r.url().includes('/api/returns/') && r.request().method() === 'POST',
    );
    await partner.getByRole('button', { name: 'Send the return' }).click();
    const problem = (
      (await (await refused).json()) as { error: { problems: { path: string; message: string }[] } }
    ).error.problems[0]!;
    expect(problem.path).toBe('incidents[0].holdsRecord');
    await see(partner.locator('#field-incidents_0__holdsRecord')).toContainText(problem.message);
    await partner.screenshot({ path: join(shots, '6-return-server-problem.png'), fullPage: true });
    await partner.unroute('**/api/returns/**');

    // A double click sends at most one return; a replay of the same body records nothing more.
    let sentBody = '';
    partner.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/returns/')) sentBody = r.postData() ?? '';
    });
    await partner.getByRole('button', { name: 'Send the return' }).dblclick();
    await see(partner.getByText('Return sent')).toBeVisible();
    await see(partner.getByText(/received 2 working days late/).first()).toBeVisible();
    await expectAccessible(partner, 'return sent');
    await partner.screenshot({ path: join(shots, '7-return-sent.png'), fullPage: true });
    const replay = await api<{ returns: unknown[] }>(
      partner,
      'POST',
      `/api/returns/${encodeURIComponent(caseId)}/rq-housing`,
      JSON.parse(sentBody),
    );
    expect(replay.body.returns).toHaveLength(1);

    // The case shows the return, received late.
    const after = await api<{
      state: {
        requests: {
          requestId: string;
          returns: { receivedOn: string; submittedBy: string; incidents: unknown[] }[];
        }[];
      };
      clocks: { requestId?: string; metOn?: string; late?: boolean }[];
    }>(spoc, 'GET', `/api/cases/${encodeURIComponent(caseId)}`);
    const housing = after.body.state.requests.find((r) => r.requestId === 'rq-housing')!;
    expect(housing.returns).toEqual([
      expect.objectContaining({ receivedOn: '2026-11-30', submittedBy: 'social-housing-1' }),
    ]);
    expect(housing.returns[0]!.incidents).toEqual([
      {
        incidentId: expect.any(String),
        holdsRecord: true,
        reference: 'HSG/77',
        reportedOn: '2026-09-13',
        actionTaken: 'Warning letter to the tenant',
      },
      { incidentId: expect.any(String), holdsRecord: false },
      { incidentId: expect.any(String), holdsRecord: false },
    ]);
    expect(after.body.clocks.find((c) => c.requestId === 'rq-housing')).toMatchObject({
      metOn: '2026-11-30',
      late: true,
    });
    await partner.context().close();
  });

  it('(c) refuses the same link opened as another agency, without a word about the case', async () => {
    const police = await newPage(browser, { viewport: { width: 1024, height: 900 } });
    await police.goto(returnLink);
    await signIn(police, /Hertfordshire Constabulary/);
    await police.getByRole('heading', { level: 1, name: 'This request is not for your agency' }).waitFor();
    const text = await police.locator('body').innerText();
    expect(text).not.toMatch(/CT-2026|social housing|Incident|Jo Sample/i);
    await expectAccessible(police, 'return page: another agency');
    await police.screenshot({ path: join(shots, '8-return-not-yours.png'), fullPage: true });
    await police.context().close();
  });

  it('(d) in Outlook (a stand-in for Office.js from the CDN), reads the open email and keeps its .eml', async () => {
    // Office.js is served by a route, as the CDN is out of reach here; like the real one, it removes
    // history.pushState/replaceState, which the pane must put back.
    const fakeOffice = `window.Office = {
      onReady: () => Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }),
      CoercionType: { Text: 'text' },
      MailboxEnums: { RestVersion: { v2_0: 'v2.0' } },
      context: {
        requirements: { isSetSupported: () => true },
        ui: { openBrowserWindow: (url) => { window.openedByOffice = url; } },
        mailbox: {
          convertToRestId: (id) => 'rest-' + id,
          item: {
            itemId: 'AAMkAGE2ZTE-e2e',
            subject: 'Shouting in the car park every night',
            from: { displayName: 'Alex Example', emailAddress: 'alex@example.org' },
            dateTimeCreated: new Date('2026-11-18T09:00:00Z'),
            attachments: [{ id: 'a1', name: 'video.mp4', size: 1048576, contentType: 'video/mp4' }],
            body: { getAsync: (c, cb) => cb({ status: 'succeeded', value: 'They shout in the car park every night.' }) },
            getAsFileAsync: (cb) => cb({ status: 'succeeded', value: btoa('From: alex@example.org\\r\\nSubject: Shouting\\r\\n\\r\\nThey shout (original).') }),
          },
        },
      },
    };
    window.history.pushState = null;
    window.history.replaceState = null;`;
    const pane = await newPage(browser, { viewport: { width: 350, height: 800 } });
    let officeLoaded = 0;
    await pane.route('https://appsforoffice.microsoft.com/lib/1/hosted/office.js', (route) => {
      officeLoaded += 1;
      return route.fulfill({ contentType: 'text/javascript', body: fakeOffice });
    });
    await pane.goto(`${base}/taskpane?host=outlook`);
    // Local mode: no Entra settings, so no Nested App Authentication; the local sign-in stands in.
    await signIn(pane, /Sam Patel/);
    await pane.getByRole('heading', { name: 'Filled in from the email' }).waitFor();
    expect(officeLoaded).toBe(1);
    expect(await pane.evaluate(() => typeof window.history.replaceState)).toBe('function');
    await see(pane.getByText('Shouting in the car park every night')).toBeVisible();
    expect(await pane.getByRole('radio', { name: /Loud music/ }).count()).toBe(0); // no sample picker
    const incident = pane.getByRole('group', { name: 'Incident 1', exact: true });
    await incident.getByLabel('Date it happened').fill('2026-11-10');
    await incident.getByLabel('Reported to').selectOption('herts-police');
    await incident.getByLabel('Date reported').fill('2026-11-11');
    await pane.getByRole('button', { name: 'Record the application' }).click();
    await see(pane.getByText('Recorded as CT-2026-0002')).toBeVisible();
    await expectAccessible(pane, 'task pane in Outlook: recorded');

    // Outlook opens the case through Office (a desktop pane has no new windows of its own).
    await pane.getByRole('link', { name: 'Open case CT-2026-0002 in the workspace' }).click();
    const opened = await pane.evaluate(
      () => (window as unknown as { openedByOffice?: string }).openedByOffice,
    );
    expect(opened).toMatch(/\/#\/cases\/.+/);
    const id = decodeURIComponent(opened!.split('/cases/')[1]!);
    const known = await api<{ caseId: string; reference: string }>(
      pane,
      'GET',
      `/api/outlook/email-case?emailId=${encodeURIComponent('rest-AAMkAGE2ZTE-e2e')}`,
    );
    expect(known.body).toEqual({ caseId: id, reference: 'CT-2026-0002' });
    const detail = await api<{ files: { fileId: string; kind: string }[] }>(
      pane,
      'GET',
      `/api/cases/${encodeURIComponent(id)}`,
    );
    const file = detail.body.files.find((f) => f.kind === 'email')!;
    const eml = await (
      await fetch(`${base}/api/cases/${encodeURIComponent(id)}/files/${file.fileId}`, {
        headers: { authorization: `Bearer ${await tokenOf(pane)}` },
      })
    ).text();
    expect(eml).toContain('They shout (original).'); // the message Outlook gave, not one rebuilt
    await pane.context().close();
  });

  it('(e) the workspace runs as a personal tab in Outlook, signed in through the host (SSO)', async () => {
    const token = await tokenOf(spoc);
    const tab = await newPage(browser);
    const frame = await openInHost(tab, { baseUrl: base, hostName: 'Outlook', token });
    await frame.getByRole('heading', { level: 1, name: /cases/i }).waitFor({ timeout: 20_000 });
    await see(frame.getByText('CT-2026-0001').first()).toBeVisible();
    const seen = await tab.evaluate(() =>
      (window as unknown as { seen: { func: string }[] }).seen.map((m) => m.func),
    );
    expect(seen).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']));
    await tab.context().close();
    await spoc.context().close();
  });
});

/**
 * A stand-in for Outlook (or the Microsoft 365 app) hosting the personal tab: like openInFakeTeams, a page
 * on the tab's origin that frames it and answers teams-js, but naming another host and offering only what
 * Outlook offers (no pages.config, no chat or call).
 */
async function openInHost(page: Page, options: { baseUrl: string; hostName: string; token: string }) {
  const runtime = {
    apiVersion: 4,
    isLegacyTeams: false,
    supports: { app: {}, pages: { appButton: {}, tabs: {} }, mail: {} },
  };
  const context = {
    theme: 'default',
    hostName: options.hostName,
    locale: 'en-gb',
    frameContext: 'content',
    userObjectId: 'x',
  };
  const html = `<!doctype html><html lang="en"><head><title>${options.hostName} (test host)</title></head><body style="margin:0">
<iframe id="tab" title="ASB Case Review" src="/" style="width:100vw;height:100vh;border:0"></iframe>
<script>
window.seen = [];
const reply = (e, args) => e.source.postMessage({ id: e.data.id, uuidAsString: e.data.uuidAsString, args }, e.origin);
window.addEventListener('message', (e) => {
  const m = e.data;
  if (!m || typeof m.func !== 'string') return;
  window.seen.push({ func: m.func });
  if (m.func === 'initialize') reply(e, ['content', 'web', ${JSON.stringify(JSON.stringify(runtime))}, '2.58.0']);
  else if (m.func === 'getContext') reply(e, [${JSON.stringify(context)}]);
  else if (m.func === 'authentication.getAuthToken') reply(e, [true, ${JSON.stringify(options.token)}]);
  else if (m.func === 'appInitialization.success') reply(e, [true]);
});
</script></body></html>`;
  await page.route(/\/__outlook-host$/, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${options.baseUrl}/__outlook-host`);
  return page.frameLocator('#tab');
}

// playwright-core has no test runner: small waits for locators, until visible or timing out.
function see(locator: Locator) {
  return {
    toBeVisible: async () => {
      await locator.waitFor({ state: 'visible', timeout: 15_000 });
    },
    toBeChecked: async () => {
      await locator.waitFor({ state: 'visible', timeout: 15_000 });
      expect(await locator.isChecked()).toBe(true);
    },
    toContainText: async (text: string) => {
      await locator.waitFor({ state: 'visible', timeout: 15_000 });
      const deadline = Date.now() + 15_000;
      while (!((await locator.textContent()) ?? '').includes(text) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(await locator.textContent()).toContain(text);
    },
  };
}
