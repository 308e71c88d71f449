import { GraphApi } from '../../bot/adapters/graph/graph-client';
import { GraphMeetingApps, meetingChatId } from '../../bot/adapters/graph/graph-meeting-apps';
import { MeetingAppInstaller } from '../../bot/app/meeting-app-installer';
import type { CaseEvent } from '../../shared';
import type { MeetingApps, MeetingTab } from '../../bot/ports/meeting-apps';
import { GraphDouble } from '../support/graph-double/graph-double';

/** Issue 16: the app put in the panel's Teams meeting (m365 mode), against the strict Graph double. */
const CHAT = '19:meeting_NmQ5ZGQ4ZjYtYmE0Mi00@thread.v2';
const JOIN = `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(CHAT)}/0?context=%7b%22Tid%22%3a%22t%22%7d`;

describe('the app in the panel’s meeting (Graph)', () => {
  let g: GraphDouble;
  let apps: GraphMeetingApps;

  beforeEach(async () => {
    g = await GraphDouble.start();
    // Not in the package's declarations: a council that sets TEAMS_APP_CATALOG_ID consents to them too.
    g.grants = {
      ...g.grants,
      application: [
        ...g.grants.application,
        'TeamsAppInstallation.ReadWriteSelfForChat.All',
        'TeamsTab.Create',
      ],
    };
    const graph = new GraphApi({ baseUrl: g.baseUrl, tokens: g.tokens, sleep: async () => {} });
    apps = new GraphMeetingApps(graph, {
      catalogAppId: 'catalog-app-1',
      tabEndpoint: 'https://asb.council.example/',
    });
  });
  afterEach(() => g.stop());

  it('reads the meeting chat from the Teams join link, and nothing from a link without one', () => {
    expect(meetingChatId(JOIN)).toBe(CHAT);
    expect(meetingChatId('https://teams.microsoft.com/meet/2345678901234?p=abc')).toBeUndefined();
    expect(
      meetingChatId('https://teams.microsoft.com/l/meetup-join/19%3aabc%40thread.tacv2/0'),
    ).toBeUndefined();
  });

  it('installs the app in the meeting chat and pins its tab on the case, with the documented permissions', async () => {
    const chat = g.chats.add(CHAT);
    expect(await apps.addToMeeting({ joinUrl: JOIN, caseId: 'case-1', reference: 'CT-2026-0001' })).toBe(
      'added',
    );
    expect([...chat.apps]).toEqual(['catalog-app-1']);
    expect(chat.tabs).toEqual([
      expect.objectContaining({
        displayName: 'CT-2026-0001',
        configuration: {
          entityId: 'case-1',
          contentUrl: 'https://asb.council.example/meeting?caseId=case-1',
          websiteUrl: 'https://asb.council.example/#/cases/case-1',
        },
      }),
    ]);
    const calls = g.log.filter((e) => e.path.startsWith('/chats/'));
    expect(calls.map((c) => [c.status, c.permission])).toEqual([
      [201, 'TeamsAppInstallation.ReadWriteSelfForChat.All'],
      [201, 'TeamsTab.Create'],
    ]);
  });

  it('is refused (403) with only what the package declares, as Graph would', async () => {
    g.revoke('TeamsAppInstallation.ReadWriteSelfForChat.All');
    g.chats.add(CHAT);
    await expect(
      apps.addToMeeting({ joinUrl: JOIN, caseId: 'case-1', reference: 'CT-2026-0001' }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('takes an app installed already (409) as done, and fails plainly without TeamsTab.Create', async () => {
    const chat = g.chats.add(CHAT);
    chat.apps.add('catalog-app-1');
    g.revoke('TeamsTab.Create');
    await expect(
      apps.addToMeeting({ joinUrl: JOIN, caseId: 'case-1', reference: 'CT-2026-0001' }),
    ).rejects.toMatchObject({
      status: 403,
    });
    expect(g.log.filter((e) => e.path.startsWith('/chats/')).map((c) => c.status)).toEqual([409, 403]);
  });

  it('puts the app in each booking’s meeting once, after the booking (the outbox’s reactor)', async () => {
    const added: MeetingTab[] = [];
    const fake: MeetingApps = { addToMeeting: async (t) => (added.push(t), 'added') };
    const refs = new Map<string, unknown>();
    const logged: string[] = [];
    const reactor = new MeetingAppInstaller({
      apps: fake,
      conversations: {
        getConversationRef: async (key) =>
          refs.has(key) ? { key, ref: refs.get(key) as never, updatedAt: '' } : null,
        putConversationRef: async (key, ref) => void refs.set(key, ref),
      },
      log: (m) => logged.push(m),
    });
    const booked = (joinUrl?: string) =>
      ({
        id: 'e-1',
        type: 'panel-booked',
        actor: 'spoc-1',
        at: '2026-03-11T10:00:00Z',
        payload: {
          bookingId: 'bk-1',
          start: '2026-04-14T09:00:00Z',
          end: '2026-04-14T10:00:00Z',
          members: [],
          chair: { name: 'Jordan Lee', organisation: 'X', independent: true },
          victimParticipation: 'undecided',
          ...(joinUrl ? { joinUrl } : {}),
        },
      }) as unknown as CaseEvent;
    expect(reactor.wants([booked()])).toBe(false); // a local booking (.ics) has no Teams meeting
    expect(reactor.wants([booked(JOIN)])).toBe(true);
    const change = {
      caseId: 'case-1',
      reference: 'CT-2026-0001',
      events: [booked(JOIN)],
      by: { id: 'spoc-1', name: 'Sam', roles: ['spoc' as const] },
    };
    await reactor.react(change);
    await reactor.react(change); // delivered again after a crash, or the meeting moved: nothing more
    expect(added).toEqual([{ joinUrl: JOIN, caseId: 'case-1', reference: 'CT-2026-0001' }]);
  });
});
