/**
 * A changed field's path (`application.incidents.2.reports.0.reportedOn`) in words (`Incident 3, report 1:
 * reported on`), for the corrections table: no path or internal name reaches a person. Pure.
 */
const words: Record<string, string> = {
  receivedOn: 'date received',
  occurredOn: 'date it happened',
  reportedOn: 'reported on',
  reference: 'reference',
  agency: 'reported to',
  kind: 'kind',
  hate: 'hate incident',
  name: 'name',
  address: 'address',
  postcode: 'postcode',
  phone: 'phone',
  email: 'email',
  relationship: 'who applied',
  consentGiven: "victim's consent",
  anonymous: 'anonymous',
  vulnerable: 'vulnerable',
  description: 'description',
  title: 'title',
  exclusions: 'grounds for refusal',
};

const groups: Record<string, string> = {
  incidents: 'Incident',
  reports: 'report',
  victim: 'Victim',
  applicant: 'Applicant',
  exclusions: 'Ground',
};

export function fieldLabel(path: string): string {
  const parts = path.split('.').filter((p) => p !== 'application' && p !== 'parties');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (groups[part] && next !== undefined && /^\d+$/.test(next)) {
      out.push(`${groups[part]} ${Number(next) + 1}`);
      i += 1;
    } else if (groups[part] && (part === 'victim' || part === 'applicant')) out.push(groups[part]);
    else if (!/^\d+$/.test(part)) out.push(words[part] ?? part.replace(/([A-Z])/g, ' $1').toLowerCase());
  }
  const [first, ...rest] = out;
  const text = rest.length ? `${first}: ${rest.join(', ')}` : (first ?? path);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
