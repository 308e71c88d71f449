/**
 * Card actions routed by verb, as microsoft/teams.ts routes `adaptiveCard/action` invokes (`card.action.<verb>`,
 * packages/apps/src/routes/invoke): a table from each verb to its handler, with the data the card sends
 * back parsed by that verb's schema before the handler runs. A verb the table does not hold, or data its
 * schema refuses, is answered with a line saying the card is not ours; no handler sees it.
 */
import type { z } from 'zod';
import type { Person } from '../../api/contract';
import type { ActionCards } from '../../app/action-cards';
import type { CardActionResult, ReturnCards } from '../../app/return-cards';
import { ACTION_VERBS, actionCardData } from '../../cards/action-card';
import { RETURN_VERBS, returnCardData } from '../../cards/return-card';

export interface CardActionRoute<T> {
  data: z.ZodType<T>;
  /**
   * `invokeKey` names the invoke (activity and user): the same invoke delivered twice has the same key.
   * Worked out only when a handler asks (a hash per card press otherwise wasted).
   */
  handle(data: T, by: Person, invokeKey: () => string): Promise<CardActionResult>;
}

export type CardActionRoutes = Readonly<Record<string, CardActionRoute<never>>>;

/** A route, typed by its schema. */
export function route<T>(
  data: z.ZodType<T>,
  handle: (data: T, by: Person, invokeKey: () => string) => Promise<CardActionResult>,
): CardActionRoute<never> {
  return { data, handle } as unknown as CardActionRoute<never>;
}

export const NOT_OUR_CARD = 'This card is not one the ASB Case Review bot understands.';

/** The return card's verbs (bot/cards/return-card.ts) and the use case each one runs. */
export function returnCardRoutes(cards: Pick<ReturnCards, 'view' | 'edit' | 'submit'>): CardActionRoutes {
  return {
    [RETURN_VERBS.refresh]: route(returnCardData.refreshReturn, (d, by) => cards.view(d, by)),
    [RETURN_VERBS.edit]: route(returnCardData.editReturn, (d, by) => cards.edit(d, by)),
    [RETURN_VERBS.submit]: route(returnCardData.submitReturn, (d, by, key) =>
      cards.submit(d, by, d.submissionId ? '' : key()),
    ),
  };
}

/** Issue 15: the action card's verbs (bot/cards/action-card.ts) and the use case each one runs. */
export function actionCardRoutes(cards: Pick<ActionCards, 'view' | 'edit' | 'save'>): CardActionRoutes {
  return {
    [ACTION_VERBS.refresh]: route(actionCardData.refreshAction, (d, by) => cards.view(d, by)),
    [ACTION_VERBS.edit]: route(actionCardData.editAction, (d, by) => cards.edit(d, by)),
    [ACTION_VERBS.save]: route(actionCardData.saveAction, (d, by, key) =>
      cards.save(d, by, d.submissionId ? '' : key()),
    ),
  };
}

/** Runs the verb's handler on its parsed data. */
export async function runCardAction(
  routes: CardActionRoutes,
  verb: string,
  data: unknown,
  by: Person,
  invokeKey: () => string = () => '',
): Promise<CardActionResult> {
  const found = Object.hasOwn(routes, verb) ? routes[verb] : undefined;
  const parsed = found?.data.safeParse(data);
  if (!found || !parsed?.success) return { message: NOT_OUR_CARD };
  return (found as unknown as CardActionRoute<unknown>).handle(parsed.data, by, invokeKey);
}
