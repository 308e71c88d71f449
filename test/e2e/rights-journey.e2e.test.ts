import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { type LocalServer } from '../support/local-server';
import { sampleApplication } from '../support/case-builder';
import { axeScan, newPage } from './support/browser';
import { startBrowserTest } from './support/browser-test';

jest.setTimeout(120_000);

const shots = join(__dirname, '../../test-results/rights-journey');
const WAIT = 20_000;

/**
 * Issue 13 in the tab, under East Herts: a "not met" decision told by phone (the clock met by the recorded
 * contact), a closure that shows the CT3a right still open and keeps it, and the review request on day 9
 * that reopens the case (s.11: "should be received within 28 days of the decision").
 */
describe('the applicant’s rights survive closure, in the tab', () => {
  let local: LocalServer;
  let close: () => Promise<void>;
  let base: string;
  let browser: Browser;
  let page: Page;
  let caseId: string;
  let token: string;
  let now = new Date('2026-03-10T10:00:00Z');

  beforeAll(async () => {
    ({ local, browser, close } = await startBrowserTest(shots, () => now));
    base = local.base;
    page = await newPage(browser);
  });

  afterAll(() => close?.());

  async function api(method: string, path: string, body?: unknown) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, body: (await res.json()) as any };
  }

  async function settled(text: RegExp) {
    await page.getByRole('status').filter({ hasText: text }).first().waitFor({ timeout: WAIT });
    await page
      .getByText(/Updating the case\.\.\./)
      .first()
      .waitFor({ state: 'detached', timeout: WAIT })
      .catch(() => undefined);
  }

  async function open(button: string | RegExp): Promise<Locator> {
    await page.getByRole('button', { name: button }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ timeout: WAIT });
    return dialog;
  }

  async function submit(dialog: Locator, name = 'Record') {
    await dialog.getByRole('button', { name, exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT });
  }

  async function advanceTo(instant: string) {
    now = new Date(instant);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /CT-2026-0001/ }).waitFor({ timeout: WAIT });
  }

  it('opens a case decided "not met" without a "told on" date', async () => {
    const signIn = await fetch(`${base}/api/local/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ personId: 'spoc-1' }),
    });
    token = ((await signIn.json()) as { token: string }).token;
    // Two incidents: the advice is "not met".
    const created = await api('POST', '/api/cases', {
      requestId: randomUUID(),
      receivedVia: 'email',
      agencies: ['ehc', 'herts-police'],
      title: 'Noise, Station Road',
      application: sampleApplication('2026-03-02', ['2026-01-20', '2026-02-10']),
    });
    caseId = created.body.caseId;
    const decided = await api('POST', `/api/cases/${caseId}/events`, {
      id: randomUUID(),
      type: 'threshold-decided',
      payload: {
        decidedOn: '2026-03-10',
        outcome: 'not-met',
        advisedOutcome: 'not-met',
        reasons: [],
        decidedBy: 'spoc-1',
      },
    });
    expect(decided.status).toBe(201);

    await page.goto(base);
    await page.getByRole('radio', { name: /Sam Patel/ }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /cases/i }).waitFor({ timeout: WAIT });
    await page.goto(`${base}/#/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: /CT-2026-0001/ }).waitFor({ timeout: WAIT });
    await page.getByText(/applicant not told yet/).waitFor();
  });

  it('records that the applicant was told by phone: the decision clock is met by that contact', async () => {
    const dialog = await open('Applicant told');
    expect(await dialog.getByLabel('The decision').inputValue()).toBe('decision');
    await dialog.getByLabel('How').selectOption('phone');
    await submit(dialog);
    await settled(/Recorded: Applicant told of a decision/);
    await page
      .getByRole('table', { name: 'Deadlines met' })
      .getByRole('row')
      .filter({ hasText: 'Decide the threshold and tell the applicant' })
      .waitFor({ timeout: WAIT });
  });

  it('closes keeping the CT3a right open, after showing it', async () => {
    const dialog = await open('Close case');
    await dialog.getByText(/Ask for a review of the decision until 7 April 2026/).waitFor();
    await dialog.getByRole('checkbox', { name: /Close keeping these rights open/ }).uncheck();
    await dialog.getByLabel('Victim told when and why on').fill('2026-03-10');
    await dialog.getByRole('button', { name: 'Close the case', exact: true }).click();
    // The server refuses a closure that would take the right away, and says what to do.
    await dialog
      .getByText(/the applicant can still ask for a review/)
      .first()
      .waitFor({ timeout: WAIT });
    await dialog.getByRole('checkbox', { name: /Close keeping these rights open/ }).check();
    await page.screenshot({ path: join(shots, '1-close-keeping-rights.png') });
    await submit(dialog, 'Close the case');
    await settled(/Recorded: Case closed/);
    await page.getByText(/the applicant's rights were kept open/).waitFor();
  });

  it('reopens the case when the review request arrives on day 9', async () => {
    await advanceTo('2026-03-19T10:00:00Z');
    const dialog = await open('Review of "not met" requested');
    await dialog.getByText(/The case is closed: recording the request reopens it/).waitFor();
    await submit(dialog);
    await settled(/Recorded: Review of the decision requested/);
    await page.getByText(/A request for a review of the decision was received on 2026-03-19/).waitFor();
    const timeline = page.getByRole('table', { name: 'Timeline, newest first' });
    await timeline.getByRole('row').filter({ hasText: 'Case reopened' }).waitFor();
    await page.screenshot({ path: join(shots, '2-reopened.png'), fullPage: true });
    expect({ findings: await axeScan(page) }).toEqual({ findings: [] });
  });
});
