import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { apiClient } from '../support/api-client';
import { sampleApplication } from '../support/case-builder';
import { type LocalServer } from '../support/local-server';
import { axeScan, newPage } from './support/browser';
import { startBrowserTest } from './support/browser-test';

jest.setTimeout(120_000);

const shots = join(__dirname, '../../test-results/data-protection');

/**
 * A manager's data protection duties through the tab (issue 18): put a closed case on legal hold with a
 * reason and see it on the case and in the list; read the retention dry run; find and export what the
 * product holds about a person.
 */
describe('data protection in the browser', () => {
  let local: LocalServer;
  let close: () => Promise<void>;
  let browser: Browser;
  let page: Page;
  let held: { caseId: string; reference: string };
  let gone: { caseId: string; reference: string };

  beforeAll(async () => {
    ({ local, browser, close } = await startBrowserTest(shots, () => new Date('2026-03-05T10:00:00Z')));
    const api = apiClient(local.base);
    const spoc = await api.signIn('spoc-1');
    const open = async (title: string) =>
      (
        await api.call(spoc, 'POST', '/api/cases', {
          requestId: randomUUID(),
          receivedVia: 'email',
          agencies: ['ehc', 'herts-police'],
          title,
          parties: { victim: { name: 'Alice Victimson', address: '12 Sample Road, Hertford SG13 1AA' } },
          application: sampleApplication('2026-03-02', ['2026-02-10']),
        })
      ).body as { caseId: string; reference: string };
    held = await open('Kept for a claim');
    gone = await open('Withdrawn');
    for (const c of [held, gone])
      await api.event(spoc, c.caseId, 'case-closed', {
        closedOn: '2026-03-05',
        reason: 'withdrawn',
        victimToldOn: '2026-03-05',
      });
    page = await newPage(browser);
    await page.goto(local.base);
    await page.getByRole('radio', { name: /Sam Patel/ }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /cases/i }).waitFor();
  });
  afterAll(() => close?.());

  it('puts a closed case on legal hold with a reason, shown on the case and in the list', async () => {
    await page.goto(`${local.base}/#/cases/${held.caseId}`);
    await page.getByRole('heading', { level: 2, name: 'Retention and legal hold' }).waitFor();
    await page.getByRole('button', { name: 'Put on legal hold' }).click();
    const dialog = page.getByRole('dialog', { name: 'Put on legal hold' });
    await dialog.getByRole('button', { name: 'Put on legal hold' }).click();
    // No reason: refused, with the message at the field.
    await dialog.getByText('say why (at least a few words)', { exact: true }).waitFor();
    await dialog.getByLabel('Why the case must be kept').fill('Civil claim pending');
    await dialog.getByRole('button', { name: 'Put on legal hold' }).click();
    await page
      .getByText(/On legal hold/)
      .first()
      .waitFor();
    const section = page.getByRole('region', { name: 'Retention and legal hold' });
    expect(await section.innerText()).toMatch(/On legal hold since .* set by Sam Patel: Civil claim pending/);
    await page.screenshot({ path: join(shots, 'case-on-hold.png'), fullPage: true });

    await page.goto(`${local.base}/#/`);
    await page.getByLabel('Status').selectOption('closed');
    const row = page.getByRole('row', { name: new RegExp(held.reference) });
    await row.getByText('On legal hold').waitFor();
    expect(
      await page
        .getByRole('row', { name: new RegExp(gone.reference) })
        .getByText('On legal hold')
        .count(),
    ).toBe(0);
  });

  it('shows the retention dry run: when each closed case goes, and that the held one is kept', async () => {
    await page.getByRole('link', { name: 'Data protection' }).click();
    await page.getByRole('heading', { level: 1, name: 'Data protection' }).waitFor();
    const table = page.getByRole('table', { name: 'Closed cases and the day each is purged' });
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toMatch(new RegExp(`${gone.reference}[^\\n]*\\n?[^\\n]*6 Mar 2032|${gone.reference}.*2032`));
    expect(text).toMatch(new RegExp(`${held.reference}[\\s\\S]*Kept: on legal hold`));
    expect(await axeScan(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'retention.png'), fullPage: true });
  });

  it('finds the cases that mention a person and exports them as one archive', async () => {
    await page.getByLabel('Name').fill('Alice Victimson');
    await page.getByRole('button', { name: 'Find the cases' }).click();
    await page.getByText('2 cases mention this person.').waitFor();
    const found = await page.getByRole('table', { name: 'Cases that mention the person' }).innerText();
    expect(found).toContain(held.reference);
    expect(found).toContain("the victim's name");
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export these cases' }).click(),
    ]);
    const zip = await JSZip.loadAsync(readFileSync((await download.path())!));
    expect(Object.keys(zip.files).some((n) => n.endsWith(`${held.reference}/case-record.json`))).toBe(true);
    await page.getByText(/The archive is downloaded/).waitFor();
    expect(await axeScan(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'subject-access.png'), fullPage: true });
  });
});
