import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import type { Browser, Locator, Page } from 'playwright-core';
import { type LocalServer } from '../support/local-server';
import { sampleApplication } from '../support/case-builder';
import { axeScan, newPage } from './support/browser';
import { startBrowserTest } from './support/browser-test';

jest.setTimeout(150_000);

const shots = join(__dirname, '../../test-results/case-journey');
const WAIT = 20_000;

/**
 * One case from "threshold met" to "closed", in headless Chromium against the real local server (SQLite in
 * a temp folder, .ics calendar files), signed in as the SPOC. The case is opened through the API; every
 * step after that is done in the tab: the threshold decision, letters CT1 and CT4, returns, the victim's
 * choice, a quorate panel booked from proposed times (its .ics kept with the case), the panel papers, the
 * review with a recommendation and an action, the outcome letter with what the victim is told, the
 * minutes, the action completed, and the case closed. The server's clock moves on between steps, as dates
 * may not be after the day they are recorded.
 */
describe('a case from threshold met to closed, in the tab', () => {
  let local: LocalServer;
  let close: () => Promise<void>;
  let base: string;
  let browser: Browser;
  let page: Page;
  let caseId: string;
  // Monday 9 March 2026, 10:00 in London (GMT).
  let now = new Date('2026-03-09T10:00:00Z');
  const started = Date.now();

  beforeAll(async () => {
    ({ local, browser, close } = await startBrowserTest(shots, () => now));
    base = local.base;
    page = await newPage(browser);
  });

  afterAll(async () => {
    await close?.();
    console.log(`case journey: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  /** A whole page, or (with a dialog open) what the SPOC sees. */
  const shot = (name: string, fullPage = true) =>
    page.screenshot({ path: join(shots, `${name}.png`), fullPage });

  async function expectAccessible(view: string) {
    const findings = await axeScan(page);
    expect({ view, findings }).toEqual({ view, findings: [] });
  }

  async function api(method: string, path: string, token: string, body?: unknown) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, body: (await res.json()) as any };
  }

  /** The case view's own news line, after a step: the case has been reloaded when it no longer says so. */
  async function settled(text: RegExp) {
    const status = page.getByRole('status').filter({ hasText: text }).first();
    await status.waitFor({ timeout: WAIT });
    await page
      .getByText(/Updating the case\.\.\./)
      .first()
      .waitFor({ state: 'detached', timeout: WAIT })
      .catch(() => undefined);
  }

  /** Opens a next-step dialog by its button, lets `fill` complete it, and submits it. */
  async function record(
    button: string | RegExp,
    fill: (dialog: Locator) => Promise<void>,
    submit = 'Record',
  ) {
    await page.getByRole('button', { name: button }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ timeout: WAIT });
    await fill(dialog);
    await dialog.getByRole('button', { name: submit, exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT });
  }

  /** The server's clock moves on; the tab learns the new day when it is reloaded. */
  async function advanceTo(instant: string) {
    now = new Date(instant);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /CT-2026-0001/ }).waitFor({ timeout: WAIT });
  }

  const timelineRow = (label: string) =>
    page.getByRole('table', { name: 'Timeline, newest first' }).getByRole('row').filter({ hasText: label });
  const filesTable = () => page.getByRole('table', { name: 'Documents' });

  it('opens a case whose threshold is met (through the API) and shows it to the signed-in SPOC', async () => {
    const signIn = await fetch(`${base}/api/local/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ personId: 'spoc-1' }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const created = await api('POST', '/api/cases', token, {
      requestId: randomUUID(),
      receivedVia: 'email',
      agencies: ['ehc', 'herts-police', 'social-housing'],
      parties: { victim: { name: 'A. Victim', email: 'victim@example.org' } },
      title: 'Noise, Example Road',
      application: sampleApplication('2026-03-09', ['2026-01-05', '2026-01-20', '2026-02-10']),
    });
    expect(created.status).toBe(201);
    caseId = created.body.caseId;

    await page.goto(base);
    await page.getByRole('radio', { name: /Sam Patel/ }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /cases/i }).waitFor({ timeout: WAIT });
    await page.goto(`${base}/#/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: /CT-2026-0001/ }).waitFor({ timeout: WAIT });
    await page.getByRole('heading', { level: 2, name: 'Letters' }).waitFor();
    await page.getByRole('button', { name: 'Issue: CT1 acknowledgement' }).waitFor({ timeout: WAIT });
    await expectAccessible('case: received');
  });

  it('issues CT1 in one click: the acknowledgement clock shows met', async () => {
    await page.getByRole('button', { name: 'Issue: CT1 acknowledgement' }).click();
    await settled(/Issued: CT1 acknowledgement/);
    const met = page.getByRole('table', { name: 'Deadlines met' });
    await met.getByRole('row').filter({ hasText: 'Acknowledge the application' }).waitFor({ timeout: WAIT });
    expect(
      await met.getByRole('row').filter({ hasText: 'Acknowledge the application' }).textContent(),
    ).toContain('On time');
    await filesTable().getByRole('button', { name: 'CT-2026-0001 CT1 acknowledgement.docx' }).waitFor();
  });

  it('confirms the threshold decision and issues CT4: the applicant is told by the letter, not by a default date', async () => {
    await record('Decide threshold', async (dialog) => {
      await dialog.getByRole('radio', { name: /Met \(the advice\)/ }).waitFor();
      expect(await dialog.getByRole('radio', { name: /Met \(the advice\)/ }).isChecked()).toBe(true);
      // Issue 13: "told on" is never today by default; East Herts has no hate or community route to offer.
      expect(await dialog.getByLabel('Applicant already told on').inputValue()).toBe('');
      const routes = await dialog.getByLabel('How it is met').locator('option').allTextContents();
      expect(routes.filter((r) => /Hate|Community/.test(r))).toEqual([]);
      await shot('1a-decision-dialog', false);
    });
    await settled(/Recorded: Threshold decided/);
    await page.getByText(/Decision in force: Met/).waitFor({ timeout: WAIT });
    await page.getByText(/applicant not told yet/).waitFor();
    // The decision clock is still running until CT4 goes.
    const running = page.getByRole('table', { name: 'Running deadlines' });
    await running
      .getByRole('row')
      .filter({ hasText: 'Decide the threshold and tell the applicant' })
      .waitFor();

    // The preview first: the server's letter, rebuilt from an allowlist of elements (never innerHTML).
    await page.getByRole('button', { name: 'Preview CT4 threshold met' }).click();
    const preview = page.getByRole('dialog');
    const letter = preview.getByRole('region', { name: 'Preview of the CT4 threshold met' });
    await letter.getByText('Dear A. Victim,').waitFor({ timeout: WAIT });
    await letter
      .getByRole('heading', { name: /threshold/i })
      .first()
      .waitFor();
    await shot('1-ct4-preview', false);
    await expectAccessible('letter preview dialog');
    await preview.getByRole('button', { name: 'Close' }).click();
    await preview.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Issue: CT4 threshold met' }).click();
    await settled(/Issued: CT4 threshold met/);
    await page
      .getByRole('table', { name: 'Deadlines met' })
      .getByRole('row')
      .filter({ hasText: 'Decide the threshold and tell the applicant' })
      .waitFor({ timeout: WAIT });
    await filesTable()
      .getByRole('button', { name: 'CT-2026-0001 CT4 threshold met.docx' })
      .waitFor({ timeout: WAIT });
  });

  it('asks the agencies for returns and records the victim’s choice', async () => {
    await record('Request returns', async (dialog) => {
      for (const agency of ['East Herts District Council', 'Hertfordshire Constabulary'])
        expect(await dialog.getByRole('checkbox', { name: agency }).isChecked()).toBe(true);
    });
    await settled(/Recorded: Agency returns requested/);
    await record('Record victim contact', async (dialog) => {
      await dialog.getByRole('radio', { name: 'Attend the panel online' }).check();
    });
    await settled(/Recorded: Victim contacted/);
  });

  it('proposes a quorate panel with an independent chair and books it (the .ics is kept with the case)', async () => {
    await page.getByRole('button', { name: 'Book the panel' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // One member per agency on the case is proposed; the quorum follows as names and agencies change.
    // East Herts s.12: the minimum is three of its own list (the PCC is a relevant body but does not count).
    await dialog.getByText(/3 of at least 3 of the bodies that make up the panel/).waitFor();
    const names = ['Priya Shah', 'PC Dan Evans', 'Lee Morgan'];
    for (const [i, name] of names.entries()) await dialog.getByLabel(`Member ${i + 1}: name`).fill(name);
    await dialog.getByLabel('Member 2: email (optional)').fill('dan.evans@police.example');
    await dialog.getByLabel('Member 3: agency').selectOption('herts-pcc');
    await dialog.getByText(/Not quorate/).waitFor();
    await dialog
      .getByRole('button', { name: 'Add someone from Registered provider of social housing' })
      .waitFor();
    await dialog.getByLabel('Member 3: agency').selectOption('social-housing');
    await dialog.getByText('Quorate', { exact: true }).waitFor();
    // Issue 15: someone picked from the directory; the server has their email for the invitation.
    await dialog.getByRole('button', { name: 'Add a person' }).click();
    await dialog.getByLabel('Member 4: pick from the directory').selectOption('icb-1');
    expect(await dialog.getByLabel('Member 4: name').inputValue()).toMatch(/ICB/);
    expect(await dialog.getByLabel('Member 4: agency').inputValue()).toBe('icb');
    expect(await dialog.getByLabel('Member 4: email (optional)').count()).toBe(0);
    await dialog.getByLabel('Member 4: pick from the directory').scrollIntoViewIfNeeded();
    await shot('2a-panel-member-from-directory', false);

    await dialog.getByLabel("Chair's name").fill('Jordan Lee');
    await dialog.getByLabel("Chair's organisation").fill('East Herts District Council');
    // An "independent" chair from an agency in the policy: the policy's warning shows at once.
    await dialog.getByText(/marked independent but comes from East Herts District Council/).waitFor();
    await dialog.getByLabel("Chair's organisation").fill('North Herts Council');
    await dialog.getByText(/marked independent/).waitFor({ state: 'detached' });
    expect(await dialog.getByRole('radio', { name: 'Attend the panel online' }).isChecked()).toBe(true);

    // No time yet: the error shows beside the field, and nothing is booked.
    await dialog.getByRole('button', { name: 'Book', exact: true }).click();
    await dialog.getByText('Choose a proposed time, or enter the date and start time.').first().waitFor();
    await dialog.getByLabel('Date').fill('2026-03-10');
    await dialog.getByLabel('Starts').fill('14:00');
    await dialog.getByLabel('Ends').fill('15:30');
    await dialog.getByLabel('Where (optional)').fill('Wallfields, Hertford, meeting room 2');
    // Issue 15: the errors go as soon as the time is entered, before the next press of Book.
    await dialog
      .getByText('Choose a proposed time, or enter the date and start time.')
      .first()
      .waitFor({ state: 'detached' });
    expect(await dialog.getByText('Enter the end time.').count()).toBe(0);
    await shot('2-panel-booking', false);
    await dialog.getByRole('button', { name: 'Book', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT });
    await settled(/Panel booked: Tue 10 Mar 2026, 14:00 to 15:30/);

    const section = page.getByRole('region', { name: 'Panel meeting' });
    await section.getByText(/Booked: Tue 10 Mar 2026, 14:00 to 15:30/).waitFor();
    for (const name of names) await section.getByRole('cell', { name }).waitFor();
    // Local mode: no Teams link; whoever had no email address is named, to be told another way.
    await section.getByText(/Not sent an invitation \(no email address\): Priya Shah, Lee Morgan/).waitFor();
    await filesTable()
      .getByRole('button', { name: 'CT-2026-0001 panel meeting.ics' })
      .waitFor({ timeout: WAIT });
  });

  it('reschedules it, cancels it with a reason, and books it again from the proposed times', async () => {
    const section = page.getByRole('region', { name: 'Panel meeting' });
    await record(
      'Reschedule',
      async (dialog) => {
        expect(await dialog.getByLabel('Member 1: name').inputValue()).toBe('Priya Shah');
        await dialog.getByLabel('Starts').fill('15:00');
        await dialog.getByLabel('Ends').fill('16:30');
      },
      'Save the new time',
    );
    await settled(/Panel moved: Tue 10 Mar 2026, 15:00 to 16:30/);
    await filesTable()
      .getByRole('button', { name: 'CT-2026-0001 panel meeting (update 1).ics' })
      .waitFor({ timeout: WAIT });

    await page.getByRole('button', { name: 'Cancel the panel' }).click();
    const cancel = page.getByRole('dialog');
    await cancel.getByRole('button', { name: 'Cancel the meeting' }).click();
    await cancel
      .getByText(/Give the reason/)
      .first()
      .waitFor();
    await cancel.getByLabel('Reason').fill('The chair is unwell.');
    await cancel.getByRole('button', { name: 'Cancel the meeting' }).click();
    await cancel.waitFor({ state: 'detached', timeout: WAIT });
    await settled(/Panel cancelled/);
    await section.getByText(/Cancelled: Tue 10 Mar 2026, 15:00 to 16:30/).waitFor();
    await filesTable()
      .getByRole('button', { name: 'CT-2026-0001 panel meeting (cancelled).ics' })
      .waitFor({ timeout: WAIT });

    await page.getByRole('button', { name: 'Book the panel' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // The same people and chair as the cancelled meeting; a new time.
    expect(await dialog.getByLabel('Member 3: name').inputValue()).toBe('Lee Morgan');
    expect(await dialog.getByLabel("Chair's organisation").inputValue()).toBe('North Herts Council');
    await dialog.getByLabel('Look from').fill('2026-03-11');
    await dialog.getByRole('button', { name: 'Find times' }).click();
    const slot = dialog.getByRole('radio', { name: 'Wed 11 Mar 2026, 09:00 to 10:30' });
    await slot.waitFor({ timeout: WAIT });
    await slot.check();
    expect(await dialog.getByLabel('Starts').inputValue()).toBe('09:00');
    expect(await dialog.getByLabel('Ends').inputValue()).toBe('10:30');
    await shot('3-proposed-times', false);
    await expectAccessible('booking dialog with proposed times');
    await dialog.getByRole('button', { name: 'Book', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT });
    await settled(/Panel booked: Wed 11 Mar 2026, 09:00 to 10:30/);
    await section.getByText(/Booked: Wed 11 Mar 2026, 09:00 to 10:30/).waitFor();

    // The calendar file of the booking that stands, downloaded with the token.
    const [ics] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: 'Download calendar file (.ics)' }).click(),
    ]);
    expect(ics.suggestedFilename()).toBe('CT-2026-0001 panel meeting.ics');
    const calendar = readFileSync(await ics.path(), 'utf8');
    expect(calendar).toMatch(/DTSTART:20260311T090000Z/);
    expect(calendar).toContain('METHOD:REQUEST');
  });

  it('makes the panel papers', async () => {
    await page.getByRole('button', { name: 'Make the panel papers' }).click();
    await settled(/Panel papers made: CT-2026-0001 panel papers\.docx/);
    await filesTable()
      .getByRole('button', { name: 'CT-2026-0001 panel papers.docx' })
      .waitFor({ timeout: WAIT });
    await page.getByRole('button', { name: 'Download the panel papers' }).waitFor();
    await shot('4-panel-booked');
    await expectAccessible('case: panel booked');
  });

  it('records the review with a recommendation and an action, then issues the outcome letter', async () => {
    await advanceTo('2026-03-12T10:00:00Z');
    await record('Record review held', async (dialog) => {
      expect(await dialog.getByLabel('Person 1: name').inputValue()).toBe('Priya Shah');
      await dialog.getByRole('button', { name: 'Add a recommendation' }).click();
      await dialog
        .getByRole('textbox', { name: 'Recommendation 1' })
        .fill('Fit a video doorbell at the victim’s home.');
      await dialog.getByRole('button', { name: 'Add an action' }).click();
      await dialog
        .getByRole('textbox', { name: 'Action 1' })
        .fill('Patrols on Example Road on Friday and Saturday evenings.');
      await dialog.getByLabel('Owner').selectOption('herts-police');
      await dialog.getByLabel('Due').fill('2026-04-30');
    });
    await settled(/Recorded: Case review held/);

    await page.getByRole('button', { name: 'Issue: Outcome letter' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const letter = dialog.getByRole('region', { name: 'Preview of the outcome letter' });
    await letter.getByText('Dear A. Victim,').waitFor({ timeout: WAIT });
    // Nothing is shared with the victim unless the SPOC ticks it.
    expect(await letter.getByText(/video doorbell/).count()).toBe(0);
    await dialog.getByRole('checkbox', { name: /Recommendation 1: Fit a video doorbell/ }).check();
    await dialog.getByRole('checkbox', { name: /Action 1: Patrols on Example Road/ }).check();
    await letter
      .getByText(/video doorbell/)
      .first()
      .waitFor({ timeout: WAIT });
    await letter
      .getByText(/Patrols on Example Road/)
      .first()
      .waitFor({ timeout: WAIT });
    // The safety net: a name on the list that appears in the letter stops it being issued.
    await dialog.getByLabel('Names that must not appear (optional)').fill('Example Road');
    await dialog.getByText('The letter names someone on your list').waitFor({ timeout: WAIT });
    expect(await dialog.getByRole('button', { name: 'Issue the letter' }).getAttribute('aria-disabled')).toBe(
      'true',
    );
    await dialog.getByLabel('Names that must not appear (optional)').fill('');
    await dialog
      .getByText('The letter names someone on your list')
      .waitFor({ state: 'detached', timeout: WAIT });
    // 2025 guidance: the victim is consulted on the action plan before it is final.
    await dialog.getByLabel('The victim was consulted on the action plan on').fill('2026-03-12');
    await shot('5-outcome-letter', false);
    await expectAccessible('outcome letter dialog with its preview');
    await dialog.getByRole('button', { name: 'Issue the letter' }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT });
    await settled(/Issued: Outcome letter/);
    await page.getByText(/Outcome sent 12 March 2026/).waitFor({ timeout: WAIT });
    const outcomeMet = page
      .getByRole('table', { name: 'Deadlines met' })
      .getByRole('row')
      .filter({ hasText: 'Tell the victim the outcome' });
    await outcomeMet.waitFor({ timeout: WAIT });

    await record('Minutes circulated', async () => undefined);
    await settled(/Recorded: Minutes and action plan circulated/);
  });

  it('completes the action and closes the case with "actions complete"', async () => {
    await advanceTo('2026-03-16T10:00:00Z');
    await record(/Update action: Patrols on Example Road/, async (dialog) => {
      await dialog.getByLabel('Status').selectOption('complete');
    });
    await settled(/Recorded: Action updated/);
    await page.getByRole('table', { name: 'Action plan' }).getByText('Complete').waitFor({ timeout: WAIT });

    await record(
      'Close case',
      async (dialog) => {
        await dialog.getByRole('radio', { name: 'The actions are complete' }).check();
        // East Herts s.13 sets no time limit on an appeal: the right is shown and kept open by default.
        await dialog.getByText("The applicant's rights still open").waitFor();
        await dialog.getByText(/Appeal the outcome \(no time limit\)/).waitFor();
        expect(
          await dialog.getByRole('checkbox', { name: /Close keeping these rights open/ }).isChecked(),
        ).toBe(true);
        // The 2025 guidance: the victim is told when and why it closes; without a date or a reason it is refused.
        await dialog.getByRole('button', { name: 'Close the case', exact: true }).click();
        await dialog
          .getByText(/told when and why the case closes/)
          .first()
          .waitFor();
        await dialog.getByLabel('Victim told when and why on').fill('2026-03-16');
        await shot('6a-close-dialog', false);
        await expectAccessible('close dialog');
      },
      'Close the case',
    );
    await settled(/Recorded: Case closed/);
  });

  it('shows the case closed, its letters in the files and every step in the timeline', async () => {
    await page.getByText('Closed', { exact: true }).first().waitFor({ timeout: WAIT });
    await page.getByText(/16 March 2026 \(the actions are complete\)/).waitFor();
    for (const name of [
      'CT-2026-0001 CT1 acknowledgement.docx',
      'CT-2026-0001 CT4 threshold met.docx',
      'CT-2026-0001 outcome letter.docx',
      'CT-2026-0001 panel meeting.ics',
      'CT-2026-0001 panel papers.docx',
    ])
      await filesTable().getByRole('button', { name, exact: true }).first().waitFor();
    expect(
      await filesTable()
        .getByText(/booking record/)
        .count(),
    ).toBe(0);

    for (const step of [
      'Application received',
      'Application acknowledged',
      'Threshold decided',
      'Agency returns requested',
      'Victim contacted',
      'Panel cancelled',
      'Case review held',
      'Outcome sent to the victim',
      'Minutes and action plan circulated',
      'Action updated',
      'Case closed',
    ])
      expect({ step, rows: await timelineRow(step).count() }).toEqual({ step, rows: 1 });
    expect(await timelineRow('Letter issued').count()).toBe(3);
    // Booked, moved, booked again.
    expect(await timelineRow('Panel booked').count()).toBe(3);

    // An issued letter downloads from the files list, with the token, as the Word document the victim gets.
    const [letter] = await Promise.all([
      page.waitForEvent('download'),
      filesTable().getByRole('button', { name: 'CT-2026-0001 outcome letter.docx' }).click(),
    ]);
    expect(letter.suggestedFilename()).toBe('CT-2026-0001 outcome letter.docx');
    const text = (await mammoth.extractRawText({ path: await letter.path() })).value;
    expect(text).toContain('Fit a video doorbell');
    expect(text).toContain('CT-2026-0001');

    await shot('6-closed');
    await expectAccessible('case: closed');
  });
});
