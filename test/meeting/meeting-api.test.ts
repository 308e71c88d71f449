import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import { CaseWorkspace } from '../../bot/app/case-workspace';
import { FakeMessenger, FakeWorkspace } from '../bot/support/bot-world';
import { apiClient, caseWithPanel, type ApiClient } from '../support/api-client';
import { startLocalServer, type LocalServer } from '../support/local-server';

/**
 * Issue 16: the review in the panel's meeting through the API, on the real local server: each member's
 * side panel under the access policy, the chair's notes, the live stream, the quorum at the end, the
 * minutes and the outcome draft made after it.
 */
describe('the review in the meeting (API)', () => {
  let server: LocalServer;
  let api: ApiClient;
  let now = new Date('2026-03-02T10:00:00Z');
  let caseId: string;
  const tokens: Record<string, string> = {};
  const messenger = new FakeMessenger();

  beforeAll(async () => {
    server = await startLocalServer({
      now: () => now,
      runtime: { delivery: { pollMs: 50 }, teams: { messenger, workspace: new FakeWorkspace() } },
    });
    api = apiClient(server.base);
    ({ caseId } = await caseWithPanel(api, (iso) => (now = new Date(iso)), {
      housingPersonId: 'social-housing-1',
      victimParticipation: 'attend-online',
    }));
    for (const id of ['spoc-1', 'chair-1', 'herts-police-1', 'social-housing-1', 'icb-1'])
      tokens[id] = await api.signIn(id);
    now = new Date('2026-04-13T09:05:00Z');
  });
  afterAll(() => server.close());

  const note = (who: string, body: Record<string, unknown>) =>
    api.call(tokens[who], 'POST', `/api/cases/${caseId}/meeting/notes`, { requestId: randomUUID(), ...body });

  /** A server-sent events stream as the tab reads it: each `view` event's data, in order. */
  const openEvents = async (token: string | undefined, path: string) => {
    const controller = new AbortController();
    const res = await fetch(`${server.base}${path}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    return {
      async next(): Promise<unknown> {
        for (;;) {
          const end = buffer.indexOf('\n\n');
          if (end >= 0) {
            const chunk = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = chunk.split('\n').find((l) => l.startsWith('data: '));
            if (data) return JSON.parse(data.slice(6));
            continue;
          }
          const { value } = await reader.read();
          buffer += decoder.decode(value, { stream: true });
        }
      },
      close: () => controller.abort(),
    };
  };

  it('shows each panel member the case as the access policy lets them see it, and nobody else anything', async () => {
    const police = await api.call(tokens['herts-police-1'], 'GET', `/api/cases/${caseId}/meeting`);
    expect(police.status).toBe(200);
    expect(police.body.agenda.map((a: { part: string }) => a.part)).toEqual([
      'victim',
      'agencies',
      'actions',
    ]);
    expect(police.body.agenda[0].current).toBe(true);
    // East Herts lets the panel see every agency's return.
    expect(
      police.body.returns.find((r: { agencyId: string }) => r.agencyId === 'herts-police'),
    ).toMatchObject({
      otherInformation: 'Police intelligence that only the panel may read',
    });
    expect(police.body.can.run).toBe(false);
    expect(JSON.stringify(police.body)).not.toContain('Alice Victimson');
    // The ICB is not on this case or its panel: it learns nothing, as a guest would.
    const icb = await api.call(tokens['icb-1'], 'GET', `/api/cases/${caseId}/meeting`);
    expect(icb.status).toBe(404);
    expect(JSON.stringify(icb.body)).not.toContain('Police intelligence');
    const stage = await api.call(tokens['icb-1'], 'GET', `/api/cases/${caseId}/meeting/stage`);
    expect(stage.status).toBe(200);
    expect(stage.body.reference).toBeUndefined();
    expect(stage.body.agenda[0].title).toBe("The victim's part");
  });

  it('lets only the chair or the SPOC note, and every member’s stream sees each note', async () => {
    const refused = await note('herts-police-1', { kind: 'agenda', part: 'agencies' });
    expect(refused.status).toBe(403);

    const stream = await openEvents(tokens['social-housing-1'], `/api/cases/${caseId}/meeting/stream`);
    const views: { attendees: { name: string; present: boolean }[] }[] = [];
    const nextView = () => stream.next() as Promise<(typeof views)[number]>;
    views.push(await nextView());
    expect(views[0]!.attendees.every((a) => !a.present)).toBe(true);
    const started = Date.now();
    expect(
      (
        await note('chair-1', {
          kind: 'attendance',
          personId: 'herts-police-1',
          agencyId: 'herts-police',
          present: true,
        })
      ).status,
    ).toBe(201);
    views.push(await nextView());
    expect(Date.now() - started).toBeLessThan(1000);
    expect(views[1]!.attendees.find((a) => a.name.includes('Priya'))?.present).toBe(true);
    stream.close();
  });

  it('refuses the action plan on the stage during the victim’s part, and shows it to the panel after', async () => {
    const early = await note('chair-1', { kind: 'stage', showing: 'action-plan' });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toMatch(/only the agenda/);
    await note('chair-1', { kind: 'agenda', part: 'agencies' });
    await note('chair-1', {
      kind: 'action',
      description: 'Joint patrols on Example Road',
      ownerAgency: 'herts-police',
      ownerName: 'Priya Shah',
      dueOn: '2026-05-15',
    });
    await note('chair-1', { kind: 'recommendation', text: 'Mediation offered to both households' });
    // The stage in a member's and in a guest's Teams, as streams: each sees the share at once, as the
    // policy lets them (the guest: that the panel sees the plan, and nothing of the case).
    type Stage = { showing: string; reference?: string; actionPlan?: unknown[]; note?: string };
    const memberStream = await openEvents(
      tokens['herts-police-1'],
      `/api/cases/${caseId}/meeting/stage/stream`,
    );
    const guestStream = await openEvents(tokens['icb-1'], `/api/cases/${caseId}/meeting/stage/stream`);
    expect(((await memberStream.next()) as Stage).showing).toBe('agenda');
    expect(((await guestStream.next()) as Stage).showing).toBe('agenda');
    const shared = Date.now();
    expect((await note('chair-1', { kind: 'stage', showing: 'action-plan' })).status).toBe(201);
    const [member, guest] = (await Promise.all([memberStream.next(), guestStream.next()])) as Stage[];
    expect(Date.now() - shared).toBeLessThan(1000);
    expect(member).toMatchObject({ showing: 'action-plan', actionPlan: [expect.anything()] });
    expect(member!.reference).toBeDefined();
    expect(guest).toEqual({
      showing: 'action-plan',
      agenda: expect.any(Array),
      note: expect.stringMatching(/panel members/),
    });
    expect(JSON.stringify(guest)).not.toContain('Example Road');
    memberStream.close();
    guestStream.close();
    const panelStage = await api.call(tokens['herts-police-1'], 'GET', `/api/cases/${caseId}/meeting/stage`);
    expect(panelStage.body.actionPlan).toEqual([
      {
        description: 'Joint patrols on Example Road',
        owner: 'Hertfordshire Constabulary',
        dueOn: '2026-05-15',
      },
    ]);
    const guestStage = await api.call(tokens['icb-1'], 'GET', `/api/cases/${caseId}/meeting/stage`);
    expect(guestStage.body.actionPlan).toBeUndefined();
    expect(guestStage.body.note).toMatch(/panel members/);
  });

  it('ends only with a quorum, then records the review once and makes the minutes and the outcome draft', async () => {
    const end = () =>
      api.call(tokens['chair-1'], 'POST', `/api/cases/${caseId}/meeting/end`, { requestId: randomUUID() });
    const notQuorate = await end();
    expect(notQuorate.status).toBe(422);
    expect(notQuorate.body.error.message).toMatch(/at least 3/);
    await note('chair-1', { kind: 'attendance', personId: 'ehc-1', agencyId: 'ehc', present: true });
    await note('chair-1', {
      kind: 'attendance',
      personId: 'social-housing-1',
      agencyId: 'social-housing',
      present: true,
    });
    const ended = await end();
    expect(ended.status).toBe(201);
    expect((await end()).status).toBe(200);
    await server.runtime.deliveries.idle();
    const spoc = await api.call(tokens['spoc-1'], 'GET', `/api/cases/${caseId}`);
    expect(spoc.body.state.status).toBe('review-held');
    expect(spoc.body.state.reviews[0].attendees.map((a: { agencyId: string }) => a.agencyId).sort()).toEqual([
      'ehc',
      'herts-police',
      'social-housing',
    ]);
    const names = spoc.body.files.map((f: { name: string }) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/review minutes\.docx$/),
        expect.stringMatching(/outcome letter \(draft\)\.docx$/),
      ]),
    );
    expect(spoc.body.deadlines.map((d: { clock: string }) => d.clock)).toEqual(
      expect.arrayContaining(['minutes', 'outcome']),
    );
    // The panel reads the minutes; the outcome draft (the victim's name and address) is the SPOC's.
    const police = await api.call(tokens['herts-police-1'], 'GET', `/api/cases/${caseId}`);
    const policeFiles = police.body.files.map((f: { name: string }) => f.name);
    expect(policeFiles).toEqual(expect.arrayContaining([expect.stringMatching(/review minutes/)]));
    expect(policeFiles.join()).not.toMatch(/draft/);
    const view = await api.call(tokens['herts-police-1'], 'GET', `/api/cases/${caseId}/meeting`);
    expect(view.body.held.minutesFileId).toEqual(expect.any(String));
    // The meeting is over: no part of the agenda is shown as running any more.
    expect(view.body.agenda.filter((a: { current: boolean }) => a.current)).toEqual([]);
    const minutes = await api.call(
      tokens['herts-police-1'],
      'GET',
      `/api/cases/${caseId}/files/${view.body.held.minutesFileId}`,
    );
    expect(minutes.status).toBe(200);
    // The minutes say who attended for which body, what was agreed and who leads each action.
    const stored = await server.runtime.stores.files.getFile(view.body.held.minutesFileId);
    const zip = await JSZip.loadAsync(stored!.bytes);
    const body = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, ' ');
    for (const text of [
      'Jordan Lee',
      'Tom Evans (Hertfordshire Constabulary)',
      'Priya Shah',
      'The panel was quorate',
      'Mediation offered to both households',
      'Joint patrols on Example Road',
      "The victim's part",
    ])
      expect(body.replace(/&apos;/g, "'")).toContain(text);
    expect(body).not.toContain('Alice Victimson');
  });

  it('posts once to the case channel that the minutes and the outcome draft are ready, with their due dates', async () => {
    const posts = messenger.inChannel().filter((p) => /minutes/i.test(p.message.text ?? ''));
    expect(posts).toHaveLength(1);
    // Five working days from Monday 13 April 2026.
    expect(posts[0]!.message.text).toContain('Minutes to be circulated by 20 April 2026');
    expect(posts[0]!.message.text).toContain('Outcome to the applicant by 20 April 2026');
    expect(posts[0]!.message.text).not.toContain('Alice Victimson');
    // Pressing "End" again records and posts nothing more.
    await api.call(tokens['chair-1'], 'POST', `/api/cases/${caseId}/meeting/end`, {
      requestId: randomUUID(),
    });
    await server.runtime.deliveries.idle();
    expect(messenger.inChannel().filter((p) => /minutes/i.test(p.message.text ?? ''))).toHaveLength(1);
  });
});

describe('the case channel during the meeting', () => {
  it('does not refresh the case card for each note taken in the meeting (nothing on the card changes)', () => {
    const workspace = new CaseWorkspace({} as never);
    const event = (type: string) => ({
      id: 'e',
      type,
      actor: 'chair-1',
      at: '2026-04-13T09:00:00Z',
      payload: {},
    });
    expect(workspace.wants([event('meeting-noted')] as never)).toBe(false);
    expect(workspace.wants([event('review-held')] as never)).toBe(true);
  });
});
