import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { axeScan, newPage } from './support/browser';
import { startBrowserTest } from './support/browser-test';
import { type LocalServer } from '../support/local-server';

jest.setTimeout(120_000);

const shots = join(__dirname, '../../test-results/tab');

/**
 * The SPOC's day in the tab, in headless Chromium against the real local server and SQLite: record an
 * application that meets the threshold, see the case and its clocks, record a return, and see the
 * statistics change. Every view is checked with axe; screenshots are kept as test artefacts.
 */
describe('the SPOC tab in a browser', () => {
  let local: LocalServer;
  let close: () => Promise<void>;
  let base: string;
  let browser: Browser;
  let page: Page;
  // Monday 9 March 2026, mid-morning in London.
  let now = new Date('2026-03-09T10:00:00Z');

  beforeAll(async () => {
    ({ local, browser, close } = await startBrowserTest(shots, () => now));
    base = local.base;
    page = await newPage(browser);
  });

  afterAll(() => close?.());

  async function expectAccessible(view: string) {
    const findings = await axeScan(page);
    expect({ view, findings }).toEqual({ view, findings: [] });
  }

  const token = () =>
    page.evaluate(() => Object.values(sessionStorage).find((v) => v.split('.').length === 3) ?? '');

  it('signs in locally as the SPOC and shows the (empty) case list', async () => {
    await page.goto(base);
    await page.getByRole('radio', { name: /Sam Patel/ }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /cases/i }).waitFor();
    await expectAccessible('cases (empty)');
  });

  it('records an application; the advice updates live as incidents are typed', async () => {
    await page.getByRole('link', { name: 'New application' }).click();
    await page.getByRole('heading', { level: 1, name: /new application/i }).waitFor();
    await page.getByLabel('How the application arrived').selectOption('email');
    await page.getByLabel("Victim's name").fill('Jo Sample');
    for (const agency of [
      'East Herts District Council',
      'Hertfordshire Constabulary',
      'Registered provider of social housing',
    ])
      await page.getByRole('checkbox', { name: agency, exact: true }).check();

    const incidents: [string, string][] = [
      ['2026-01-05', '2026-01-06'],
      ['2026-01-20', '2026-01-21'],
      ['2026-02-10', '2026-02-12'],
    ];
    for (const [i, [occurred, reported]] of incidents.entries()) {
      const incident = page.getByRole('group', { name: `Incident ${i + 1}`, exact: true });
      // The form opens with one blank incident; more are added as they are typed.
      if ((await incident.count()) === 0) await page.getByRole('button', { name: 'Add an incident' }).click();
      await incident.getByLabel('Date it happened').fill(occurred);
      await incident.getByLabel('Reported to').selectOption('herts-police');
      await incident.getByLabel('Date reported').fill(reported);
      if (i === 1) await see(page.getByText(/2 of 3 qualifying/).first()).toBeVisible();
    }
    await see(page.getByText(/3 of 3 qualifying/).first()).toBeVisible();
    await page.getByLabel('Short title').fill('Noise, Example Road');
    await page.screenshot({ path: join(shots, '1-new-application.png'), fullPage: true });
    await expectAccessible('new application');

    await page.getByRole('button', { name: 'Record the application' }).click();
    await page.getByRole('heading', { level: 1, name: /CT-2026-0001/ }).waitFor({ timeout: 20_000 });
  });

  it('shows the case with its running clocks, due dates and working days left', async () => {
    // East Herts: acknowledge within 3 working days of 9 March 2026 -> Thursday 12 March.
    await see(page.getByText('Acknowledge the application').first()).toBeVisible();
    await see(page.getByText(/12 Mar(ch)? 2026/).first()).toBeVisible();
    await see(page.getByText(/3 working days left|3 WD left/i).first()).toBeVisible();
    await page.screenshot({ path: join(shots, '2-case.png'), fullPage: true });
    await expectAccessible('case');
  });

  it('records an agency return through the case view; the return clock is met', async () => {
    await page.getByRole('button', { name: 'Request returns' }).click();
    const ask = page.getByRole('dialog');
    await ask.getByRole('checkbox', { name: /Hertfordshire Constabulary/ }).check();
    await ask.getByRole('button', { name: 'Record' }).click();
    await ask.waitFor({ state: 'detached' });
    await see(page.getByText(/Return from Hertfordshire Constabulary/).first()).toBeVisible();

    now = new Date('2026-03-11T10:00:00Z');
    await page.reload();
    await page.getByRole('button', { name: 'Record a return' }).click();
    const dialog = page.getByRole('dialog');
    const request = dialog.getByLabel('Request');
    const police = await request
      .locator('option', { hasText: 'Hertfordshire Constabulary' })
      .getAttribute('value');
    await request.selectOption(police!);
    await dialog
      .getByRole('checkbox', { name: 'The agency holds a record of this incident' })
      .first()
      .check();
    await dialog.getByLabel('Their reference').first().fill('HC/2026/0042');
    await dialog.getByRole('button', { name: 'Record' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.screenshot({ path: join(shots, '3-return-recorded.png'), fullPage: true });
    const caseId = page.url().split('/cases/')[1]!;
    const detail = await (
      await fetch(`${base}/api/cases/${caseId}`, { headers: { authorization: `Bearer ${await token()}` } })
    ).json();
    const asked = detail.state.requests.find((r: { agencyId: string }) => r.agencyId === 'herts-police');
    expect(asked.returns).toEqual([
      expect.objectContaining({ receivedOn: '2026-03-11', submittedBy: 'spoc-1' }),
    ]);
    expect(detail.clocks.find((c: { requestId?: string }) => c.requestId === asked.requestId)).toMatchObject({
      late: false,
      metOn: '2026-03-11',
    });
  });

  it('shows the statistics change with the new application', async () => {
    await page.getByRole('link', { name: 'Statistics' }).click();
    await page.getByRole('heading', { level: 1, name: /statistics/i }).waitFor();
    // The financial year 2025-26 holds the one application recorded above.
    const applications = page.getByRole('row', { name: /Applications/ }).first();
    await see(applications).toContainText('1');
    await see(page.getByRole('link', { name: 'CT-2026-0001' }).first()).toBeVisible();
    await page.screenshot({ path: join(shots, '4-statistics.png'), fullPage: true });
    await expectAccessible('statistics');
  });

  it('works by keyboard alone: the case list is reached and a case opened without a mouse', async () => {
    await page.goto(base);
    await page.getByRole('heading', { level: 1, name: /cases/i }).waitFor();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (focused.includes('CT-2026-0001')) break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /CT-2026-0001/ }).waitFor();
    await page.screenshot({ path: join(shots, '5-keyboard.png'), fullPage: true });
  });
});

// playwright-core has no test runner: a tiny assertion for locators, waiting until visible or timing out.
function see(locator: Locator) {
  return {
    toBeVisible: async () => {
      await locator.waitFor({ state: 'visible', timeout: 15_000 });
    },
    toContainText: async (text: string) => {
      await locator.waitFor({ state: 'visible', timeout: 15_000 });
      expect(await locator.textContent()).toContain(text);
    },
  };
}
