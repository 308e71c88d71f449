import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiClient, caseWithPanel, VICTIM_CONTACT } from '../support/api-client';
import { type LocalServer } from '../support/local-server';
import { axeScan, newPage } from './support/browser';
import { startBrowserTest } from './support/browser-test';

jest.setTimeout(120_000);

const shots = join(__dirname, '../../test-results/access');

/**
 * The access policy and the access log as people meet them in the tab: an agency member on the case sees
 * its summary and its own return, no letters and nothing of the victim's details, and no access log; a
 * manager sees who looked at the case, in words, and that reading the log is recorded too.
 */
describe('who sees what, in the browser', () => {
  let local: LocalServer;
  let close: () => Promise<void>;
  let browser: Browser;
  let now = new Date('2026-03-02T09:00:00Z');
  let world: Awaited<ReturnType<typeof caseWithPanel>>;

  beforeAll(async () => {
    ({ local, browser, close } = await startBrowserTest(shots, () => now));
    world = await caseWithPanel(apiClient(local.base), (iso) => (now = new Date(iso)));
  });
  afterAll(() => close?.());

  async function signIn(page: Page, name: RegExp) {
    await page.goto(local.base);
    await page.getByRole('radio', { name }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /cases/i }).waitFor();
  }

  it('shows a housing officer the case without letters, other returns or the victim, and no access log', async () => {
    const page = await newPage(browser);
    await signIn(page, /Registered provider|social housing/i);
    await page.goto(`${local.base}/#/cases/${world.caseId}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(world.reference) }).waitFor();
    const text = await page.locator('main').innerText();
    for (const detail of Object.values(VICTIM_CONTACT)) expect(text).not.toContain(detail);
    expect(text).not.toContain('POL-SECRET-1');
    expect(text).not.toMatch(/CT1 acknowledgement\.docx/);
    expect(await page.getByRole('link', { name: 'Access log' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Who has looked at this case' }).count()).toBe(0);
    await page.screenshot({ path: join(shots, 'housing-case-view.png'), fullPage: true });
    await page.context().close();
  });

  it('shows a manager who looked at the case, in words, newest first', async () => {
    const page = await newPage(browser);
    await signIn(page, /Sam Patel/);
    await page.goto(`${local.base}/#/cases/${world.caseId}`);
    await page.getByRole('link', { name: 'Who has looked at this case' }).click();
    await page.getByRole('heading', { level: 1, name: `Access log for ${world.reference}` }).waitFor();
    const table = page.getByRole('table', { name: /Who looked at what/ });
    await table.waitFor();
    const rows = await table.getByRole('row').allInnerTexts();
    expect(rows[1]).toMatch(/Sam Patel\s+Read the access log/);
    expect(rows.join('\n')).toMatch(/Sam Patel \(|Sam Patel\s+Opened the case/);
    expect(rows.join('\n')).toMatch(/Registered provider of social housing\)?\s+Opened the case/);
    const findings = await axeScan(page);
    expect(findings).toEqual([]);
    await page.screenshot({ path: join(shots, 'manager-access-log.png'), fullPage: true });
    await page.context().close();
  });
});
