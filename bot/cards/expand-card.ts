/** Fills a card template (bot/cards/*.json) with data through adaptivecards-templating. Pure. */
import { Template } from 'adaptivecards-templating';
import type { CardJson } from '../ports/messenger';

/** Teams renders Universal Actions from 1.4 and wants 1.5 with an Action.Submit fallback for older hosts. */
export const CARD_VERSION = '1.5';

const templates = new WeakMap<object, Template>();

export function expandCard(template: object, data: object): CardJson {
  let compiled = templates.get(template);
  if (!compiled) {
    compiled = new Template(template);
    templates.set(template, compiled);
  }
  const card = compiled.expand({ $root: data }) as CardJson;
  return { ...card, version: CARD_VERSION };
}

/** The `refresh` block of a user-specific view: Teams asks again for these users (at most 60). */
export function withRefresh(
  card: CardJson,
  verb: string,
  data: Record<string, string>,
  userIds: readonly string[],
): CardJson {
  if (userIds.length === 0) return card;
  return {
    ...card,
    refresh: { action: { type: 'Action.Execute', verb, data }, userIds: [...new Set(userIds)].slice(0, 60) },
  };
}
