/**
 * The permissions each Graph route the product calls needs, copied from the "Permissions" table of the
 * Microsoft Learn API page named in `doc` (graph/api/<doc>, v1.0). Sites.Selected roles come from
 * "Overview of Selected permissions in OneDrive and SharePoint" (read < write < manage < fullcontrol;
 * creating lists and columns needs manage). A route not listed here is answered 400 by the doubles, so a
 * new call cannot slip past the permission check.
 */
import type { PermissionRule } from './graph-auth';

const SITES_READ = ['Sites.Read.All', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'];
const SITES_WRITE = ['Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'];
const SITES_MANAGE = ['Sites.Manage.All', 'Sites.FullControl.All'];

const sharepoint = (
  doc: string,
  application: string[],
  siteRole: PermissionRule['siteRole'],
  delegated = application,
): PermissionRule => ({ doc, workload: 'sharepoint', application, delegated, siteRole });

export const RULES = {
  siteGet: sharepoint('site-get', SITES_READ, 'read'),
  listsList: sharepoint('list-list', SITES_READ, 'read'),
  // list-create: Sites.Manage.All least privileged; Sites.ReadWrite.All listed as higher.
  listCreate: sharepoint(
    'list-create',
    ['Sites.Manage.All', 'Sites.ReadWrite.All', 'Sites.FullControl.All'],
    'manage',
  ),
  listGet: sharepoint('list-get', SITES_READ, 'read'),
  columnsList: sharepoint('list-list-columns', SITES_READ, 'read'),
  columnCreate: sharepoint('list-post-columns', SITES_MANAGE, 'manage'),
  columnUpdate: sharepoint('columndefinition-update', SITES_MANAGE, 'manage'),
  itemsList: sharepoint('listitem-list', SITES_READ, 'read'),
  itemGet: sharepoint('listitem-get', SITES_READ, 'read'),
  itemCreate: sharepoint('listitem-create', SITES_WRITE, 'write'),
  itemUpdate: sharepoint('listitem-update', SITES_WRITE, 'write'),
  itemDelete: sharepoint('listitem-delete', SITES_WRITE, 'write'),
  driveUpload: sharepoint(
    'driveitem-put-content',
    ['Files.ReadWrite.All', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'],
    'write',
  ),
  driveGet: sharepoint('driveitem-get', ['Files.Read.All', ...SITES_READ, 'Files.ReadWrite.All'], 'read'),
  driveDelete: sharepoint(
    'driveitem-delete',
    ['Files.ReadWrite.All', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'],
    'write',
  ),
  channelsList: {
    doc: 'channel-list',
    workload: 'teams',
    application: [
      'Channel.ReadBasic.All',
      'ChannelSettings.Read.All',
      'ChannelSettings.ReadWrite.All',
      'Directory.Read.All',
      'Directory.ReadWrite.All',
      'Group.Read.All',
      'Group.ReadWrite.All',
    ],
    rsc: ['ChannelSettings.Read.Group', 'ChannelSettings.ReadWrite.Group'],
    delegated: ['Channel.ReadBasic.All', 'ChannelSettings.Read.All', 'ChannelSettings.ReadWrite.All'],
  },
  channelCreate: {
    doc: 'channel-post',
    workload: 'teams',
    application: ['Channel.Create', 'Directory.ReadWrite.All', 'Group.ReadWrite.All', 'Teamwork.Migrate.All'],
    rsc: ['Channel.Create.Group'],
    delegated: ['Channel.Create', 'Directory.ReadWrite.All', 'Group.ReadWrite.All'],
  },
  // Issue 16: the app in the panel's meeting chat.
  chatInstallApp: {
    doc: 'chat-post-installedapps',
    workload: 'teams',
    application: [
      'TeamsAppInstallation.ReadWriteSelfForChat.All',
      'Chat.Manage.Chat',
      'TeamsAppInstallation.ManageSelectedForChat.All',
      'TeamsAppInstallation.ReadWriteAndConsentForChat.All',
      'TeamsAppInstallation.ReadWriteAndConsentSelfForChat.All',
      'TeamsAppInstallation.ReadWriteForChat.All',
    ],
    delegated: [
      'TeamsAppInstallation.ReadWriteSelfForChat',
      'TeamsAppInstallation.ManageSelectedForChat',
      'TeamsAppInstallation.ReadWriteAndConsentForChat',
      'TeamsAppInstallation.ReadWriteAndConsentSelfForChat',
      'TeamsAppInstallation.ReadWriteForChat',
    ],
  },
  chatAddTab: {
    doc: 'chat-post-tabs',
    workload: 'teams',
    application: [
      'TeamsTab.Create',
      'TeamsTab.Create.Chat',
      'TeamsTab.ReadWrite.All',
      'TeamsTab.ReadWrite.Chat',
      'TeamsTab.ReadWriteForChat.All',
      'TeamsTab.ReadWriteSelfForChat.All',
    ],
    delegated: [
      'TeamsTab.Create',
      'TeamsTab.ReadWrite.All',
      'TeamsTab.ReadWriteForChat',
      'TeamsTab.ReadWriteSelfForChat',
    ],
  },
  eventCreate: {
    doc: 'user-post-events',
    workload: 'exchange',
    application: ['Calendars.ReadWrite'],
    delegated: ['Calendars.ReadWrite'],
  },
  // user-list-events filtered on an extended property: singlevaluelegacyextendedproperty-get asks Calendars.Read.
  eventsFind: {
    doc: 'singlevaluelegacyextendedproperty-get',
    workload: 'exchange',
    application: ['Calendars.Read', 'Calendars.ReadWrite'],
    delegated: ['Calendars.Read', 'Calendars.ReadWrite'],
  },
  eventGet: {
    doc: 'event-get',
    workload: 'exchange',
    application: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
    delegated: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
  },
  eventUpdate: {
    doc: 'event-update',
    workload: 'exchange',
    application: ['Calendars.ReadWrite'],
    delegated: ['Calendars.ReadWrite'],
  },
  eventCancel: {
    doc: 'event-cancel',
    workload: 'exchange',
    application: ['Calendars.ReadWrite'],
    delegated: ['Calendars.ReadWrite'],
  },
  getSchedule: {
    doc: 'calendar-getschedule',
    workload: 'exchange',
    application: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
    delegated: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
  },
  // user-findmeetingtimes: delegated only, Calendars.Read least privileged.
  findMeetingTimes: {
    doc: 'user-findmeetingtimes',
    workload: 'exchange',
    application: [],
    delegated: ['Calendars.Read', 'Calendars.ReadWrite'],
  },
  sendMail: {
    doc: 'user-sendmail',
    workload: 'exchange',
    application: ['Mail.Send'],
    delegated: ['Mail.Send'],
  },
} as const satisfies Record<string, PermissionRule>;

export type RuleName = keyof typeof RULES;
