import {
  browserCapabilities,
  capabilitiesFor,
  hostLabel,
  inOutlookAddin,
  probeCapabilities,
  readAuthSettings,
} from '../../tab/src/auth/host';

const all = { chat: true, call: true, pagesConfig: true, mail: true, calendar: true };

/** The personal tab runs in Teams, Outlook and the Microsoft 365 app; each offers what its host can do. */
describe('host capabilities', () => {
  it('offers channels and the channel tab in Teams only', () => {
    expect(capabilitiesFor('Teams', all)).toEqual({
      channels: true,
      chat: true,
      call: true,
      tabConfig: true,
      mail: true,
      calendar: true,
    });
    expect(capabilitiesFor('TeamsModern', { pagesConfig: true }).channels).toBe(true);
    for (const host of ['Outlook', 'OutlookWin32', 'Office']) {
      const c = capabilitiesFor(host, all);
      expect({ host, channels: c.channels, tabConfig: c.tabConfig }).toEqual({
        host,
        channels: false,
        tabConfig: false,
      });
    }
  });

  it('follows the probe for everything else, and a plain browser has nothing', () => {
    expect(capabilitiesFor('Outlook', { mail: true, calendar: true })).toEqual({
      channels: false,
      chat: false,
      call: false,
      tabConfig: false,
      mail: true,
      calendar: true,
    });
    expect(capabilitiesFor(undefined, all)).toBe(browserCapabilities);
  });

  it('asks teams-js, counting a call that throws (not initialised) as unsupported', () => {
    const sdk = {
      chat: { isSupported: () => true },
      call: {
        isSupported: () => {
          throw new Error('The library has not yet been initialized');
        },
      },
      pages: { config: { isSupported: () => true } },
      mail: { isSupported: () => false },
      calendar: { isSupported: () => false },
    };
    expect(probeCapabilities(sdk as never)).toEqual({
      chat: true,
      call: false,
      pagesConfig: true,
      mail: false,
      calendar: false,
    });
  });

  it('names hosts for people', () => {
    expect(hostLabel('Teams')).toBe('Teams');
    expect(hostLabel('OutlookWin32')).toBe('Outlook');
    expect(hostLabel('Office')).toBe('the Microsoft 365 app');
    expect(hostLabel(undefined)).toBe('a web browser');
  });
});

describe('the Outlook add-in and its sign-in settings', () => {
  it("knows the add-in by ?host=outlook, by Office's _host_Info, or by Office.js on the page", () => {
    expect(inOutlookAddin('?host=outlook')).toBe(true);
    expect(inOutlookAddin('?_host_Info=Outlook$Win32$16.02$en-GB$$$$0')).toBe(true);
    expect(inOutlookAddin('', { Office: {} })).toBe(true);
    expect(inOutlookAddin('?host=teams')).toBe(false);
    expect(inOutlookAddin('', {})).toBe(false);
  });

  const clientId = '11111111-2222-3333-4444-555555555555';
  const tenantId = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

  it('reads the client and tenant ids from meta tags first, then from the query', () => {
    const meta = { 'asb-client-id': clientId, 'asb-tenant-id': tenantId } as Record<string, string>;
    expect(readAuthSettings({ meta: (n) => meta[n], search: '', host: 'asb.example.gov.uk' })).toEqual({
      clientId,
      tenantId,
      scope: `api://asb.example.gov.uk/${clientId}/access_as_user`,
    });
    expect(
      readAuthSettings({
        meta: () => undefined,
        search: `?host=outlook&clientId=${clientId}`,
        host: 'h.example',
      }),
    ).toEqual({ clientId, scope: `api://h.example/${clientId}/access_as_user` });
  });

  it('has no settings in local mode, and takes only GUIDs', () => {
    expect(
      readAuthSettings({ meta: () => null, search: '?host=outlook', host: 'localhost:3978' }),
    ).toBeUndefined();
    expect(
      readAuthSettings({ meta: () => 'javascript:alert(1)', search: '', host: 'localhost:3978' }),
    ).toBeUndefined();
    expect(
      readAuthSettings({
        meta: (n) => (n === 'asb-client-id' ? clientId : 'not-a-guid'),
        search: '',
        host: 'x',
      }),
    ).not.toHaveProperty('tenantId');
  });
});
