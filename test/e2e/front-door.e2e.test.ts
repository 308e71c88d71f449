import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newPage, CHROME_FLAGS } from './support/browser';
import { ensureBuiltTab } from './support/built-tab';
import { startLocalServer, type LocalServer } from '../support/local-server';
import { apiClient } from '../support/api-client';
import type { NotifyDouble } from '../support/notify-double/notify-double';
import { CALLBACK_TOKEN, notifyWithTemplates } from '../public/support/notify-setup';
import { loadEnglish } from '../../bot/public/i18n';

jest.setTimeout(180_000);
void CHROME_FLAGS;

const shots = join(__dirname, '../../test-results/front-door');

/**
 * Issue 17 in Chromium: a victim applies with JavaScript on, a third party with it off; both hear from
 * GOV.UK Notify (the double); the victim sends an impact statement through their link; the SPOC sees the
 * online application first and the victim's voice on the case. Every public page passes axe's WCAG 2.2 AA
 * rules, works by keyboard and at 200% zoom; screenshots are kept in test-results/front-door.
 */
describe('the victim’s front door in a browser', () => {
  let local: LocalServer;
  let notify: NotifyDouble;
  let browser: Browser;
  let clock = '2026-03-02T10:00:00Z';

  beforeAll(async () => {
    ensureBuiltTab();
    mkdirSync(shots, { recursive: true });
    const setup = await notifyWithTemplates();
    notify = setup.double;
    // A council's Welsh file: here every English text marked, so the test can see the switch work.
    const welsh = join(tmpdir(), `cy-${notify.serviceId}.json`);
    const en = loadEnglish();
    writeFileSync(
      welsh,
      JSON.stringify(
        Object.fromEntries(
          Object.entries(en).map(([k, v]) => [k, k === 'language.name' ? 'Cymraeg' : `[cy] ${v}`]),
        ),
      ),
    );
    local = await startLocalServer({
      now: () => new Date(clock),
      env: { ...setup.env, PUBLIC_WELSH_FILE: welsh },
    });
    notify.setCallback(`${local.base}/api/notify/callback`, CALLBACK_TOKEN);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await local?.close();
    await notify?.stop();
  });

  async function accessible(page: Page, view: string) {
    const { default: AxeBuilder } = await import('@axe-core/playwright');
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    const findings = result.violations.map((v) => ({
      id: v.id,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
    expect({ view, findings }).toEqual({ view, findings: [] });
  }

  /** 200% zoom: half the CSS width; nothing may need a sideways scroll. */
  async function reflows(page: Page) {
    const size = page.viewportSize()!;
    await page.setViewportSize({ width: 640, height: size.height });
    const wide = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
    );
    await page.setViewportSize(size);
    expect(wide).toBe(false);
  }

  const cont = (page: Page) => page.getByRole('button', { name: 'Continue' }).click();

  async function incident(page: Page, d: string, m: string, y: string, agency: string) {
    const when = page.getByRole('group', { name: 'When did it happen?' });
    await when.getByLabel('Day').fill(d);
    await when.getByLabel('Month').fill(m);
    await when.getByLabel('Year').fill(y);
    // East Herts has no hate route, so the form does not ask; a policy with one asks here.
    const hate = page.getByRole('group', { name: /because of who you are/ });
    if (await hate.count()) await hate.getByLabel('No', { exact: true }).check();
    await page.getByRole('checkbox', { name: agency }).check();
    const reported = page.getByRole('group', { name: 'When did you first report it?' });
    await reported.getByLabel('Day').fill(d);
    await reported.getByLabel('Month').fill(m);
    await reported.getByLabel('Year').fill(y);
    await cont(page);
  }

  it('a victim applies with JavaScript on: accessible, by keyboard, at 200% zoom, in Welsh on request', async () => {
    const page = await newPage(browser, { baseURL: local.base });
    page.setDefaultTimeout(15_000);
    await page.goto('/apply');
    await accessible(page, 'start');
    await reflows(page);
    await page.screenshot({ path: join(shots, '1-start.png'), fullPage: true });
    // The language switch appears because the council supplied a Welsh file.
    await page.getByRole('link', { name: 'Cymraeg' }).click();
    await page.getByRole('heading', { level: 1, name: /^\[cy\]/ }).waitFor();
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Start now' }).click();

    // Keyboard only on the first question: tab to "Myself", space, Enter.
    await page.getByRole('heading', { name: 'Who are you applying for?' }).waitFor();
    await page.getByLabel('Myself').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Who is affected/ }).waitFor();
    // An answer left out: the error summary takes focus (govuk-frontend's script) and links to the field.
    await cont(page);
    await page.getByRole('alert').getByText('There is a problem').waitFor();
    expect(await page.evaluate(() => document.activeElement?.className)).toMatch(/govuk-error-summary/);
    await accessible(page, 'error summary');
    await page.screenshot({ path: join(shots, '2-error-summary.png'), fullPage: true });
    await page.getByLabel('A person or household').check();
    await cont(page);
    await page.getByLabel('Full name').fill('Kim Online');
    await page.getByLabel('Address line 1').fill('4 Example Road');
    await page.getByLabel('Town or city').fill('Hertford');
    await page.getByLabel('Postcode').fill('SG13 7AB');
    await cont(page);
    await page.getByLabel('Email', { exact: true }).check();
    await page.getByLabel(/Email address \(if/).fill('kim.online@example.org');
    await accessible(page, 'contact');
    await cont(page);
    await page
      .getByRole('group', { name: /more affected/ })
      .getByLabel('No', { exact: true })
      .check();
    await page
      .getByRole('group', { name: /anything differently/ })
      .getByLabel('Yes', { exact: true })
      .check();
    await page.getByLabel(/tell us what you need/).fill('Please phone after 5pm');
    await page
      .getByRole('group', { name: /name kept/ })
      .getByLabel('No', { exact: true })
      .check();
    await cont(page);
    await accessible(page, 'incident');
    await page.screenshot({ path: join(shots, '3-incident.png'), fullPage: true });
    await incident(page, '5', '1', '2026', 'Hertfordshire Constabulary');
    for (const [d, m] of [
      ['20', '1'],
      ['10', '2'],
    ]) {
      await page
        .getByRole('group', { name: 'Do you need to add another incident?' })
        .getByLabel('Yes', { exact: true })
        .check();
      await cont(page);
      await incident(page, d!, m!, '2026', 'East Herts District Council');
    }
    await accessible(page, 'incidents list');
    await page
      .getByRole('group', { name: 'Do you need to add another incident?' })
      .getByLabel('No', { exact: true })
      .check();
    await cont(page);
    await page
      .getByLabel('Tell us what has been happening')
      .fill('Loud parties every weekend and threats in the stairwell.');
    await cont(page);
    await page.getByRole('heading', { name: /Check your answers/ }).waitFor();
    await accessible(page, 'check your answers');
    await reflows(page);
    await page.screenshot({ path: join(shots, '4-check.png'), fullPage: true });
    await page.getByRole('button', { name: 'Accept and send' }).click();
    await page.getByRole('heading', { name: 'Application sent' }).waitFor();
    await accessible(page, 'confirmation');
    await page.screenshot({ path: join(shots, '5-confirmation.png'), fullPage: true });
    await page.context().close();
  });

  it('a third party applies with JavaScript off, recording the victim’s consent', async () => {
    const context: BrowserContext = await browser.newContext({
      javaScriptEnabled: false,
      locale: 'en-GB',
      baseURL: local.base,
      reducedMotion: 'reduce',
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto('/apply/who');
    await page.getByLabel('Someone else, with their consent').check();
    await cont(page);
    await page.getByRole('checkbox', { name: /agrees to me applying/ }).check();
    await page.getByLabel('By email', { exact: true }).check();
    await cont(page);
    await page.getByLabel('Your full name').fill('Pat Support');
    await page.getByLabel(/How do you know/).fill('Support worker');
    await page.getByLabel('Your email address').fill('pat.support@example.org');
    await cont(page);
    await page.getByLabel('A person or household').check();
    await cont(page);
    await page.getByLabel('Full name').fill('Lee Victim');
    await page.getByLabel('Address line 1').fill('9 Sample Street');
    await page.getByLabel('Town or city').fill('Ware');
    await page.getByLabel('Postcode').fill('SG12 0AA');
    await cont(page);
    // Without JavaScript every conditional field shows; the choice decides which one counts.
    await page.getByLabel('Text message', { exact: true }).check();
    await page.getByLabel(/Mobile phone number/).fill('07911 123555');
    await page.screenshot({ path: join(shots, '6-contact-no-js.png'), fullPage: true });
    await cont(page);
    await page
      .getByRole('group', { name: /more affected/ })
      .getByLabel('I prefer not to say')
      .check();
    await page
      .getByRole('group', { name: /anything differently/ })
      .getByLabel('No', { exact: true })
      .check();
    await page
      .getByRole('group', { name: /name kept/ })
      .getByLabel('Yes', { exact: true })
      .check();
    await cont(page);
    await incident(page, '2', '2', '2026', 'Hertfordshire Constabulary');
    await page
      .getByRole('group', { name: 'Do you need to add another incident?' })
      .getByLabel('No', { exact: true })
      .check();
    await cont(page);
    await page
      .getByLabel('Tell us what has been happening')
      .fill('Cars racing at night outside their house.');
    await cont(page);
    await page.getByRole('button', { name: 'Accept and send' }).click();
    await page.getByRole('heading', { name: 'Application sent' }).waitFor();
    await page.screenshot({ path: join(shots, '7-confirmation-no-js.png'), fullPage: true });
    await context.close();
    await local.runtime.deliveries.idle();
    const sms = notify.sent.find((n) => n.type === 'sms' && n.to === '07911123555');
    expect(sms?.body).toMatch(/received your application/);
    expect(notify.sent.some((n) => n.to === 'pat.support@example.org')).toBe(true);
  });

  it('the victim hears at each step and sends an impact statement through the link; the SPOC sees it all', async () => {
    await local.runtime.deliveries.idle();
    const ack = notify.sent.find((n) => n.to === 'kim.online@example.org')!;
    expect(ack.personalisation.subject).toMatch(/received your application/);
    expect(await notify.deliver(ack.id, 'delivered')).toBe(204);
    const reference = ack.personalisation.reference!;
    const caseId = (await local.runtime.stores.cases.findByReference(reference))!.caseId;

    const api = apiClient(local.base);
    const spocToken = await api.signIn('spoc-1');
    clock = '2026-03-09T10:00:00Z';
    const decided = await api.event(spocToken, caseId, 'threshold-decided', {
      decidedOn: '2026-03-09',
      outcome: 'met',
      route: 'count',
      advisedOutcome: 'met',
      reasons: [],
      decidedBy: 'spoc-1',
    });
    expect(decided.status).toBe(201);
    await local.runtime.deliveries.idle();
    const decision = notify.sent.find(
      (n) => n.to === 'kim.online@example.org' && /Decision/.test(n.personalisation.subject ?? ''),
    )!;

    const page = await newPage(browser, { baseURL: local.base });
    await page.goto(decision.personalisation.link!.replace(/^https?:\/\/[^/]+/, ''));
    await page.getByRole('heading', { level: 1, name: `Your ASB case review ${reference}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/voice');
    await accessible(page, 'victim voice');
    await reflows(page);
    await page.getByLabel('Yes, online').check();
    await page.getByRole('button', { name: 'Send your answer' }).click();
    await page.getByText('We have recorded your answer').waitFor();
    await page.getByRole('link', { name: 'Back to your case review' }).click();
    await page
      .getByLabel('Your statement')
      .fill('The noise has made my children anxious and we cannot sleep.');
    const pdf = join(tmpdir(), 'statement.pdf');
    writeFileSync(pdf, '%PDF-1.4\n% impact statement\n');
    await page.getByLabel(/Attach a document/).setInputFiles(pdf);
    await page.screenshot({ path: join(shots, '8-impact-statement.png'), fullPage: true });
    await page.getByRole('button', { name: 'Send your statement' }).click();
    await page.getByText('We have received your statement').waitFor();
    await page.context().close();

    // The SPOC's workspace: the online application leads the list; the case shows the victim's voice.
    clock = '2026-03-09T11:00:00Z';
    const tab = await newPage(browser, { baseURL: local.base });
    await tab.goto('/');
    await tab.getByRole('radio', { name: /Sam Patel/ }).check();
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await tab.getByRole('heading', { level: 1, name: /cases/i }).waitFor();
    const firstRow = tab.getByRole('row').nth(1);
    await firstRow.getByText('New online application').waitFor();
    await tab.screenshot({ path: join(shots, '9-spoc-list.png'), fullPage: true });
    await tab.getByRole('link', { name: reference }).click();
    await tab.getByRole('heading', { name: /victim’s own voice/ }).waitFor();
    await tab.getByText('Will attend online').waitFor();
    await tab.getByText('The noise has made my children anxious').waitFor();
    await tab.getByRole('button', { name: /Download .*impact statement\.pdf/ }).waitFor();
    await tab
      .getByRole('table', { name: /Messages sent/ })
      .getByText('delivered')
      .waitFor();
    await tab.getByText('Please phone after 5pm').waitFor();
    await tab.screenshot({ path: join(shots, '10-spoc-case.png'), fullPage: true });
    await tab.context().close();
  });
});
