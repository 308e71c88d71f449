import { join } from 'node:path';
import type { Browser, FrameLocator, Route } from 'playwright-core';
import { VICTIM_CONTACT, type ApiClient } from '../support/api-client';
import { type LocalServer } from '../support/local-server';
import { WCAG22AA, axeScan, newPage, openInFakeTeams } from './support/browser';
import { startMeetingTest } from './support/meeting-test';

jest.setTimeout(180_000);

const shots = join(__dirname, '../../test-results/meeting-first-view');
const MEETING_APP = /\/assets\/meeting-app-[\w-]+\.js$/;

/**
 * Issue 16: the side panel's first view is drawn as plain HTML the moment it arrives, before React, Fluent
 * UI and the views load. Here the meeting app's script is held back: a police member reads their panel
 * (their papers, nothing only officers see) without it, and axe finds nothing on it in any Teams theme;
 * once the script is let through, React takes over the same page without moving it, and the chair's
 * controls appear.
 */
describe('the side panel’s first view, before React', () => {
  let local: LocalServer;
  let close: () => Promise<void>;
  let browser: Browser;
  let api: ApiClient;
  let caseId: string;
  let reference: string;

  beforeAll(async () => {
    ({ local, browser, close, api, caseId, reference } = await startMeetingTest(shots));
  });
  afterAll(() => close?.());

  /** A member's side panel with the meeting app's script held back until `release`. */
  async function openHeld(personId: string, theme: 'default' | 'dark' | 'contrast' = 'default') {
    const page = await newPage(browser, { viewport: { width: 420, height: 1000 } });
    const held: Route[] = [];
    await page.route(MEETING_APP, (route) => void held.push(route));
    const tab = await openInFakeTeams(page, {
      baseUrl: local.base,
      tabPath: `/meeting?caseId=${caseId}`,
      token: await api.signIn(personId),
      frameContext: 'sidePanel',
      meetingId: 'MCMxOTptZWV0aW5nX2Zha2VAdGhyZWFkLnYy',
      theme,
    });
    await tab
      .getByRole('heading', { level: 1, name: `Case review: ${reference}` })
      .waitFor({ timeout: 15_000 });
    // The page asks for React only once the first view is drawn: it is asked for, and waiting.
    await until(() => held.length > 0);
    const release = async () => {
      await page.unroute(MEETING_APP);
      for (const route of held.splice(0)) await route.continue();
    };
    return { page, tab, release };
  }

  it('shows a police member their panel and papers without React, and nothing only officers see', async () => {
    const spoc = await api.call(await api.signIn('spoc-1'), 'GET', `/api/cases/${caseId}/meeting`);
    const officersOnly = (spoc.body.timeline as { what: string; by: string }[]).filter(
      (t) => t.what === 'partner-emailed', // an email to another agency's members (issue 15)
    );
    expect(officersOnly.length).toBeGreaterThan(0); // so the check below can fail

    const { page, tab, release } = await openHeld('herts-police-1');
    expect(await tab.locator('script[src*="meeting-app-"]').count()).toBe(0);
    await see(tab.getByText(/^Not quorate/)).toBeVisible();
    expect(await text(tab.getByRole('listitem').filter({ hasText: "The victim's part" }))).toBe(
      "The victim's part (now)",
    );
    expect(await text(tab.getByTestId('returns'))).toContain(
      'Hertfordshire Constabulary: returned 4 March 2026, 1 incident on record. Police intelligence that only the panel may read',
    );
    expect(await text(tab.getByTestId('attendee').filter({ hasText: 'Priya Shah' }))).toBe(
      'Priya Shah (Hertfordshire Constabulary) not here',
    );
    const body = (await tab.locator('body').textContent()) ?? '';
    expect(body).toContain('Latest on the case');
    expect(body).not.toContain('Email sent');
    for (const detail of Object.values(VICTIM_CONTACT)) expect(body).not.toContain(detail);
    expect(await tab.getByRole('button').count()).toBe(0); // read-only: nothing to press yet
    await page.screenshot({ path: join(shots, '1-police-plain.png'), fullPage: true });
    expect(await axeScan(page, { all: true, tags: WCAG22AA })).toEqual([]);

    // React takes over the same root: the same words, and from its first frame on every heading where it
    // was (each change to the page is measured before the browser paints it).
    const before = await layout(tab);
    await tab.locator('#root').evaluate((root) => {
      const w = window as unknown as { seen: string[][] };
      w.seen = [];
      const look = () =>
        w.seen.push(
          [...root.querySelectorAll('h1, h2')].map(
            (h) => `${h.textContent} ${Math.round(h.getBoundingClientRect().top)}`,
          ),
        );
      new MutationObserver(() => {
        look();
        requestAnimationFrame(look);
      }).observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
    });
    await release();
    await see(tab.locator('.fui-MessageBar')).toBeVisible();
    expect(await tab.locator('.fv').count()).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    const frames = await tab
      .locator('#root')
      .evaluate(() => (window as unknown as { seen: string[][] }).seen);
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) expect(frame).toEqual(before);
    const frame = page.frames().find((f) => f.url().includes('/meeting?'))!;
    const order = await frame.evaluate(() => {
      const drawn = performance.getEntriesByName('asb:meeting-first-view')[0]!.startTime;
      const asked = performance
        .getEntriesByType('resource')
        .find((e) => e.name.includes('/assets/meeting-app-'))!.startTime;
      return { drawn, asked };
    });
    expect(order.asked).toBeGreaterThan(order.drawn);
  });

  it('is readable in the Teams dark and high-contrast themes before React', async () => {
    for (const theme of ['dark', 'contrast'] as const) {
      const { page, tab } = await openHeld('herts-police-1', theme);
      const colours = await tab
        .locator('.fv')
        .evaluate((e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]);
      expect(colours).toEqual(
        theme === 'dark' ? ['rgb(41, 41, 41)', 'rgb(255, 255, 255)'] : ['rgb(0, 0, 0)', 'rgb(255, 255, 255)'],
      );
      await page.screenshot({ path: join(shots, `2-police-plain-${theme}.png`), fullPage: true });
      expect(await axeScan(page, { all: true, tags: WCAG22AA })).toEqual([]);
      await page.context().close();
    }
  });

  it('gives the chair their controls once React arrives', async () => {
    const { tab, release } = await openHeld('chair-1');
    const end = tab.getByRole('button', { name: 'End the meeting and record the review' });
    expect(await end.count()).toBe(0);
    expect(await text(tab.getByTestId('attendee').filter({ hasText: 'Alex Morgan' }))).toBe(
      'Alex Morgan (East Herts District Council) not here',
    );
    await release();
    await see(end).toBeVisible();
    await see(tab.getByRole('checkbox', { name: /Priya Shah/ })).toBeVisible();
    await see(tab.getByRole('button', { name: 'Share the agenda to the stage' })).toBeVisible();
    expect(await text(tab.getByRole('heading', { level: 1 }))).toBe(`Case review: ${reference}`);
  });
});

/** Where the headings are: the same before and after React takes over the page. */
function layout(tab: FrameLocator) {
  return tab
    .locator('h1, h2')
    .evaluateAll((hs) => hs.map((h) => `${h.textContent} ${Math.round(h.getBoundingClientRect().top)}`));
}

const text = async (locator: ReturnType<FrameLocator['locator']>) =>
  ((await locator.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

async function until(test: () => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

// playwright-core has no test runner: a small wait for locators, until visible or timing out.
function see(locator: ReturnType<FrameLocator['locator']>) {
  return {
    toBeVisible: async () => {
      await locator.first().waitFor({ state: 'visible', timeout: 15_000 });
    },
  };
}
