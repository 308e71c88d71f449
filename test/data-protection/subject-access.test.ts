import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import { sampleApplication } from '../support/case-builder';
import { apiClient, type ApiClient } from '../support/api-client';
import { startLocalServer, type LocalServer } from '../support/local-server';

/**
 * A subject access request (issue 18), through the API as a manager answers it: find every case that
 * mentions the person by name, address or email, and nothing else; export them as one archive with other
 * people's data marked for redaction; the search and the export are in the access log, the terms are not.
 */
describe('subject access (local mode, HTTP)', () => {
  let local: LocalServer;
  let api: ApiClient;
  let manager: string;
  const cases: Record<string, { caseId: string; reference: string }> = {};

  beforeAll(async () => {
    local = await startLocalServer({ now: () => new Date('2026-03-02T10:00:00Z') });
    api = apiClient(local.base);
    manager = await api.signIn('spoc-1');
    const open = async (name: string, parties: unknown) => {
      const res = await api.call(manager, 'POST', '/api/cases', {
        requestId: randomUUID(),
        receivedVia: 'email',
        agencies: ['ehc', 'herts-police'],
        parties,
        application: sampleApplication('2026-03-02', ['2026-02-10']),
      });
      cases[name] = res.body;
    };
    await open('alice', {
      victim: {
        name: 'Alice Victimson',
        address: '12 Sample Road, Hertford SG13 1AA',
        email: 'alice@example.org',
      },
    });
    await open('carol', {
      victim: { name: 'Carol Other', address: '3 Far Lane, Ware' },
      applicant: { name: 'Bob Helper', email: 'bob@example.org' },
    });
    await open('mentioned', { victim: { name: 'Dan Next-Door', address: '14 Sample Road, Hertford' } });
    await api.event(manager, cases.mentioned!.caseId, 'note-added', {
      text: 'Dan says the noise started when Alice Victimson complained to the police.',
    });
    await api.call(manager, 'POST', `/api/cases/${cases.alice!.caseId}/letters/ct1`, {
      requestId: randomUUID(),
    });
  });
  afterAll(async () => {
    await local?.close();
  });

  it('finds the cases that mention a person by name, address or email, and nothing else', async () => {
    const byName = await api.call(manager, 'POST', '/api/subject-access/search', { name: 'alice victimson' });
    expect(byName.status).toBe(200);
    expect(byName.body.matches.map((m: { reference: string }) => m.reference).sort()).toEqual(
      [cases.alice!.reference, cases.mentioned!.reference].sort(),
    );
    const alice = byName.body.matches.find(
      (m: { reference: string }) => m.reference === cases.alice!.reference,
    );
    expect(alice.found).toEqual(["the victim's name"]);
    const noted = byName.body.matches.find(
      (m: { reference: string }) => m.reference === cases.mentioned!.reference,
    );
    expect(noted.found).toEqual(['a note']);

    const byEmail = await api.call(manager, 'POST', '/api/subject-access/search', {
      email: 'BOB@example.org',
    });
    expect(byEmail.body.matches.map((m: { reference: string }) => m.reference)).toEqual([
      cases.carol!.reference,
    ]);
    const byPostcode = await api.call(manager, 'POST', '/api/subject-access/search', { address: 'sg131aa' });
    expect(byPostcode.body.matches.map((m: { reference: string }) => m.reference)).toEqual([
      cases.alice!.reference,
    ]);
    const both = await api.call(manager, 'POST', '/api/subject-access/search', {
      name: 'Alice Victimson',
      email: 'alice@example.org',
    });
    expect(both.body.matches.map((m: { reference: string }) => m.reference)).toEqual([
      cases.alice!.reference,
    ]);
    expect(
      (await api.call(manager, 'POST', '/api/subject-access/search', { name: 'Nobody Here' })).body.matches,
    ).toEqual([]);
    const empty = await api.call(manager, 'POST', '/api/subject-access/search', {});
    expect(empty.status).toBe(400);
  });

  it('exports one archive: each case record, its files, and what to redact', async () => {
    const res = await fetch(`${local.base}/api/subject-access/export`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Alice Victimson' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const names = Object.keys(zip.files).sort();
    const root = 'subject-access-2026-03-02';
    expect(names).toEqual(
      expect.arrayContaining([
        `${root}/README.txt`,
        `${root}/summary.json`,
        `${root}/${cases.alice!.reference}/case-record.json`,
        `${root}/${cases.alice!.reference}/for-redaction.json`,
        `${root}/${cases.alice!.reference}/files/${cases.alice!.reference} CT1 acknowledgement.docx`,
        `${root}/${cases.mentioned!.reference}/case-record.json`,
      ]),
    );
    expect(names.some((n) => n.includes(cases.carol!.reference))).toBe(false);
    // In the case where Alice is only mentioned, the victim there (Dan) is someone else: marked for redaction.
    const redact = JSON.parse(
      await zip.file(`${root}/${cases.mentioned!.reference}/for-redaction.json`)!.async('string'),
    );
    expect(redact).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          where: "the victim's name",
          value: 'Dan Next-Door',
          why: expect.stringMatching(/another person/),
        }),
      ]),
    );
    // In her own case her details are hers: not listed for redaction.
    const own = JSON.parse(
      await zip.file(`${root}/${cases.alice!.reference}/for-redaction.json`)!.async('string'),
    );
    expect(JSON.stringify(own)).not.toContain('Alice Victimson');
    const record = JSON.parse(
      await zip.file(`${root}/${cases.alice!.reference}/case-record.json`)!.async('string'),
    );
    expect(record.events[0]).toMatchObject({ type: 'application-received', mentionsSubject: true });
  });

  it('is for managers only, and recorded without the search terms', async () => {
    const police = await api.signIn('herts-police-1');
    expect((await api.call(police, 'POST', '/api/subject-access/search', { name: 'Alice' })).status).toBe(
      403,
    );
    expect((await api.call(police, 'POST', '/api/subject-access/export', { name: 'Alice' })).status).toBe(
      403,
    );
    const log = await api.call(manager, 'GET', '/api/access-log?limit=100');
    const actions = log.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['cases-searched', 'subject-access-export']));
    expect(JSON.stringify(log.body)).not.toMatch(/Alice|Victimson|alice@|bob@|sg131aa/i);
  });
});
