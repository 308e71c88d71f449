import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findPlaceholders, substitute, type Json } from '../../scripts/lib/app-package';

const template = readFileSync(path.resolve(__dirname, '../../manifest/aad.manifest.json'), 'utf8');
const values = {
  AAD_APP_OBJECT_ID: '11111111-1111-4111-8111-111111111111',
  AAD_APP_CLIENT_ID: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  AAD_APP_ACCESS_AS_USER_PERMISSION_ID: '22222222-2222-4222-8222-222222222222',
  TAB_DOMAIN: 'asbcr-sample.azurewebsites.net',
  APP_NAME_SUFFIX: ' (sample)',
};
const app = JSON.parse(substitute(template, values)) as Json;
const api = app.api as Json;

/** Documented client ids for Teams, Outlook and the Microsoft 365 app (tab SSO across hosts). */
const HOST_CLIENTS = {
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264': 'Teams desktop and mobile',
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346': 'Teams web',
  '4765445b-32c6-49b0-83e6-1d93765276ca': 'Microsoft 365 web',
  '0ec893e0-5785-4de6-99da-4ed124e5296c': 'Microsoft 365 desktop',
  'd3590ed6-52b3-4102-aeff-aad2292ab01c': 'Microsoft 365 mobile, Outlook desktop',
  'bc59ab01-8403-45c6-8796-ac3ef710b3e3': 'Outlook web',
  '27922004-5251-4030-b22d-91ecd9a37ea4': 'Outlook mobile',
};

describe('the Entra app manifest (aad.manifest.json)', () => {
  it('uses only toolkit placeholders', () => {
    expect(findPlaceholders(template)).toEqual(Object.keys(values).sort());
  });

  it('is single tenant and exposes access_as_user on api://<tab host>/<client id>', () => {
    expect(app.signInAudience).toBe('AzureADMyOrg');
    expect(app.identifierUris).toEqual([`api://${values.TAB_DOMAIN}/${values.AAD_APP_CLIENT_ID}`]);
    expect(api.requestedAccessTokenVersion).toBe(2);
    expect(api.oauth2PermissionScopes).toEqual([
      expect.objectContaining({
        id: values.AAD_APP_ACCESS_AS_USER_PERMISSION_ID,
        value: 'access_as_user',
        type: 'User',
        isEnabled: true,
      }),
    ]);
  });

  it('pre-authorises the Teams, Outlook and Microsoft 365 clients for that scope', () => {
    const pre = api.preAuthorizedApplications as { appId: string; delegatedPermissionIds: string[] }[];
    expect(pre.map((p) => p.appId).sort()).toEqual(Object.keys(HOST_CLIENTS).sort());
    for (const p of pre)
      expect(p.delegatedPermissionIds).toEqual([values.AAD_APP_ACCESS_AS_USER_PERMISSION_ID]);
  });

  it('has the SPA redirects: brk-multihub for nested app authentication, /return for partners', () => {
    expect((app.spa as Json).redirectUris).toEqual([
      `brk-multihub://${values.TAB_DOMAIN}`,
      `https://${values.TAB_DOMAIN}/return`,
    ]);
  });

  it('requests exactly the Graph permissions in docs/permissions.md', () => {
    expect(app.requiredResourceAccess).toEqual([
      {
        resourceAppId: 'Microsoft Graph',
        resourceAccess: [
          { id: 'openid', type: 'Scope' },
          { id: 'profile', type: 'Scope' },
          { id: 'offline_access', type: 'Scope' },
          { id: 'User.Read', type: 'Scope' },
          { id: 'Calendars.Read', type: 'Scope' },
          { id: 'Sites.Selected', type: 'Role' },
        ],
      },
    ]);
  });

  it('leaves mailbox access to Exchange RBAC for Applications, not a tenant-wide Entra grant', () => {
    // Mail.Send and Calendars.ReadWrite (application) are assigned in Exchange Online, scoped to the
    // two mailboxes. An Entra consent to them would add access to every mailbox in the tenant.
    const requested = JSON.stringify(app.requiredResourceAccess);
    for (const broad of [
      'Mail.Send',
      'Calendars.ReadWrite',
      'Channel.Create"',
      'Sites.ReadWrite.All',
      'Sites.Manage.All',
    ]) {
      expect(requested).not.toContain(broad);
    }
  });
});
