import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { sampleApplication } from '../support/case-builder';
import type { LocalServer } from '../support/local-server';
import { axeScan, newPage, WCAG22AA } from './support/browser';
import { startBrowserTest } from './support/browser-test';

jest.setTimeout(150_000);

const shots = join(__dirname, '../../test-results/case-record');
const WAIT = 20_000;

/**
 * Issue 15, the case record a SPOC works from all day, in headless Chromium against the real local server:
 * what was recorded is read back (the victim's contact details, the police's return word for word, notes),
 * a correction is made in the tab with its errors beside their fields and gone as soon as each is fixed,
 * and the corrections show before and after. At desktop width and at 360 px (Teams mobile), with axe's
 * WCAG 2.2 AA rules.
 */
describe('the case record (issue 15)', () => {
  let local: LocalServer;
  let close: () => Promise<void>;
  let browser: Browser;
  let page: Page;
  let caseId: string;
  const now = new Date('2026-03-04T10:00:00Z'); // Wednesday 4 March 2026

  beforeAll(async () => {
    ({ local, browser, close } = await startBrowserTest(shots, () => now));
    const spoc = await token('spoc-1');
    const opened = await api('POST', '/api/cases', spoc, {
      requestId: randomUUID(),
      receivedVia: 'email',
      agencies: ['ehc', 'herts-police'],
      title: 'Noise, Example Road',
      parties: {
        victim: {
          name: 'Jane Example',
          address: '1 Example Road, Hertford',
          postcode: 'SG13 8EQ',
          phone: '01279 655261',
          email: 'jane@example.org',
        },
      },
      application: sampleApplication('2026-03-02', ['2026-01-05', '2026-01-20', '2026-02-10']),
    });
    expect(opened.status).toBe(201);
    caseId = opened.body.caseId;
    const requestId = randomUUID();
    const asked = await api('POST', `/api/cases/${caseId}/events`, spoc, {
      id: randomUUID(),
      type: 'returns-requested',
      payload: {
        requestedOn: '2026-03-04',
        requests: [{ requestId, agencyId: 'herts-police' }],
        incidentIds: ['inc-1', 'inc-2', 'inc-3'],
      },
    });
    expect(asked.status).toBe(201);
    const police = await token('herts-police-1');
    const returned = await api('POST', `/api/returns/${caseId}/${requestId}`, police, {
      id: randomUUID(),
      incidents: [
        {
          incidentId: 'inc-1',
          holdsRecord: true,
          reference: 'HP-2026-1143',
          actionTaken: 'Officers visited',
        },
        { incidentId: 'inc-2', holdsRecord: false },
      ],
      otherInformation: 'Two further calls in February, not yet crimed.',
    });
    expect(returned.status).toBe(201);
    page = await newPage(browser);
    await page.goto(local.base);
    await page.getByRole('radio', { name: /Sam Patel/ }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /cases/i }).waitFor({ timeout: WAIT });
  });

  afterAll(async () => {
    await close?.();
  });

  async function token(personId: string): Promise<string> {
    const res = await api('POST', '/api/local/sign-in', undefined, { personId });
    return res.body.token as string;
  }

  async function api(method: string, path: string, bearer: string | undefined, body?: unknown) {
    const res = await fetch(`${local.base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, body: (await res.json()) as any };
  }

  const shot = (name: string, fullPage = true) =>
    page.screenshot({ path: join(shots, `${name}.png`), fullPage });

  async function expectAccessible(view: string) {
    const findings = await axeScan(page, { tags: WCAG22AA });
    expect({ view, findings }).toEqual({ view, findings: [] });
  }

  async function openCase() {
    await page.goto(`${local.base}/#/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: /CT-2026-0001/ }).waitFor({ timeout: WAIT });
  }

  const section = (name: string): Locator =>
    page
      .getByRole('region', { name })
      .or(page.locator(`section:has(> h2:text-is("${name}"))`))
      .first();

  it('reads back the contact details and what the police said in their return', async () => {
    await openCase();
    const contact = section('Contact details');
    await contact.getByRole('link', { name: '01279 655261' }).waitFor({ timeout: WAIT });
    expect(await contact.getByRole('link', { name: '01279 655261' }).getAttribute('href')).toBe(
      'tel:+441279655261',
    );
    expect(await contact.textContent()).toContain('1 Example Road, Hertford, SG13 8EQ');
    const returns = section('Agency returns');
    await returns.getByRole('heading', { name: 'What Hertfordshire Constabulary said' }).waitFor();
    const said = (await returns.textContent()) ?? '';
    expect(said).toContain('Holds a record; reference HP-2026-1143');
    expect(said).toContain('Action taken: Officers visited');
    expect(said).toContain('No record held');
    expect(said).toContain('Two further calls in February, not yet crimed.');
    await expectAccessible('case: contact details and returns');
    await shot('1-contact-and-returns');
  });

  it('adds a note and shows it in the notes and the timeline', async () => {
    await page.getByRole('button', { name: 'Add a note' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Note/).fill('Rang Jane: she can talk after 5pm on weekdays.');
    await dialog.getByRole('button', { name: 'Record', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT });
    await section('Notes')
      .getByText('Rang Jane: she can talk after 5pm on weekdays.')
      .waitFor({ timeout: WAIT });
    await page
      .getByRole('table', { name: 'Timeline, newest first' })
      .getByRole('row')
      .filter({ hasText: 'Note added: Rang Jane' })
      .waitFor();
  });

  it('corrects the contact details and an incident date: errors show by their fields and clear when fixed', async () => {
    await page.getByRole('button', { name: 'Correct the application' }).click();
    const dialog = page.getByRole('dialog');
    const phone = dialog.getByRole('group', { name: "The victim's contact details" }).getByLabel('Phone');
    await phone.fill('abc');
    await dialog.getByLabel('Application received on').fill('2026-03-09');
    await dialog.getByRole('button', { name: 'Record', exact: true }).click();
    // The schema's problems first, in words an officer uses, beside their fields.
    await dialog
      .getByText(/Enter a UK phone number/)
      .first()
      .waitFor({ timeout: WAIT });
    await shot('2-correction-errors', false);
    expect(await dialog.textContent()).not.toMatch(/Too small|Invalid input|expected string/);
    // Fixed: its error goes at once, before any submit.
    await phone.fill('07911 123456');
    await dialog
      .getByText(/Enter a UK phone number/)
      .first()
      .waitFor({ state: 'detached', timeout: WAIT });
    // Now the rules, in the browser: a date of receipt after today, named by its field.
    await dialog.getByLabel(/^Why is it corrected/).fill('Jane gave a new mobile number');
    await dialog.getByRole('button', { name: 'Record', exact: true }).click();
    await dialog
      .getByText(/is after the day it was recorded/)
      .first()
      .waitFor({ timeout: WAIT });
    await dialog.getByLabel('Application received on').fill('2026-03-02');
    await dialog
      .getByText(/is after the day it was recorded/)
      .first()
      .waitFor({ state: 'detached' });
    await dialog.getByLabel('Incident 3 happened on').fill('2026-02-09');
    await expectAccessible('correction dialog');
    await dialog.getByRole('button', { name: 'Record', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT });

    const corrections = section('Corrections');
    await corrections.getByText('Why: Jane gave a new mobile number').waitFor({ timeout: WAIT });
    const rows = corrections.getByRole('row');
    await rows.filter({ hasText: 'Victim: phone' }).filter({ hasText: '01279 655261' }).waitFor();
    expect(await rows.filter({ hasText: 'Victim: phone' }).textContent()).toContain('07911 123456');
    expect(await rows.filter({ hasText: 'Incident 3: date it happened' }).textContent()).toMatch(
      /10 February 2026.*9 February 2026/,
    );
    await section('Contact details').getByRole('link', { name: '07911 123456' }).waitFor();
    await page
      .getByRole('table', { name: 'Timeline, newest first' })
      .getByRole('row')
      .filter({ hasText: 'Application corrected: Jane gave a new mobile number (2 fields changed)' })
      .waitFor();
    await expectAccessible('case: after a correction');
    await shot('3-corrected');
  });

  it("finds the case by the victim's name and by postcode, written any way", async () => {
    await page.goto(`${local.base}/#/cases`);
    const find = page.getByRole('searchbox', { name: 'Find a case' });
    await find.waitFor({ timeout: WAIT });
    for (const q of ['jane example', 'sg138eq', 'Example Road']) {
      await find.fill(q);
      await find.press('Enter');
      await page
        .getByRole('link', { name: /CT-2026-0001/ })
        .first()
        .waitFor({ timeout: WAIT });
    }
    await find.fill('Nobody Atall');
    await find.press('Enter');
    await page
      .getByRole('link', { name: /CT-2026-0001/ })
      .first()
      .waitFor({ state: 'detached', timeout: WAIT });
    await find.fill('sg138eq');
    await find.press('Enter');
    await page
      .getByRole('link', { name: /CT-2026-0001/ })
      .first()
      .waitFor({ timeout: WAIT });
    await expectAccessible('cases: search by postcode');
    await shot('3b-search-by-postcode');
  });

  it('fits a 360 px screen (Teams mobile) with nothing wider than the screen and axe clean', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await openCase();
    await section('Corrections').getByText('Why: Jane gave a new mobile number').waitFor({ timeout: WAIT });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    // Anything reaching past the screen's edge, named, so a failure says what to fix.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > 361)
        .map((e) => `${e.tagName} ${(e.textContent ?? '').slice(0, 40)}`)
        .slice(0, 10),
    );
    expect(wide).toEqual([]);
    expect(width).toBeLessThanOrEqual(360);
    await expectAccessible('case at 360 px');
    await shot('4-case-360px');
  });

  it('shows the statistics and the cases list at 360 px with nothing cut off or wider than the screen', async () => {
    for (const [hash, heading, file] of [
      ['#/statistics', /statistics/i, '4d-statistics-360px'],
      ['#/', /cases/i, '4e-cases-360px'],
    ] as const) {
      await page.goto(`${local.base}/${hash}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: WAIT });
      await page.waitForLoadState('networkidle');
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > 361)
          .map((e) => `${e.tagName} ${(e.textContent ?? '').slice(0, 40)}`)
          .slice(0, 10),
      );
      expect({ hash, wide }).toEqual({ hash, wide: [] });
      await expectAccessible(`${hash} at 360 px`);
      await shot(file);
    }
    await openCase();
  });

  it('reads in the Teams dark and high-contrast themes at 360 px, axe clean', async () => {
    for (const [theme, file] of [
      ['Teams dark', '4b-case-360px-dark'],
      ['Teams high contrast', '4c-case-360px-contrast'],
    ] as const) {
      await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: theme });
      await section('Corrections').getByText('Why: Jane gave a new mobile number').waitFor({ timeout: WAIT });
      await expectAccessible(`case at 360 px, ${theme}`);
      await shot(file);
    }
    await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'Web light' });
  });

  it('shows an agency member the notes and their return, never the contact details', async () => {
    const police = await newPage(browser, { viewport: { width: 360, height: 780 } });
    await police.goto(local.base);
    await police.locator('input[type="radio"][value="herts-police-1"]').check();
    await police.getByRole('button', { name: 'Sign in' }).click();
    await police.getByRole('heading', { level: 1 }).first().waitFor({ timeout: WAIT });
    await police.goto(`${local.base}/#/cases/${caseId}`);
    await police.getByRole('heading', { level: 1, name: /CT-2026-0001/ }).waitFor({ timeout: WAIT });
    await police
      .getByText('Rang Jane: she can talk after 5pm on weekdays.', { exact: true })
      .waitFor({ timeout: WAIT });
    await police.getByRole('heading', { name: 'What Hertfordshire Constabulary said' }).waitFor();
    const text = (await police.locator('main').textContent()) ?? (await police.textContent('body')) ?? '';
    expect(text).not.toContain('07911');
    expect(text).not.toContain('jane@example.org');
    expect(await police.getByRole('heading', { name: 'Contact details' }).count()).toBe(0);
    await police.screenshot({ path: join(shots, '5-police-360px.png'), fullPage: true });
    await police.context().close();
  });
});
