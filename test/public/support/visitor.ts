/**
 * A person at the public pages without a browser: a cookie jar, the form's CSRF token taken from the page
 * as a browser would post it, redirects followed. The browser tests (test/e2e) drive the same pages in
 * Chromium; these are the fast ones.
 */
export interface PageAnswer {
  status: number;
  html: string;
  url: string;
  headers: Headers;
}

export class Visitor {
  private cookies = new Map<string, string>();
  last?: PageAnswer;
  /** The last form token any page carried (a second press of a button posts it again). */
  lastToken?: string;

  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(headers: Headers): void {
    for (const c of headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = pair!.split('=');
      this.cookies.set(k!.trim(), v.join('='));
    }
  }

  async get(path: string): Promise<PageAnswer> {
    return this.request(path, { method: 'GET' });
  }

  /** Posts a form as the page would: with the page's CSRF token unless `csrf` says otherwise. */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    options: { csrf?: string | null } = {},
  ): Promise<PageAnswer> {
    const body = new URLSearchParams();
    const token = options.csrf === undefined ? this.csrf() : options.csrf;
    if (token !== null) body.append('_csrf', token);
    for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
    return this.request(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  async postMultipart(path: string, form: FormData): Promise<PageAnswer> {
    if (!form.has('_csrf')) form.append('_csrf', this.csrf());
    return this.request(path, { method: 'POST', body: form });
  }

  csrf(): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(this.last?.html ?? '');
    if (!m) throw new Error(`no form token on ${this.last?.url}`);
    return m[1]!;
  }

  formId(): string {
    return /name="formId" value="([^"]+)"/.exec(this.last?.html ?? '')?.[1] ?? '';
  }

  private async request(path: string, init: RequestInit, hops = 0): Promise<PageAnswer> {
    const url = path.startsWith('http') ? path : `${this.base}${path}`;
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader() },
    });
    this.remember(res.headers);
    const location = res.headers.get('location');
    if (location && res.status >= 300 && res.status < 400 && hops < 10)
      return this.request(location, { method: 'GET' }, hops + 1);
    const answer = { status: res.status, html: await res.text(), url, headers: res.headers };
    this.last = answer;
    this.lastToken = /name="_csrf" value="([^"]+)"/.exec(answer.html)?.[1] ?? this.lastToken;
    return answer;
  }
}

/** The text of a page, tags and spaces collapsed, for assertions a person would make. */
export const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

export interface Applicant {
  thirdParty?: boolean;
  name?: string;
  postcode?: string;
  method?: 'email' | 'sms' | 'letter' | 'phone' | 'via-applicant';
  email?: string;
  incidents?: { day: string; month: string; year: string; agency?: string; reportDay?: string }[];
}

/** Fills in the whole application the way a person would, page by page, and sends it. */
export async function applyOnline(v: Visitor, a: Applicant = {}): Promise<PageAnswer> {
  await v.get('/apply');
  await v.get('/apply/who');
  await v.post('/apply/who', { relationship: a.thirdParty ? 'third-party' : 'victim' });
  if (a.thirdParty) {
    await v.post('/apply/consent', { consent: 'yes', consentHow: 'in-writing' });
    await v.post('/apply/your-details', {
      applicantName: 'Pat Helper',
      applicantRole: 'Support worker',
      applicantEmail: 'pat.helper@example.org',
    });
  }
  await v.post('/apply/victim-kind', { victimKind: 'individual' });
  await v.post('/apply/victim-details', {
    name: a.name ?? 'Jo Bloggs',
    address1: '1 Example Road',
    town: 'Hertford',
    postcode: a.postcode ?? 'SG13 8EQ',
  });
  const method = a.method ?? 'email';
  await v.post('/apply/contact', {
    method,
    email: a.email ?? 'jo.bloggs@example.org',
    mobile: '07911 123456',
    phone: '01234 567890',
  });
  await v.post('/apply/support', {
    vulnerable: 'no',
    needs: 'yes',
    needsDetail: 'Large print, please',
    anonymous: 'no',
  });
  const incidents = a.incidents ?? [
    { day: '5', month: '1', year: '2026', agency: 'herts-police' },
    { day: '20', month: '1', year: '2026', agency: 'herts-police' },
    { day: '10', month: '2', year: '2026', agency: 'ehc' },
  ];
  for (const [i, inc] of incidents.entries()) {
    if (i > 0) await v.post('/apply/incidents', { addAnother: 'yes' });
    else await v.get('/apply/incidents/add');
    await v.post('/apply/incidents/add', {
      'occurred-Day': inc.day,
      'occurred-Month': inc.month,
      'occurred-Year': inc.year,
      ...(inc.agency
        ? {
            reportedTo: inc.agency,
            'reported-Day': inc.reportDay ?? inc.day,
            'reported-Month': inc.month,
            'reported-Year': inc.year,
          }
        : { reportedTo: 'none' }),
      hate: 'no',
    });
  }
  await v.post('/apply/incidents', { addAnother: 'no' });
  await v.post('/apply/account', {
    account: 'Loud music every night from the flat above, and shouting in the street.',
  });
  return v.post('/apply/check', {});
}
