/**
 * Which Notify template sends each message (issue 17), from NOTIFY_TEMPLATES_FILE: a JSON object with one
 * entry per kind of message, each giving the template id for each channel the council uses, and the Welsh
 * templates under `cy`. docs/configuration.md lists the kinds and each template's personalisation.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { problemsOf, victimMessageKind, type MessageChannel, type VictimMessageKind } from '../../../shared';

const templateId = z.uuid({
  error: 'a template id is a UUID (Notify: Templates, then the template, then "Copy template ID")',
});
const channels = z.strictObject({
  email: templateId.optional(),
  sms: templateId.optional(),
  letter: templateId.optional(),
});
const kindTemplates = channels.extend({ cy: channels.optional() });
export const notifyTemplatesSchema = z.partialRecord(victimMessageKind, kindTemplates);
export type NotifyTemplates = z.infer<typeof notifyTemplatesSchema>;

export function loadNotifyTemplates(path: string): NotifyTemplates {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`NOTIFY_TEMPLATES_FILE ${path} could not be read as JSON: ${(err as Error).message}`);
  }
  const parsed = notifyTemplatesSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `NOTIFY_TEMPLATES_FILE ${path} is not valid:\n${problemsOf(parsed.error)
        .map((p) => `  - ${p.path}: ${p.message}`)
        .join('\n')}`,
    );
  return parsed.data;
}

/** The template for this message: the Welsh one when asked for and configured, else the English one. */
export function templateFor(
  templates: NotifyTemplates,
  kind: VictimMessageKind,
  channel: MessageChannel,
  lang: 'en' | 'cy',
): string | undefined {
  const entry = templates[kind];
  return (lang === 'cy' ? entry?.cy?.[channel] : undefined) ?? entry?.[channel];
}
