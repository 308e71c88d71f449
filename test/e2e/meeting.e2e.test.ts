import { join } from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { type ApiClient } from '../support/api-client';
import { type LocalServer } from '../support/local-server';
import { axeScan, newPage, openInFakeTeams } from './support/browser';
import { startMeetingTest } from './support/meeting-test';

jest.setTimeout(180_000);

const shots = join(__dirname, '../../test-results/meeting');
const MEETING = 'MCMxOTptZWV0aW5nX2Zha2VAdGhyZWFkLnYy';

/**
 * Issue 16: a three-member review in the panel's Teams meeting, each member's side panel in its own browser
 * page under a fake Teams host that gives the meeting's frame contexts: the chair records attendance (the
 * quorum changes on every page), the agenda, an action; the action plan goes to the stage (a guest sees
 * none of it); the chair ends the meeting and the minutes are ready on every page.
 */
describe('the review in the Teams meeting (three pages)', () => {
  let local: LocalServer;
  let close: () => Promise<void>;
  let browser: Browser;
  let api: ApiClient;
  let caseId: string;
  let reference: string;
  const pages: Record<string, { page: Page; tab: FrameLocator }> = {};

  beforeAll(async () => {
    ({ local, browser, close, api, caseId, reference } = await startMeetingTest(shots));
  });
  afterAll(() => close?.());

  async function open(personId: string, frameContext: 'sidePanel' | 'meetingStage' = 'sidePanel') {
    const page = await newPage(browser, { viewport: { width: 420, height: 1000 } });
    const tab = await openInFakeTeams(page, {
      baseUrl: local.base,
      tabPath: `/meeting?caseId=${caseId}`,
      token: await api.signIn(personId),
      frameContext,
      meetingId: MEETING,
    });
    return { page, tab };
  }

  it('opens each member’s side panel, in the meeting, with the case as they may see it', async () => {
    const started = Date.now();
    const [chair, police, housing] = await Promise.all([
      open('chair-1'),
      open('herts-police-1'),
      open('social-housing-1'),
    ]);
    Object.assign(pages, { chair, police, housing });
    for (const { tab } of [chair, police, housing]) {
      await see(tab.getByRole('heading', { level: 1, name: `Case review: ${reference}` })).toBeVisible();
      await see(tab.getByText(/Not quorate/)).toBeVisible();
    }
    expect(Date.now() - started).toBeLessThan(15_000);
    // The agenda opens with the victim's part (the victim attends); East Herts lets the panel see every return.
    await see(police.tab.getByRole('listitem').filter({ hasText: "The victim's part (now)" })).toBeVisible();
    await see(housing.tab.getByTestId('returns')).toContainText(
      'Police intelligence that only the panel may read',
    );
    // Only the chair records.
    expect(
      await police.tab.getByRole('button', { name: 'End the meeting and record the review' }).count(),
    ).toBe(0);
    const seen = await chair.page.evaluate(() =>
      (window as unknown as { seen: { func: string }[] }).seen.map((m) => m.func),
    );
    expect(seen).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']));
    await chair.page.screenshot({ path: join(shots, '1-chair-side-panel.png'), fullPage: true });
    const findings = await axeScan(police.page);
    expect(findings).toEqual([]);
  });

  it('shows each attendance the chair records on every page, and the quorum as people join', async () => {
    const { chair, police, housing } = pages as Required<typeof pages>;
    const started = Date.now();
    await chair!.tab.getByRole('checkbox', { name: /Priya Shah/ }).click();
    for (const { tab } of [police!, housing!])
      await see(tab.getByTestId('attendee').filter({ hasText: 'Priya Shah' })).toContainText('here');
    expect(Date.now() - started).toBeLessThan(3000);
    await chair!.tab.getByRole('checkbox', { name: /Alex Morgan/ }).click();
    await see(housing!.tab.getByTestId('attendee').filter({ hasText: 'Alex Morgan' })).toContainText('here');
    await chair!.tab.getByRole('checkbox', { name: /Housing officer/ }).click();
    for (const { tab } of [chair!, police!, housing!]) await see(tab.getByText(/^Quorate/)).toBeVisible();
  });

  it('moves through the agenda, records an action, and shares the action plan to the stage', async () => {
    const { chair, police, housing } = pages as Required<typeof pages>;
    const shareButton = chair!.tab.getByRole('button', { name: 'Share the action plan to the stage' });
    expect(await shareButton.isDisabled()).toBe(true); // the victim's part: only the agenda
    await chair!.tab
      .getByRole('listitem')
      .filter({ hasText: "The agencies' part" })
      .getByRole('button')
      .click();
    await see(
      police!.tab
        .getByRole('listitem')
        .filter({ hasText: "The agencies' part: returns and discussion (now)" }),
    ).toBeVisible();
    await chair!.tab.getByLabel('Action agreed').fill('Joint patrols on Example Road');
    await chair!.tab.getByLabel('Owner agency').selectOption('herts-police');
    await chair!.tab.getByLabel('Lead person (optional)').fill('Priya Shah');
    await chair!.tab.getByLabel('Due on').fill('2026-05-15');
    await chair!.tab.getByRole('button', { name: 'Add the action' }).click();
    for (const { tab } of [police!, housing!])
      await see(tab.getByTestId('actions')).toContainText('Joint patrols on Example Road');
    await chair!.tab.getByLabel('Recommendation agreed').fill('Mediation offered to both households');
    await chair!.tab.getByRole('button', { name: 'Add the recommendation' }).click();
    await see(housing!.tab.getByTestId('recommendations')).toContainText('Mediation');

    // The chair's panel with its forms and lists, checked with axe.
    expect(await axeScan(chair!.page)).toEqual([]);
    // A member's stage, open before the share: the agenda, then the action plan the moment it is shared.
    const stage = await open('herts-police-1', 'meetingStage');
    await see(stage.tab.getByTestId('stage')).toContainText(
      "The agencies' part: returns and discussion (now)",
    );
    await shareButton.click();
    await see(police!.tab.getByText('On the stage now: the action plan.')).toBeVisible();
    const shared = await chair!.page.evaluate(() =>
      (window as unknown as { seen: { func: string; args: unknown[] }[] }).seen.filter(
        (m) => m.func === 'meeting.shareAppContentToStage',
      ),
    );
    expect(JSON.stringify(shared[0]?.args)).toContain(`/meeting?caseId=${caseId}`);

    await see(stage.tab.getByTestId('stage')).toContainText('Joint patrols on Example Road');
    // The stage changed under everyone's eyes: nobody's focus moved for it (its live region says so).
    expect(await stage.tab.locator('h1').evaluate((h) => h === document.activeElement)).toBe(false);
    await stage.page.screenshot({ path: join(shots, '2-stage-action-plan.png'), fullPage: true });
    expect(await axeScan(stage.page)).toEqual([]);
    // A guest in the meeting (here an agency not on this case) sees the stage without the case.
    const guestStage = await open('icb-1', 'meetingStage');
    await see(guestStage.tab.getByTestId('stage')).toContainText(
      'The action plan is shown to the panel members.',
    );
    expect(await guestStage.tab.locator('body').textContent()).not.toContain('Joint patrols');
    const guestPanel = await open('icb-1');
    await see(guestPanel.tab.getByRole('alert')).toContainText('for the panel members only');
  });

  it('ends the meeting: the review is recorded and the minutes are ready on every page', async () => {
    const { chair, police, housing } = pages as Required<typeof pages>;
    await chair!.tab.getByRole('button', { name: 'End the meeting and record the review' }).click();
    for (const { tab } of [chair!, police!, housing!])
      await see(tab.getByRole('button', { name: 'Download the minutes' })).toBeVisible();
    await police!.page.screenshot({ path: join(shots, '3-minutes-ready.png'), fullPage: true });
    const spoc = await api.signIn('spoc-1');
    const detail = await api.call(spoc, 'GET', `/api/cases/${caseId}`);
    expect(detail.body.state.status).toBe('review-held');
    expect(detail.body.files.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining([
        `${reference} review minutes.docx`,
        `${reference} outcome letter (draft).docx`,
      ]),
    );
  });
});

// playwright-core has no test runner: small waits for locators, until visible or timing out.
function see(locator: Locator) {
  return {
    toBeVisible: async () => {
      await locator.first().waitFor({ state: 'visible', timeout: 15_000 });
    },
    toContainText: async (text: string) => {
      await locator.first().waitFor({ state: 'visible', timeout: 15_000 });
      const deadline = Date.now() + 15_000;
      while (!((await locator.first().textContent()) ?? '').includes(text) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(await locator.first().textContent()).toContain(text);
    },
  };
}
