/**
 * docs/permissions.md against the code. The Graph doubles start with what the package declares (the
 * manifests, and the Exchange roles the doc scopes to two mailboxes); every Graph call the server makes is
 * driven through them; a call whose permission is not declared is answered 403 and fails here, and a
 * declaration the doc does not explain fails too.
 */
import { GraphCalendar } from '../../bot/adapters/graph/graph-calendar';
import { GraphApi } from '../../bot/adapters/graph/graph-client';
import { GraphMailer } from '../../bot/adapters/graph/graph-mailer';
import { provisionSite, resolveSite } from '../../bot/adapters/graph/provision';
import { openSharePointStores } from '../../bot/adapters/graph/sharepoint-stores';
import { GraphTeamsChannels } from '../../bot/adapters/graph/teams-channels';
import type { PanelMeetingDetails } from '../../bot/ports/calendar';
import { GraphCalendarDouble } from '../support/graph-calendar-double';
import {
  kindOf,
  manifestDeclarations,
  permissionsDocRows,
} from '../support/graph-double/declared-permissions';
import { DOUBLE_TEAM_ID, GraphDouble } from '../support/graph-double/graph-double';
import { ev, simpleProjector } from '../store/simple-projector';

const noSleep = async () => undefined;
const rows = permissionsDocRows();
const documented = (kind: ReturnType<typeof kindOf>) =>
  rows.filter((r) => kindOf(r) === kind).map((r) => r.permission);

describe('docs/permissions.md and the manifests say the same', () => {
  const declared = manifestDeclarations();
  it('lists every Graph permission the Entra app requests, and no other', () => {
    expect(documented('application').sort()).toEqual([...declared.application].sort());
    expect(documented('delegated').sort()).toEqual([...declared.delegated].sort());
  });
  it('lists every resource-specific permission the Teams manifest declares, and no other', () => {
    expect(documented('rsc').sort()).toEqual([...declared.rsc].sort());
  });
  it('scopes each Exchange role to one mailbox setting', () => {
    const exchange = rows.filter((r) => kindOf(r) === 'exchange');
    expect(exchange.map((r) => r.permission).sort()).toEqual(['Calendars.ReadWrite', 'Mail.Send']);
    for (const r of exchange) expect(r.grantedBy).toMatch(/`(PANEL_ORGANISER|MAIL_SENDER)`/);
  });
});

const meeting: PanelMeetingDetails = {
  bookingId: 'bk-p',
  transactionId: 'asb-panel-bk-p',
  subject: 'Case review panel: CT-2026-0001',
  body: 'Panel.',
  start: '2026-04-14T09:00:00.000Z',
  end: '2026-04-14T10:00:00.000Z',
  attendees: [{ email: 'a@council.example', name: 'A' }],
  sequence: 0,
};

describe('every Graph call the server makes, with only the declared permissions', () => {
  let g: GraphDouble;
  let outlook: GraphCalendarDouble;
  beforeEach(async () => {
    g = await GraphDouble.start();
    outlook = new GraphCalendarDouble();
    await outlook.start();
  });
  afterEach(async () => {
    await g.stop();
    await outlook.stop();
  });

  const api = () => new GraphApi({ baseUrl: g.baseUrl, tokens: g.tokens, sleep: noSleep });
  const outlookApi = () =>
    new GraphApi({
      baseUrl: outlook.baseUrl,
      tokens: { getToken: async () => outlook.appToken() },
      sleep: noSleep,
    });
  const calendar = () =>
    new GraphCalendar({
      organiser: outlook.mailboxes.organiser,
      api: outlookApi(),
      onBehalfOf: async () => outlook.delegatedToken(),
    });
  const mailer = () => new GraphMailer({ sender: outlook.mailboxes.sender, api: outlookApi() });

  async function sweep(): Promise<void> {
    // Provisioning, with the "manage" role the docs grant for it; then everyday running with "write".
    g.grantSite('manage');
    expect(await resolveSite(api(), g.siteUrl)).toBe(g.site.id);
    await provisionSite(api(), g.site.id);
    g.grantSite('write');
    const stores = await openSharePointStores({
      api: api(),
      siteId: g.site.id,
      projector: simpleProjector,
    });
    const request = {
      requestId: 'r-1',
      agencyId: 'police',
      requestedAt: '2026-03-02T10:00:00.000Z',
      dueOn: '2026-03-09',
      status: 'requested' as const,
      returnedAt: null,
      late: false,
    };
    const { caseId, reference } = await stores.cases.createCase({
      openedOn: '2020-03-02',
      events: [ev('application-received', { agencies: ['police', 'council'] })],
      agencyRequests: [request],
    });
    await stores.cases.append(caseId, 1, {
      events: [ev('panel-booked')],
      bookings: [
        {
          bookingId: 'b-1',
          transactionId: 't-1',
          providerEventId: 'e-1',
          start: '2026-04-14T09:00:00.000Z',
          end: '2026-04-14T10:00:00.000Z',
          status: 'booked',
        },
      ],
    });
    await stores.cases.getCase(caseId);
    await stores.cases.findByReference(reference);
    await stores.cases.listCases({ agencyId: 'police' });
    await stores.cases.listCases({ orderBy: 'deadline' });
    await stores.cases.agencyRequests('police', { outstandingOnly: true });
    await stores.cases.caseRequests(caseId);
    await stores.cases.caseBookings(caseId);
    const file = await stores.files.putFile(
      caseId,
      { kind: 'letter', name: 'a.docx', contentType: 'application/octet-stream', storedBy: 'spoc-1' },
      new Uint8Array([1, 2, 3]),
    );
    await stores.files.getFile(file.fileId);
    await stores.files.caseFiles(caseId);
    await stores.conversations.putConversationRef('user:x', { a: 1 });
    await stores.conversations.putConversationRef('user:x', { a: 2 });
    await stores.conversations.getConversationRef('user:x');
    await stores.conversations.deleteConversationRef('user:x');
    await stores.claims.claimReminder('k');
    await stores.cases.append(caseId, 2, { events: [ev('case-closed', { closedOn: '2020-04-01' })] });
    await stores.purges.purgeExpired({ today: '2030-01-01', retentionYears: 6, by: 'spoc-1' });
    await stores.purges.purgeLog();

    const channels = new GraphTeamsChannels(api(), DOUBLE_TEAM_ID);
    await channels.findChannel('CT-2026-0001');
    await channels.createChannel('CT-2026-0001', 'ASB case review CT-2026-0001');

    const cal = calendar();
    await cal.availability(['a@council.example'], '2026-04-14T00:00:00Z', '2026-04-15T00:00:00Z');
    await cal.suggestTimes!(
      {
        attendees: ['a@council.example'],
        from: '2026-04-14T00:00:00Z',
        to: '2026-04-15T00:00:00Z',
        durationMinutes: 60,
        maxCandidates: 5,
      },
      'spoc-sso-token',
    );
    const booked = await cal.book(meeting);
    await cal.reschedule(booked.providerEventId, { ...meeting, sequence: 1 });
    await cal.cancel(booked.providerEventId, meeting, 'Moved.');
    await mailer().send({ to: ['partner@agency.example'], subject: 'Return requested', text: 'Please.' });
  }

  it('makes every call with a permission the package declares, and docs/permissions.md names it', async () => {
    await sweep();
    const calls = [...g.log, ...outlook.requests];
    const refused = calls.filter((c) => c.status === 401 || c.status === 403 || c.status === 400);
    expect(refused).toEqual([]);
    const used = new Set(
      calls.map((c) => c.permission?.replace(/ \(.*\)$/, '')).filter((p): p is string => !!p),
    );
    const named = new Set(rows.map((r) => r.permission));
    expect([...used].filter((p) => !named.has(p))).toEqual([]);
    // What the sweep exercised: each documented Graph permission is used by some call.
    expect([...used].sort()).toEqual(
      [
        'Calendars.Read',
        'Calendars.ReadWrite',
        'Channel.Create.Group',
        'ChannelSettings.Read.Group',
        'Mail.Send',
        'Sites.Selected',
      ].sort(),
    );
    expect(outlook.sent).toHaveLength(1);
  });

  it.each([
    ['ChannelSettings.Read.Group', 'finding a channel'],
    ['Channel.Create.Group', 'creating a channel'],
    ['Sites.Selected', 'the case store'],
    ['Calendars.ReadWrite', 'booking the panel'],
    ['Mail.Send', 'emailing partners'],
    ['Calendars.Read', 'finding times as the SPOC'],
  ])('fails (403) when %s, needed for %s, is not declared', async (permission) => {
    g.revoke(permission);
    outlook.grants = {
      ...outlook.grants,
      delegated: outlook.grants.delegated.filter((p) => p !== permission),
      exchange: Object.fromEntries(Object.entries(outlook.grants.exchange).filter(([p]) => p !== permission)),
    };
    await expect(sweep()).rejects.toThrow(/\b403\b/);
  });

  it('refuses a mailbox outside the Exchange role\u2019s scope', async () => {
    const elsewhere = new GraphCalendar({ organiser: 'someone.else@council.example', api: outlookApi() });
    await expect(elsewhere.book(meeting)).rejects.toMatchObject({ status: 403, code: 'ErrorAccessDenied' });
  });
});
