/**
 * Issue 15, point 4, in a browser: the action card as Microsoft's `adaptivecards` renderer draws it in
 * headless Chromium, walked as the police member would in Teams: the overdue reminder in their chat,
 * "Update the action" (refreshAction), the form filled in and "Save" (saveAction). Each press hands the
 * action's data, with the inputs the renderer merged in, to the real bot (SQLite store, the rules, the
 * verbs as the Teams adapter routes them), and the card it answers is drawn in place. Screenshots in
 * test-results/action-card-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as AdaptiveCards from 'adaptivecards';
import type { Browser, Page } from 'playwright-core';
import type { CardActionResult } from '../../bot/app/return-cards';
import type { CardJson } from '../../bot/ports/messenger';
import { createBotWorld, openCase, reviewWithActions, type BotWorld } from '../bot/support/bot-world';
import { launchBrowser } from './support/browser';

jest.setTimeout(60_000);

const root = join(__dirname, '../..');
const shots = join(root, 'test-results');
const renderer = require.resolve('adaptivecards/dist/adaptivecards.min.js');

interface Pressed {
  verb: string;
  data: Record<string, unknown>;
}

/** Draws a card as a Teams client would (the renderer's defaults, a chat-width column). */
async function draw(page: Page, card: CardJson): Promise<void> {
  await page.evaluate((json) => {
    const AC = (window as unknown as { AdaptiveCards: typeof AdaptiveCards }).AdaptiveCards;
    const host = document.getElementById('card')!;
    const adaptive = new AC.AdaptiveCard();
    adaptive.onExecuteAction = (action) => {
      const execute = action as unknown as { verb?: string; data?: Record<string, unknown> };
      (window as unknown as { pressed?: Pressed }).pressed = {
        verb: execute.verb ?? '',
        data: execute.data ?? {},
      };
    };
    adaptive.parse(json);
    host.replaceChildren(adaptive.render()!);
  }, card as object);
}

/** Presses a button of the card and hands what it sends to the bot, as Teams' invoke would. */
async function press(page: Page, title: string, act: (p: Pressed) => Promise<CardActionResult>) {
  await page.evaluate(() => delete (window as unknown as { pressed?: Pressed }).pressed);
  await page.getByRole('button', { name: title }).click();
  const pressed = await page.evaluate(() => (window as unknown as { pressed?: Pressed }).pressed);
  if (!pressed) throw new Error(`"${title}" sent nothing`);
  return { pressed, answer: await act(pressed) };
}

function cardOf(answer: CardActionResult): CardJson {
  if (!('card' in answer)) throw new Error(`no card: ${answer.message}`);
  return answer.card;
}

describe('the action card in the adaptivecards renderer', () => {
  let browser: Browser;
  let world: BotWorld;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
  });
  beforeEach(async () => {
    world = createBotWorld({ start: '2026-03-02' });
    page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await page.setContent(
      '<!doctype html><html><body style="font-family: sans-serif; margin: 16px"><div id="card" style="max-width: 380px; border: 1px solid #ccc"></div></body></html>',
    );
    await page.addScriptTag({ path: renderer });
  });
  afterEach(async () => {
    await page?.close();
    await world.close();
  });

  it('takes the police from the overdue reminder to the saved update, as the timeline records it', async () => {
    const { caseId } = await openCase(world);
    await reviewWithActions(world, caseId);
    world.at('2026-03-17');
    await world.reminders.sweep('2026-03-17');
    const police = world.person('police-1');
    const reminder = world.messenger
      .to(police.aadObjectId!)
      .map((s) => s.message.card!)
      .find((c) => JSON.stringify(c).includes('Patrols on Example Road'))!;

    await draw(page, reminder);
    expect(await page.locator('#card').innerText()).toContain('Overdue');
    await page.locator('#card').screenshot({ path: join(shots, 'action-card-reminder.png') });

    const act = (p: Pressed) => world.cardAction(p.verb, p.data, police, `invoke-${p.verb}`);
    const opened = await press(page, 'Update the action', act);
    expect(opened.pressed).toEqual({
      verb: 'refreshAction',
      data: { caseId, actionId: 'act-police' },
    });
    await draw(page, cardOf(opened.answer));
    const form = page.locator('#card');
    expect(await form.innerText()).toContain('Patrols on Example Road');
    await form.locator('select').selectOption({ label: 'In progress' });
    await form.locator('textarea').fill('Two evening patrols done; more booked.');
    await form.locator('input[type="date"]').fill('2026-03-31');
    await form.screenshot({ path: join(shots, 'action-card-form.png') });

    const saved = await press(page, 'Save', act);
    expect(saved.pressed.verb).toBe('saveAction');
    expect(saved.pressed.data).toMatchObject({
      caseId,
      actionId: 'act-police',
      status: 'in-progress',
      note: 'Two evening patrols done; more booked.',
      dueOn: '2026-03-31',
      submissionId: expect.any(String),
    });
    await draw(page, cardOf(saved.answer));
    const after = await page.locator('#card').innerText();
    expect(after).toContain('In progress');
    expect(after).toContain('Updated by Priya Shah (Police), 17 March 2026');
    expect(after).toContain('Latest note: Two evening patrols done; more booked.');
    await page.locator('#card').screenshot({ path: join(shots, 'action-card-saved.png') });

    // What the tab reads: the action plan's new state and the timeline entry under the person who saved.
    const detail = await world.service.getCase(caseId, world.spoc);
    expect(detail.state.actions.find((a) => a.id === 'act-police')).toMatchObject({
      status: 'in-progress',
      dueOn: '2026-03-31',
    });
    const entry = detail.state.timeline.filter((t) => t.type === 'action-updated');
    expect(entry.map((t) => detail.people[t.actor])).toEqual(['Priya Shah (Police)']);
  });
});
