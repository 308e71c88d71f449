import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotifyDouble } from '../../support/notify-double/notify-double';

export const CALLBACK_TOKEN = 'callback-token-for-tests-0123456789';

/** A Notify double with an email template per kind (an SMS and a letter one for the acknowledgement). */
export async function notifyWithTemplates(): Promise<{ double: NotifyDouble; env: Record<string, string> }> {
  const double = new NotifyDouble();
  const base = await double.start();
  const kinds = [
    'acknowledgement',
    'threshold-decision',
    'meeting-invitation',
    'action-plan',
    'outcome',
    'appeal',
    'closure',
  ];
  const templates: Record<string, Record<string, string>> = {};
  for (const kind of kinds)
    templates[kind] = {
      email: double.addTemplate('email', `Dear ((name)),\n\n((body))\n\n((council))`, `((subject))`),
      sms: double.addTemplate('sms', `((council)): ((body)) Ref ((reference))`),
      letter: double.addTemplate('letter', `Dear ((name)), ((body))`, `Your ASB case review ((reference))`),
    };
  const file = join(tmpdir(), `notify-templates-${double.serviceId}.json`);
  writeFileSync(file, JSON.stringify(templates));
  return {
    double,
    env: {
      NOTIFY_API_KEY: double.apiKey,
      NOTIFY_BASE_URL: base,
      NOTIFY_TEMPLATES_FILE: file,
      NOTIFY_CALLBACK_TOKEN: CALLBACK_TOKEN,
    },
  };
}
