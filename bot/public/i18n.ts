/**
 * The public pages' one message catalogue (issue 17): every text a victim reads, in `messages/en.json`. A
 * council supplies a Welsh file (PUBLIC_WELSH_FILE) with the same keys and the same `{placeholders}`;
 * it is checked at start-up, every problem listed, and the language switch appears.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Window } from '../../shared';

export type Lang = 'en' | 'cy';
export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

const catalogueSchema = z.record(z.string().regex(/^[a-zA-Z0-9.-]+$/), z.string().max(5000));
export type Catalogue = Record<string, string>;

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

export function loadEnglish(): Catalogue {
  return catalogueSchema.parse(JSON.parse(readFileSync(join(__dirname, 'messages/en.json'), 'utf8')));
}

/** Reads and checks a translation against the English catalogue; throws listing every problem. */
export function loadTranslation(path: string, english: Catalogue): Catalogue {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`PUBLIC_WELSH_FILE ${path} could not be read as JSON: ${(err as Error).message}`);
  }
  const parsed = catalogueSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`PUBLIC_WELSH_FILE ${path} must be an object of message keys to texts.`);
  const problems: string[] = [];
  for (const [key, text] of Object.entries(english)) {
    const own = parsed.data[key];
    if (own === undefined) problems.push(`${key}: missing (English: "${text.slice(0, 60)}")`);
    else if (placeholders(own).join() !== placeholders(text).join())
      problems.push(
        `${key}: use the placeholders ${
          placeholders(text)
            .map((p) => `{${p}}`)
            .join(', ') || '(none)'
        }`,
      );
  }
  for (const key of Object.keys(parsed.data))
    if (!(key in english)) problems.push(`${key}: not a key of the catalogue (check the spelling)`);
  if (problems.length)
    throw new Error(
      `PUBLIC_WELSH_FILE ${path} does not match the catalogue:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  return parsed.data;
}

export class Messages {
  private readonly catalogues: Partial<Record<Lang, Catalogue>>;

  constructor(welshFile?: string) {
    const en = loadEnglish();
    this.catalogues = { en, ...(welshFile ? { cy: loadTranslation(welshFile, en) } : {}) };
  }

  /** The languages offered: English, and Welsh when the council supplied it. */
  get languages(): Lang[] {
    return Object.keys(this.catalogues) as Lang[];
  }

  has(lang: string): lang is Lang {
    return lang in this.catalogues;
  }

  translator(lang: Lang): Translate {
    const catalogue = this.catalogues[lang] ?? this.catalogues.en!;
    return (key, params = {}) => {
      const text = catalogue[key];
      if (text === undefined) throw new Error(`No message "${key}" in the public catalogue.`);
      return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in params ? String(params[name]) : whole,
      );
    };
  }
}

/** "27 March 2026" in the page's language. */
export function formatDate(iso: string, t: Translate): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${t(`month.${m}`)} ${y}`;
}

/** "3 working days", "6 months" in the page's language. */
export function describePeriod(window: Pick<Window, 'amount'> & { unit: string }, t: Translate): string {
  return t(`unit.${window.unit}.${window.amount === 1 ? 'one' : 'other'}`, { n: window.amount });
}
