/** Fills a card template (bot/cards/*.json) with data through adaptivecards-templating. Pure. */
import { Template } from 'adaptivecards-templating';
import { cardSafe } from './format';
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
  return { ...(showAsTyped(card) as CardJson), version: CARD_VERSION };
}

/** Markdown links in what people typed are shown as typed (TextBlock text and facts render markdown). */
function showAsTyped(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(showAsTyped);
  if (!node || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(o).map(([k, v]) => [k, showAsTyped(v)]));
  if (o.type === 'TextBlock' && typeof o.text === 'string') out.text = cardSafe(o.text);
  if (o.type === 'FactSet' && Array.isArray(o.facts))
    out.facts = (o.facts as { title?: unknown; value?: unknown }[]).map((f) => ({
      ...f,
      ...(typeof f.title === 'string' ? { title: cardSafe(f.title) } : {}),
      ...(typeof f.value === 'string' ? { value: cardSafe(f.value) } : {}),
    }));
  return out;
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
