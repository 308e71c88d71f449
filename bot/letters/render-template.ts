import type { DocBlock } from './document-model';
import type { TemplateBlock } from './templates';

/** What a letter's placeholders, conditions and lists are filled from. */
export interface TemplateContext {
  vars: Record<string, string>;
  flags: Record<string, boolean>;
  lists: Record<string, string[]>;
}

/** A template naming something the letter does not provide: a wording error, reported by its name. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

export function fill(text: string, ctx: TemplateContext, where: string): string {
  return text.replace(/\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g, (_m, name: string) => {
    const value = ctx.vars[name];
    if (value === undefined)
      throw new TemplateError(`${where}: there is no value "{{${name}}}" for this letter.`);
    return value;
  });
}

/** The template's blocks as document paragraphs, with the case's values filled in. */
export function renderBlocks(
  blocks: readonly TemplateBlock[],
  ctx: TemplateContext,
  where: string,
): DocBlock[] {
  const out: DocBlock[] = [];
  for (const b of blocks) {
    if (typeof b === 'string') out.push({ type: 'text', text: fill(b, ctx, where) });
    else if ('heading' in b) out.push({ type: 'heading', text: fill(b.heading, ctx, where) });
    else if ('list' in b) {
      const items = ctx.lists[b.list];
      if (!items) throw new TemplateError(`${where}: there is no list "${b.list}" for this letter.`);
      if (items.length) out.push(...items.map((text): DocBlock => ({ type: 'bullet', text })));
      else if (b.empty) out.push({ type: 'text', text: fill(b.empty, ctx, where) });
    } else if ('if' in b) {
      const flag = ctx.flags[b.if];
      if (flag === undefined)
        throw new TemplateError(`${where}: there is no condition "${b.if}" for this letter.`);
      out.push(...renderBlocks(flag ? b.then : (b.else ?? []), ctx, where));
    } else if ('field' in b)
      out.push({
        type: 'field',
        text: fill(b.field, ctx, where),
        ...(b.lines ? { lines: b.lines } : {}),
        ...(b.value ? { value: fill(b.value, ctx, where) } : {}),
      });
    else out.push({ type: 'checkbox', text: fill(b.checkbox, ctx, where) });
  }
  return out;
}
