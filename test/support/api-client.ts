import { randomUUID } from 'node:crypto';
import { sampleApplication } from './case-builder';

/** What the server answered: status, content type, headers and the body (JSON parsed, else text). */
export interface Answer {
  status: number;
  type: string;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** An answer as the tests read it: JSON parsed when the server says it is JSON. */
async function answerOf(res: Response): Promise<Answer> {
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  return {
    status: res.status,
    type,
    headers: res.headers,
    body: type.includes('json') && text ? JSON.parse(text) : text,
  };
}

/** The HTTP API as the tab and the partner page use it, against a running server at `base`. */
export function apiClient(base: string) {
  async function call(
    token: string | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return answerOf(res);
  }

  async function signIn(personId: string): Promise<string> {
    const res = await call(undefined, 'POST', '/api/local/sign-in', { personId });
    if (res.status !== 200) throw new Error(`sign-in as ${personId} answered ${res.status}`);
    return res.body.token as string;
  }

  async function event(token: string, caseId: string, type: string, payload: unknown, id = randomUUID()) {
    return call(token, 'POST', `/api/cases/${caseId}/events`, { id, type, payload });
  }

  /** Issue 15: adds a document to a case as the tab does (multipart/form-data, the file in "file"). */
  async function upload(
    token: string,
    caseId: string,
    fields: Record<string, string>,
    file?: { name: string; bytes: Uint8Array | string; type?: string },
  ): Promise<Answer> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    if (file)
      form.set(
        'file',
        new Blob([typeof file.bytes === 'string' ? file.bytes : Buffer.from(file.bytes)], {
          type: file.type ?? 'application/octet-stream',
        }),
        file.name,
      );
    const res = await fetch(`${base}/api/cases/${caseId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return answerOf(res);
  }

  return { call, signIn, event, upload };
}

/** Issue 15: small files whose first bytes are what their names say. */
export const SAMPLE_FILES = {
  pdf: (text = 'diary') => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'latin1'),
  png: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
  exe: () => Buffer.from('MZ\x90\x00 not a document', 'latin1'),
};

export type ApiClient = ReturnType<typeof apiClient>;

export const VICTIM_CONTACT = {
  name: 'Alice Victimson',
  address: '12 Sample Road, Hertford SG13 1AA',
  email: 'alice.victimson@example.org',
  phone: '07911 123456',
};

/**
 * A case under the East Herts preset taken as far as a booked panel with its papers, through the API as
 * the SPOC and the agencies do it: CT1 issued, threshold met, returns asked of the police and housing,
 * the police's return in, the panel (police member and the independent chair) booked, papers made.
 * The clock must read 2026-03-02 when it starts; it moves the clock through `setNow`.
 */
export async function caseWithPanel(
  api: ApiClient,
  setNow: (iso: string) => void,
  /** Issue 16: the meeting's tests book a housing member from the directory and a victim who attends. */
  options: { housingPersonId?: string; victimParticipation?: string } = {},
): Promise<{
  caseId: string;
  reference: string;
  letterFileId: string;
  papersFileId: string;
  policeRequestId: string;
  housingRequestId: string;
}> {
  const spoc = await api.signIn('spoc-1');
  const police = await api.signIn('herts-police-1');
  const opened = await api.call(spoc, 'POST', '/api/cases', {
    requestId: randomUUID(),
    receivedVia: 'email',
    agencies: ['ehc', 'herts-police', 'social-housing'],
    title: 'Noise, Example Road',
    parties: { victim: VICTIM_CONTACT },
    application: sampleApplication('2026-03-02', ['2026-01-05', '2026-01-20', '2026-02-10']),
  });
  if (opened.status !== 201) throw new Error(`open: ${opened.status} ${JSON.stringify(opened.body)}`);
  const { caseId, reference } = opened.body as { caseId: string; reference: string };
  const ct1 = await api.call(spoc, 'POST', `/api/cases/${caseId}/letters/ct1`, { requestId: randomUUID() });
  if (ct1.status !== 201) throw new Error(`ct1: ${ct1.status} ${JSON.stringify(ct1.body)}`);
  setNow('2026-03-04T10:00:00Z');
  const policeRequestId = randomUUID();
  const housingRequestId = randomUUID();
  const asked = await api.event(spoc, caseId, 'returns-requested', {
    requestedOn: '2026-03-04',
    requests: [
      { requestId: policeRequestId, agencyId: 'herts-police' },
      { requestId: housingRequestId, agencyId: 'social-housing' },
    ],
    incidentIds: ['inc-1', 'inc-2', 'inc-3'],
  });
  if (asked.status !== 201) throw new Error(`returns: ${asked.status} ${JSON.stringify(asked.body)}`);
  const returned = await api.call(police, 'POST', `/api/returns/${caseId}/${policeRequestId}`, {
    id: randomUUID(),
    incidents: [
      { incidentId: 'inc-1', holdsRecord: true, reference: 'POL-SECRET-1', actionTaken: 'Visited' },
    ],
    otherInformation: 'Police intelligence that only the panel may read',
  });
  if (returned.status !== 201) throw new Error(`return: ${returned.status} ${JSON.stringify(returned.body)}`);
  setNow('2026-03-10T10:00:00Z');
  const decided = await api.event(spoc, caseId, 'threshold-decided', {
    decidedOn: '2026-03-10',
    notifiedOn: '2026-03-10',
    outcome: 'met',
    route: 'count',
    advisedOutcome: 'met',
    reasons: [],
    decidedBy: 'spoc-1',
  });
  if (decided.status !== 201) throw new Error(`decided: ${decided.status} ${JSON.stringify(decided.body)}`);
  const booked = await api.call(spoc, 'POST', `/api/cases/${caseId}/panel/book`, {
    requestId: randomUUID(),
    start: '2026-04-13T09:00:00Z',
    end: '2026-04-13T10:30:00Z',
    members: [
      { personId: 'ehc-1', name: 'Alex Morgan', agencyId: 'ehc', role: 'member' },
      { personId: 'herts-police-1', name: 'Priya Shah', agencyId: 'herts-police', role: 'member' },
      {
        ...(options.housingPersonId ? { personId: options.housingPersonId } : {}),
        name: 'Housing officer',
        agencyId: 'social-housing',
        role: 'member',
      },
    ],
    chair: {
      personId: 'chair-1',
      name: 'Jordan Lee',
      organisation: 'North Herts Council',
      independent: true,
    },
    victimParticipation: options.victimParticipation ?? 'impact-statement',
  });
  if (booked.status !== 201) throw new Error(`book: ${booked.status} ${JSON.stringify(booked.body)}`);
  const papers = await api.call(spoc, 'POST', `/api/cases/${caseId}/panel/papers`, {
    requestId: randomUUID(),
  });
  if (papers.status !== 201) throw new Error(`papers: ${papers.status} ${JSON.stringify(papers.body)}`);
  return {
    caseId,
    reference,
    letterFileId: ct1.body.fileId as string,
    papersFileId: papers.body.fileId as string,
    policeRequestId,
    housingRequestId,
  };
}
