import { randomUUID } from 'node:crypto';
import { answerCommand, commandDeps } from '../../bot/app/bot-commands';
import {
  apiClient,
  caseWithPanel,
  SAMPLE_FILES,
  VICTIM_CONTACT,
  type ApiClient,
} from '../support/api-client';
import { startLocalServer, type LocalServer } from '../support/local-server';

/**
 * The access policy as a matrix: every read path (case view, files, letters, panel papers, the .ics,
 * statistics, the partner page, the outbox, card invokes, bot commands) for every kind of person, on one
 * case taken to a booked panel. "404" means the person learns nothing, not even that the thing exists.
 *
 * People (East Herts preset, local directory): spoc-1 (SPOC and manager); herts-police-1 (agency on the
 * case, on the panel); social-housing-1 (agency on the case, not on the panel); herts-fire-1 (agency not
 * on the case); chair-1 (the independent chair: on the panel, no agency).
 */
type Who = 'spoc' | 'police' | 'housing' | 'fire' | 'chair';
const people: Record<Who, string> = {
  spoc: 'spoc-1',
  police: 'herts-police-1',
  housing: 'social-housing-1',
  fire: 'herts-fire-1',
  chair: 'chair-1',
};
const everyone = Object.keys(people) as Who[];

describe('the access policy, role by endpoint', () => {
  let local: LocalServer;
  let api: ApiClient;
  let now = new Date('2026-03-02T09:00:00Z');
  let world: Awaited<ReturnType<typeof caseWithPanel>>;
  const tokens = {} as Record<Who, string>;

  beforeAll(async () => {
    local = await startLocalServer({ now: () => now });
    api = apiClient(local.base);
    world = await caseWithPanel(api, (iso) => (now = new Date(iso)));
    for (const who of everyone) tokens[who] = await api.signIn(people[who]);
  });

  afterAll(async () => {
    await local?.close();
  });

  const status = async (who: Who, path: string) => {
    // The meeting's stream never ends: its status is read and the stream closed.
    const res = await fetch(`${local.base}${path}`, { headers: { authorization: `Bearer ${tokens[who]}` } });
    await res.body?.cancel();
    return res.status;
  };

  /** Each read path: the expected answer for each person. */
  const matrix: [string, (w: typeof world) => string, Record<Who, number>][] = [
    [
      'the case',
      (w) => `/api/cases/${w.caseId}`,
      { spoc: 200, police: 200, housing: 200, fire: 404, chair: 200 },
    ],
    [
      'a letter to the victim',
      (w) => `/api/cases/${w.caseId}/files/${w.letterFileId}`,
      { spoc: 200, police: 404, housing: 404, fire: 404, chair: 404 },
    ],
    [
      'the panel papers (every agency return)',
      (w) => `/api/cases/${w.caseId}/files/${w.papersFileId}`,
      { spoc: 200, police: 200, housing: 404, fire: 404, chair: 200 },
    ],
    [
      "the panel's calendar file",
      (w) => `/api/cases/${w.caseId}/panel/calendar.ics`,
      { spoc: 200, police: 200, housing: 404, fire: 404, chair: 200 },
    ],
    // Issue 16: the meeting's side panel is the panel's; the stage's agenda is for anyone in the meeting.
    [
      "the meeting's side panel",
      (w) => `/api/cases/${w.caseId}/meeting`,
      { spoc: 200, police: 200, housing: 404, fire: 404, chair: 200 },
    ],
    [
      "the meeting's live stream",
      (w) => `/api/cases/${w.caseId}/meeting/stream`,
      { spoc: 200, police: 200, housing: 404, fire: 404, chair: 200 },
    ],
    [
      'the meeting stage (the agenda; the case only for the panel)',
      (w) => `/api/cases/${w.caseId}/meeting/stage`,
      { spoc: 200, police: 200, housing: 200, fire: 200, chair: 200 },
    ],
    [
      "the meeting stage's live stream (the same answer for each viewer, as events)",
      (w) => `/api/cases/${w.caseId}/meeting/stage/stream`,
      { spoc: 200, police: 200, housing: 200, fire: 200, chair: 200 },
    ],
    [
      'the letters list',
      (w) => `/api/cases/${w.caseId}/letters`,
      { spoc: 200, police: 403, housing: 403, fire: 403, chair: 403 },
    ],
    [
      'a letter preview',
      (w) => `/api/cases/${w.caseId}/letters/ct1/preview`,
      { spoc: 200, police: 403, housing: 403, fire: 403, chair: 403 },
    ],
    [
      'the panel quorum',
      (w) => `/api/cases/${w.caseId}/panel/quorum?agencies=ehc`,
      { spoc: 200, police: 403, housing: 403, fire: 403, chair: 403 },
    ],
    [
      "the panel's people picker (issue 15)",
      (w) => `/api/cases/${w.caseId}/panel/people`,
      { spoc: 200, police: 403, housing: 403, fire: 403, chair: 403 },
    ],
    [
      'the statistics',
      () => '/api/statistics',
      { spoc: 200, police: 403, housing: 403, fire: 403, chair: 403 },
    ],
    [
      'the statistics CSV',
      () => '/api/statistics.csv',
      { spoc: 200, police: 403, housing: 403, fire: 403, chair: 403 },
    ],
    [
      "the police's return page",
      (w) => `/api/returns/${w.caseId}/${w.policeRequestId}`,
      { spoc: 404, police: 200, housing: 404, fire: 404, chair: 404 },
    ],
    ['the outbox', () => '/api/outbox', { spoc: 200, police: 403, housing: 403, fire: 403, chair: 403 }],
    [
      'the retention report',
      () => '/api/retention',
      { spoc: 200, police: 403, housing: 403, fire: 403, chair: 403 },
    ],
    [
      'the access log',
      () => '/api/access-log',
      { spoc: 200, police: 403, housing: 403, fire: 403, chair: 403 },
    ],
  ];

  it.each(matrix)('%s', async (_name, path, expected) => {
    const answers = {} as Record<Who, number>;
    for (const who of everyone) answers[who] = await status(who, path(world));
    expect(answers).toEqual(expected);
  });

  it('lists the case only to those it is shared with', async () => {
    const listed = {} as Record<Who, boolean>;
    for (const who of everyone) {
      const page = await api.call(tokens[who], 'GET', '/api/cases');
      listed[who] = page.body.items.some((c: { caseId: string }) => c.caseId === world.caseId);
    }
    // The chair reaches the case from the meeting and its invitation, not from a list of cases.
    expect(listed).toEqual({ spoc: true, police: true, housing: true, fire: false, chair: false });
  });

  it("shows each agency only the returns and files the policy allows, and never the victim's contact details", async () => {
    const view = async (who: Who) => (await api.call(tokens[who], 'GET', `/api/cases/${world.caseId}`)).body;
    const agencies = (v: { state: { requests: { agencyId: string }[] } }) =>
      v.state.requests.map((r) => r.agencyId).sort();
    const files = (v: { files: { kind: string }[] }) => v.files.map((f) => f.kind).sort();

    const spoc = await view('spoc');
    expect(agencies(spoc)).toEqual(['herts-police', 'social-housing']);
    expect(files(spoc)).toEqual(['calendar', 'letter', 'panel-papers']);

    const police = await view('police');
    expect(agencies(police)).toEqual(['herts-police', 'social-housing']); // on the panel
    expect(files(police)).toEqual(['calendar', 'panel-papers']);

    const housing = await view('housing');
    expect(agencies(housing)).toEqual(['social-housing']); // not on the panel: its own only
    expect(files(housing)).toEqual([]);
    expect(JSON.stringify(housing)).not.toContain('POL-SECRET-1');
    expect(JSON.stringify(housing)).not.toContain('only the panel may read');
    // Not even that the police's return came, nor the SPOC's guidance about the victim or their buttons.
    const policeReturn = spoc.state.requests.find((r: { agencyId: string }) => r.agencyId === 'herts-police')
      .returns[0].eventId;
    expect(housing.state.timeline.map((t: { eventId: string }) => t.eventId)).not.toContain(policeReturn);
    expect(spoc.state.timeline.map((t: { eventId: string }) => t.eventId)).toContain(policeReturn);
    expect(housing.secondReport).toBeUndefined();
    expect(housing.can).toMatchObject({ remind: false, seeAccessLog: false });
    expect(spoc.can).toMatchObject({ remind: true, seeAccessLog: true });

    const chair = await view('chair');
    expect(files(chair)).toEqual(['calendar', 'panel-papers']);

    for (const v of [police, housing, chair]) {
      const text = JSON.stringify(v);
      for (const detail of Object.values(VICTIM_CONTACT)) expect(text).not.toContain(detail);
    }
  });

  it('reads back notes to everyone on the case, contact details to officers only (issue 15)', async () => {
    const note = (who: Who, text: string) =>
      api.call(tokens[who], 'POST', `/api/cases/${world.caseId}/events`, {
        id: randomUUID(),
        type: 'note-added',
        payload: { text },
      });
    expect((await note('spoc', 'SPOC-NOTE: rang the victim')).status).toBe(201);
    expect((await note('police', 'POLICE-NOTE: patrols booked')).status).toBe(201);
    const view = async (who: Who) =>
      (await api.call(tokens[who], 'GET', `/api/cases/${world.caseId}`)).body as {
        state: { notes?: { text: string }[]; parties?: { victim: { phone?: string } } };
      };
    const notes = async (who: Who) => ((await view(who)).state.notes ?? []).map((n) => n.text.split(':')[0]);
    for (const who of ['spoc', 'police', 'housing', 'chair'] as const)
      expect(await notes(who)).toEqual(['SPOC-NOTE', 'POLICE-NOTE']);
    expect((await api.call(tokens.fire, 'GET', `/api/cases/${world.caseId}`)).status).toBe(404);
    expect((await view('spoc')).state.parties?.victim.phone).toBe(VICTIM_CONTACT.phone);
    for (const who of ['police', 'housing', 'chair'] as const)
      expect((await view(who)).state.parties).toBeUndefined();
  });

  it("finds a case by the victim's name or postcode for officers only, and audits the kind of search, never the words (issue 15)", async () => {
    const found = async (who: Who, q: string) => {
      const page = await api.call(tokens[who], 'GET', `/api/cases?q=${encodeURIComponent(q)}`);
      return page.status === 200
        ? page.body.items.map((c: { caseId: string }) => c.caseId).includes(world.caseId)
        : page.status;
    };
    expect(await found('spoc', 'alice victimson')).toBe(true);
    expect(await found('spoc', 'sg131aa')).toBe(true); // the postcode in the address, however written
    expect(await found('spoc', 'Sample Road')).toBe(true);
    expect(await found('spoc', 'Someone Else')).toBe(false);
    expect(await found('spoc', world.reference.toLowerCase())).toBe(true);
    for (const who of ['police', 'housing', 'fire', 'chair'] as const)
      expect(await found(who, 'Alice Victimson')).toBe(false);
    expect(await found('police', world.reference)).toBe(true); // their own case, by reference
    const log = await api.call(tokens.spoc, 'GET', '/api/access-log?personId=spoc-1&limit=50');
    const searches = log.body.items.filter((e: { action: string }) => e.action === 'cases-searched');
    expect(searches.map((e: { detail: string }) => e.detail)).toEqual(
      expect.arrayContaining(['name or address', 'postcode', 'reference']),
    );
    expect(JSON.stringify(log.body)).not.toMatch(/victimson|sample road|sg131aa/i);
  });

  it('answers a card invoke from an agency not on the case with nothing about the case', async () => {
    const teams = local.runtime.teams;
    const fire = local.runtime.directory.get('herts-fire-1')!;
    for (const verb of ['refreshReturn', 'editReturn', 'submitReturn']) {
      const answer = await teams.cardAction(
        verb,
        { caseId: world.caseId, requestId: world.policeRequestId, incidents: [] },
        fire,
      );
      const text = JSON.stringify(answer);
      expect(answer).toEqual({ message: expect.any(String) });
      expect(text).not.toContain(world.reference);
      expect(text).not.toContain('2026-01-05');
    }
    const housing = local.runtime.directory.get('social-housing-1')!;
    const other = await teams.cardAction(
      'refreshReturn',
      { caseId: world.caseId, requestId: world.policeRequestId },
      housing,
    );
    // On the case, so the card shows; another agency's return stays read-only and its answers unread.
    expect(JSON.stringify(other)).toContain('read-only');
    expect(JSON.stringify(other)).not.toContain('POL-SECRET-1');
  });

  it('answers bot commands with only what the person may see', async () => {
    const deps = commandDeps(local.runtime.service, local.runtime.stores.cases, (reference, by) =>
      local.runtime.teams.caseWorkspace.openByReference(reference, by),
    );
    const ask = async (who: Who, kind: 'my-cases' | 'due') =>
      JSON.stringify(await answerCommand({ kind }, local.runtime.directory.get(people[who])!, deps));
    expect(await ask('fire', 'my-cases')).not.toContain(world.reference);
    expect(await ask('fire', 'due')).not.toContain(world.reference);
    expect(await ask('housing', 'due')).toContain(world.reference); // its own request is owed
    expect(await ask('police', 'due')).not.toContain(world.reference); // answered already
    const open = await answerCommand(
      { kind: 'open-case', reference: world.reference },
      local.runtime.directory.get('herts-fire-1')!,
      deps,
    );
    expect(JSON.stringify(open)).toMatch(/Only a SPOC/);
  });

  it('records every view of the case and every file opened, for managers to read, with no personal data', async () => {
    await api.call(tokens.police, 'GET', `/api/cases/${world.caseId}/files/${world.papersFileId}`);
    await api.call(tokens.spoc, 'GET', `/api/cases/${world.caseId}/letters/ct1/preview`);
    const log = await api.call(tokens.spoc, 'GET', `/api/access-log?caseId=${world.caseId}`);
    expect(log.status).toBe(200);
    const seen = log.body.items.map((e: { personId: string; action: string }) => `${e.personId} ${e.action}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'herts-police-1 case-viewed',
        'social-housing-1 case-viewed',
        'chair-1 case-viewed',
        'herts-police-1 file-downloaded',
        'spoc-1 letter-previewed',
        'herts-police-1 return-viewed',
      ]),
    );
    // Newest first: this very reading, then the letter preview.
    expect(log.body.items.slice(0, 2)).toMatchObject([
      { personName: 'Sam Patel', action: 'access-log-viewed' },
      { personName: 'Sam Patel', action: 'letter-previewed', reference: world.reference, detail: 'ct1' },
    ]);
    // Who was refused is not "a view": the fire service saw nothing, so nothing is logged as seen.
    expect(seen.filter((s: string) => s.startsWith('herts-fire-1'))).toEqual([]);
    const text = JSON.stringify(log.body);
    for (const detail of Object.values(VICTIM_CONTACT)) expect(text).not.toContain(detail);
  });
  // Issue 15: documents added by hand. Uploads by every role; each document read as its event says.
  describe('documents added to the case (issue 15)', () => {
    const docs = {} as Record<'diary' | 'shared' | 'housing', string>;
    const add = (who: Who, fields: Record<string, string>, name = 'sheet.pdf') =>
      api.upload(
        tokens[who],
        world.caseId,
        { id: randomUUID(), ...fields },
        { name, bytes: SAMPLE_FILES.pdf() },
      );

    beforeAll(async () => {
      docs.diary = (await add('spoc', { kind: 'diary-sheet' }, 'DIARY-SHEET.pdf')).body.fileId;
      docs.shared = (
        await add('spoc', { kind: 'evidence', sharedWithPanel: 'true' }, 'SHARED-EVIDENCE.pdf')
      ).body.fileId;
      docs.housing = (await add('housing', { kind: 'evidence' }, 'HOUSING-LOG.pdf')).body.fileId;
    });

    it('lets officers and agencies on the case add documents; not an agency off the case, nor the panel alone', async () => {
      const answers = {} as Record<Who, number>;
      for (const who of everyone) answers[who] = (await add(who, { kind: 'evidence' })).status;
      expect(answers).toEqual({ spoc: 201, police: 201, housing: 201, fire: 404, chair: 403 });
      // Sharing with the panel is the SPOC's call, not an agency's.
      expect((await add('police', { kind: 'evidence', sharedWithPanel: 'true' })).status).toBe(403);
    });

    const downloads: [string, () => string, Record<Who, number>][] = [
      [
        "a victim's diary sheet the SPOC added (officers only)",
        () => docs.diary,
        { spoc: 200, police: 404, housing: 404, fire: 404, chair: 404 },
      ],
      [
        'evidence the SPOC shared with the panel',
        () => docs.shared,
        { spoc: 200, police: 200, housing: 404, fire: 404, chair: 200 },
      ],
      [
        'a document the housing provider added (officers and that agency)',
        () => docs.housing,
        { spoc: 200, police: 404, housing: 200, fire: 404, chair: 404 },
      ],
    ];
    it.each(downloads)('downloads %s', async (_name, fileId, expected) => {
      const answers = {} as Record<Who, number>;
      for (const who of everyone)
        answers[who] = await status(who, `/api/cases/${world.caseId}/files/${fileId()}`);
      expect(answers).toEqual(expected);
    });

    it('lists only the documents each may read, and hides the others from the timeline', async () => {
      const seen = async (who: Who) => {
        const v = (await api.call(tokens[who], 'GET', `/api/cases/${world.caseId}`)).body;
        const names = (v.files as { kind: string; name: string }[])
          .filter((f) => f.kind === 'document' && f.name !== 'sheet.pdf')
          .map((f) => f.name)
          .sort(); // stored in the same instant (the test's clock): listed in id order
        const events = (v.state.timeline as { type: string }[]).filter((t) => t.type === 'document-added');
        return { names, events: events.length, text: JSON.stringify(v) };
      };
      const spoc = await seen('spoc');
      expect(spoc.names).toEqual(['DIARY-SHEET.pdf', 'HOUSING-LOG.pdf', 'SHARED-EVIDENCE.pdf']);
      const chair = await seen('chair');
      expect(chair.names).toEqual(['SHARED-EVIDENCE.pdf']);
      const housing = await seen('housing');
      expect(housing.names).toEqual(['HOUSING-LOG.pdf']);
      for (const v of [chair, housing]) {
        expect(v.text).not.toContain('DIARY-SHEET');
        expect(v.events).toBeLessThan(spoc.events);
      }
    });
  });

  // Last: it closes the case the other tests read.
  it('cancels the booked panel meeting when the case closes (issue 15)', async () => {
    const closed = await api.call(tokens.spoc, 'POST', `/api/cases/${world.caseId}/events`, {
      id: randomUUID(),
      type: 'case-closed',
      payload: { closedOn: '2026-03-10', reason: 'withdrawn', victimToldOn: '2026-03-10' },
    });
    expect(closed.status).toBe(201);
    await local.runtime.deliveries.idle();
    const view = await api.call(tokens.spoc, 'GET', `/api/cases/${world.caseId}`);
    expect(view.body.state.status).toBe('closed');
    expect(view.body.state.panel.status).toBe('cancelled');
    const types = view.body.state.timeline.map((t: { type: string }) => t.type);
    expect(types.slice(types.indexOf('case-closed'))).toContain('panel-cancelled');
  });
});

/**
 * Issue 15: the action card's verbs, role by verb, on a case whose review gave the police an action. Only
 * the owning agency and the officers get the action and the form; everyone else gets the bare answer,
 * whatever they send, and nothing is written.
 */
describe('the action card, role by verb', () => {
  let local: LocalServer;
  let now = new Date('2026-03-02T09:00:00Z');
  let world: Awaited<ReturnType<typeof caseWithPanel>>;

  beforeAll(async () => {
    local = await startLocalServer({ now: () => now });
    const api = apiClient(local.base);
    world = await caseWithPanel(api, (iso) => (now = new Date(iso)));
    now = new Date('2026-04-14T10:00:00Z');
    const held = await api.event(await api.signIn('spoc-1'), world.caseId, 'review-held', {
      heldOn: '2026-04-13',
      attendees: [
        { personId: 'ehc-1', name: 'Alex Morgan', agencyId: 'ehc', role: 'member' },
        { personId: 'herts-police-1', name: 'Priya Shah', agencyId: 'herts-police', role: 'member' },
        { name: 'Housing officer', agencyId: 'social-housing', role: 'member' },
      ],
      victimParticipation: 'attended',
      recommendations: [],
      actions: [
        {
          id: 'act-police',
          description: 'Night patrols on Example Road',
          ownerAgency: 'herts-police',
          dueOn: '2026-06-01',
          status: 'open',
        },
      ],
    });
    if (held.status !== 201) throw new Error(`review: ${held.status} ${JSON.stringify(held.body)}`);
  });

  afterAll(async () => {
    await local?.close();
  });

  const verbs = ['refreshAction', 'editAction', 'saveAction'] as const;
  /** "form": the action and its form; "bare": the one line that says nothing about the case. */
  const matrix: Record<Who, 'form' | 'bare'> = {
    spoc: 'form',
    police: 'form',
    housing: 'bare', // on the case: another agency's action is not theirs to read
    fire: 'bare', // not on the case
    chair: 'bare', // on the panel, no agency
  };

  it.each(everyone.flatMap((who) => verbs.map((verb) => [who, verb] as const)))(
    '%s pressing %s',
    async (who, verb) => {
      const teams = local.runtime.teams;
      const person = local.runtime.directory.get(people[who])!;
      const before = (await local.runtime.stores.cases.getCase(world.caseId))!.events.length;
      // A save that changes nothing is answered in the form, so a permitted one writes nothing either.
      const data = { caseId: world.caseId, actionId: 'act-police', status: 'open', note: '' };
      const answer = await teams.cardAction(verb, data, person, `matrix-${who}-${verb}`);
      const text = JSON.stringify(answer);
      if (matrix[who] === 'bare') {
        expect(answer).toEqual({ message: 'This action no longer exists.' });
      } else {
        expect(text).toContain('Night patrols on Example Road');
        expect(text).toContain('"id":"status"');
      }
      for (const detail of Object.values(VICTIM_CONTACT)) expect(text).not.toContain(detail);
      expect(text).not.toContain('POL-SECRET-1');
      expect((await local.runtime.stores.cases.getCase(world.caseId))!.events.length).toBe(before);
    },
  );

  it('records a save only for the owning agency, under their name', async () => {
    const teams = local.runtime.teams;
    const save = (who: Who, key: string) =>
      teams.cardAction(
        'saveAction',
        { caseId: world.caseId, actionId: 'act-police', status: 'in-progress', note: 'Started.' },
        local.runtime.directory.get(people[who])!,
        key,
      );
    for (const who of ['housing', 'fire', 'chair'] as const)
      expect(await save(who, `other-${who}`)).toEqual({ message: 'This action no longer exists.' });
    expect(JSON.stringify(await save('police', 'police-save'))).toContain(
      'Updated by Tom Evans (Hertfordshire Constabulary), 14 April 2026',
    );
    const events = (await local.runtime.stores.cases.getCase(world.caseId))!.events;
    const updates = events.filter((e) => e.type === 'action-updated');
    expect(updates.map((e) => e.actor)).toEqual(['herts-police-1']);
  });
});
