/**
 * Letter wording as data. `templates/default.json` holds every letter; a council's file
 * (`templates/<policy id>.json`, or LETTER_TEMPLATES_FILE given to the service) overrides its contact
 * details, sign-off and any letter's title, heading or blocks. Values come from the case and the policy
 * through `{{placeholders}}`; see docs/letters.md for the list.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { problemsOf } from '../../shared';
import { letterKinds, type LetterKind } from './letter-kinds';
import defaults from './templates/default.json';
import eastHerts from './templates/east-herts.json';
import erewash from './templates/erewash.json';

export type TemplateBlock =
  | string
  | { heading: string }
  | { list: string; empty?: string }
  | { if: string; then: TemplateBlock[]; else?: TemplateBlock[] }
  | { field: string; lines?: number; value?: string }
  | { checkbox: string };

const block: z.ZodType<TemplateBlock> = z.lazy(() =>
  z.union([
    z.string().min(1),
    z.strictObject({ heading: z.string().min(1) }),
    z.strictObject({ list: z.string().min(1), empty: z.string().optional() }),
    z.strictObject({ if: z.string().min(1), then: z.array(block), else: z.array(block).optional() }),
    z.strictObject({
      field: z.string().min(1),
      lines: z.int().min(1).max(20).optional(),
      value: z.string().optional(),
    }),
    z.strictObject({ checkbox: z.string().min(1) }),
  ]),
);

const letterTemplate = z.strictObject({
  title: z.string().min(1).max(200),
  heading: z.string().min(1).max(300),
  blocks: z.array(block).min(1),
});
export type LetterTemplate = z.infer<typeof letterTemplate>;

const contact = z.strictObject({
  team: z.string().max(200).optional(),
  phone: z.string().max(40).optional(),
  email: z.email().optional(),
  address: z.array(z.string().max(200)).max(10).optional(),
});
export type TeamContact = z.infer<typeof contact>;

const kindKeys = z.enum(letterKinds);

/**
 * Issue 15: the minutes' layout a council may change (bot/letters/minutes.ts): the title (`{{reference}}`
 * is the case's), the protective marking, the sentence under the title, each section's heading, and
 * paragraphs to close with (e.g. the council's information sharing reminder). What the meeting recorded
 * (attendance, the quorum, recommendations, actions) is always there.
 */
const minutesLayout = z.strictObject({
  title: z.string().min(1).max(200),
  marking: z.string().min(1).max(60),
  intro: z.string().max(1000),
  headings: z.strictObject({
    attendance: z.string().min(1).max(100),
    discussion: z.string().min(1).max(100),
    recommendations: z.string().min(1).max(100),
    actionPlan: z.string().min(1).max(100),
  }),
  closing: z.array(z.string().min(1).max(2000)).max(10),
});
export type MinutesLayout = z.infer<typeof minutesLayout>;

export const DEFAULT_MINUTES_LAYOUT: MinutesLayout = {
  title: 'Case review minutes: {{reference}}',
  marking: 'OFFICIAL-SENSITIVE',
  intro: 'For the panel members only, under the information sharing agreement: do not forward.',
  headings: {
    attendance: 'Attendance',
    discussion: 'Discussion',
    recommendations: 'Recommendations',
    actionPlan: 'Action plan',
  },
  closing: [],
};

export const templateOverrideSchema = z.strictObject({
  contact: contact.optional(),
  signOff: z.string().min(1).max(1000).optional(),
  kinds: z.partialRecord(kindKeys, letterTemplate.partial()).optional(),
  minutes: minutesLayout.extend({ headings: minutesLayout.shape.headings.partial() }).partial().optional(),
});
export type TemplateOverride = z.infer<typeof templateOverrideSchema>;

export interface TemplateSet {
  contact: TeamContact;
  signOff: string;
  kinds: Record<LetterKind, LetterTemplate>;
  /** Issue 15: the minutes' layout; the defaults unless a council's file changes it. */
  minutes?: MinutesLayout;
}

const defaultSchema = z.strictObject({
  signOff: z.string().min(1),
  kinds: z.record(kindKeys, letterTemplate),
});

const bundled: Record<string, unknown> = { 'east-herts': eastHerts, erewash };

function parse<T>(schema: z.ZodType<T>, value: unknown, source: string): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new Error(
      `The letter templates ${source} are not valid:\n${problemsOf(result.error)
        .map((p) => `  - ${p.path || '(document)'}: ${p.message}`)
        .join('\n')}`,
    );
  return result.data;
}

/** The wording for a policy: the defaults, then the policy's bundled file, then a council's own file. */
export function loadTemplates(policyId: string, file?: string): TemplateSet {
  const base = parse(defaultSchema, defaults, 'default.json');
  const overrides: TemplateOverride[] = [];
  if (bundled[policyId]) overrides.push(parse(templateOverrideSchema, bundled[policyId], `${policyId}.json`));
  if (file) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(
        `The letter templates file ${file} could not be read as JSON: ${(err as Error).message}`,
      );
    }
    overrides.push(parse(templateOverrideSchema, json, file));
  }
  const set: TemplateSet = { contact: {}, signOff: base.signOff, kinds: { ...base.kinds } };
  let minutes = DEFAULT_MINUTES_LAYOUT;
  for (const o of overrides) {
    if (o.minutes)
      minutes = { ...minutes, ...o.minutes, headings: { ...minutes.headings, ...o.minutes.headings } };
    if (o.contact) set.contact = { ...set.contact, ...o.contact };
    if (o.signOff) set.signOff = o.signOff;
    for (const [kind, t] of Object.entries(o.kinds ?? {}) as [LetterKind, Partial<LetterTemplate>][])
      set.kinds[kind] = { ...set.kinds[kind], ...t };
  }
  set.minutes = minutes;
  return set;
}
