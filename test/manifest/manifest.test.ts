import './support/strip-bom-for-jest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildAppPackage,
  checkManifestRules,
  findPlaceholders,
  MissingValuesError,
  newestBundledManifestVersion,
  SAMPLE_VALUES,
  substitute,
  validateAgainstSchema,
  type BuiltPackage,
  type Json,
} from '../../scripts/lib/app-package';

const root = path.resolve(__dirname, '../..');
const manifestDir = path.join(root, 'manifest');
const template = readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8');
const endpoint = SAMPLE_VALUES.TAB_ENDPOINT;

let built: BuiltPackage;
let m: Json;

beforeAll(async () => {
  built = await buildAppPackage(manifestDir, SAMPLE_VALUES);
  m = built.manifest;
});

/** A deep copy of the filled-in manifest, to break on purpose. */
function sampleManifest(): Json {
  return JSON.parse(substitute(template, SAMPLE_VALUES)) as Json;
}

function list(value: unknown): Json[] {
  return value as Json[];
}

describe('the generated manifest', () => {
  it('targets the newest schema the bundled validator has', () => {
    const version = newestBundledManifestVersion();
    expect(m.manifestVersion).toBe(version);
    expect(m.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`,
    );
  });

  it('validates offline against the official schema, with no other problem', () => {
    expect(built.problems).toEqual([]);
  });

  it('has every placeholder resolved', () => {
    expect(findPlaceholders(built.manifestText)).toEqual([]);
    expect(built.manifestText).not.toContain('${{');
  });

  it('uses only the placeholders the toolkit or env/.env.<env> provide', () => {
    expect(findPlaceholders(template)).toEqual(
      [
        'AAD_APP_CLIENT_ID',
        'APP_NAME_SUFFIX',
        'BOT_ID',
        'COUNCIL_NAME',
        'PRIVACY_URL',
        'TAB_DOMAIN',
        'TERMS_URL',
        'TAB_ENDPOINT',
        'TEAMS_APP_ID',
      ].sort(),
    );
  });

  it('has the bot in personal and team scopes with the four command hints in each', () => {
    const [bot, ...others] = list(m.bots);
    expect(others).toEqual([]);
    expect(bot?.botId).toBe(SAMPLE_VALUES.BOT_ID);
    // Added to a team, the app brings its bot (RSC consent, channel posts), not a tab dialog.
    expect(m.defaultGroupCapability).toEqual({ team: 'bot' });
    expect(bot?.scopes).toEqual(['personal', 'team']);
    const lists = list(bot?.commandLists);
    expect(lists.map((l) => l.scopes)).toEqual([['personal'], ['team']]);
    for (const commands of lists) {
      expect(list(commands.commands).map((c) => c.title)).toEqual(['help', 'my cases', 'due', 'open case']);
    }
  });

  it("has the SPOC's workspace as a personal static tab, then the bot chat", () => {
    const [workspace, chat, ...others] = list(m.staticTabs);
    expect(others).toEqual([]);
    expect(workspace).toMatchObject({
      entityId: 'workspace',
      contentUrl: `${endpoint}/`,
      websiteUrl: `${endpoint}/`,
      scopes: ['personal'],
      context: ['personalTab'],
    });
    expect(chat).toEqual({ entityId: 'conversations', scopes: ['personal'] });
  });

  it('has one configurable tab: the case of its channel, and the panel meeting of its case (issue 16)', () => {
    // An app has one configurable tab; the meeting's surfaces are its contexts, in the groupChat scope
    // (a meeting is a group chat), with the side panel and the shared stage.
    expect(m.configurableTabs).toEqual([
      {
        id: 'case-channel',
        configurationUrl: `${endpoint}/config`,
        canUpdateConfiguration: true,
        scopes: ['team', 'groupChat'],
        context: ['channelTab', 'meetingChatTab', 'meetingDetailsTab', 'meetingSidePanel', 'meetingStage'],
        meetingSurfaces: ['sidePanel', 'stage'],
      },
    ]);
  });

  it('declares SSO for the Entra app on the tab host', () => {
    const id = SAMPLE_VALUES.AAD_APP_CLIENT_ID;
    expect(m.webApplicationInfo).toEqual({ id, resource: `api://${SAMPLE_VALUES.TAB_DOMAIN}/${id}` });
    expect(m.validDomains).toEqual([SAMPLE_VALUES.TAB_DOMAIN]);
  });

  it('asks for exactly the resource-specific permissions it uses', () => {
    // Channel.Create.Group: the server creates each case's channel with the RSC grant;
    // ChannelSettings.Read.Group: it first looks the channel up (GET /teams/{id}/channels), which
    // Channel.Create.Group alone does not allow. Posting the case card needs nothing more: the bot posts
    // as itself in a team where it is installed.
    // MailboxItem.Read.User + Mailbox.SharedFolder: the Outlook add-in reads the open email,
    // including in the community safety shared mailbox.
    expect((m.authorization as Json).permissions).toEqual({
      resourceSpecific: [
        { name: 'Channel.Create.Group', type: 'Application' },
        { name: 'ChannelSettings.Read.Group', type: 'Application' },
        { name: 'MailboxItem.Read.User', type: 'Delegated' },
        { name: 'Mailbox.SharedFolder', type: 'Delegated' },
        // Issue 16: the chair shares the agenda or the action plan to the meeting stage
        // (meeting.shareAppContentToStage in a scheduled meeting needs it).
        { name: 'MeetingStage.Write.Chat', type: 'Delegated' },
      ],
    });
  });

  it('carries one Outlook add-in: a mail-read task pane from a ribbon button', () => {
    const [ext, ...others] = list(m.extensions);
    expect(others).toEqual([]);
    expect(ext?.requirements).toEqual({
      scopes: ['mail'],
      capabilities: [{ name: 'Mailbox', minVersion: '1.8' }],
      formFactors: ['desktop'],
    });

    const [runtime] = list(ext?.runtimes);
    expect(runtime?.code).toEqual({ page: `${endpoint}/taskpane?host=outlook` });
    const [action] = list(runtime?.actions);
    expect(action).toMatchObject({ type: 'openPage' });

    const [ribbon] = list(ext?.ribbons);
    expect(ribbon?.contexts).toEqual(['mailRead']);
    const [group] = list(list(ribbon?.tabs)[0]?.groups);
    const [button] = list(group?.controls);
    expect(button).toMatchObject({
      type: 'button',
      label: 'Record as ASB case review application',
      actionId: action?.id,
    });
    expect(list(button?.icons).map((i) => i.size)).toEqual([16, 32, 80]);
    for (const icon of list(button?.icons)) {
      expect(icon.url).toBe(`${endpoint}/addin-icons/icon-${String(icon.size)}.png`);
    }
  });

  it('names the council as the developer and keeps names within Teams limits', () => {
    expect(m.developer).toMatchObject({ name: SAMPLE_VALUES.COUNCIL_NAME, websiteUrl: `${endpoint}/` });
    expect(String((m.name as Json).short).length).toBeLessThanOrEqual(30);
  });
});

describe('the validator', () => {
  it('reports schema errors by path', async () => {
    const broken = sampleManifest();
    list(broken.bots)[0]!.scopes = ['personal', 'galaxy'];
    list(list(broken.extensions)[0]!.ribbons)[0]!.contexts = ['mailReed'];
    const errors = await validateAgainstSchema(broken);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/bots/0/scopes/1'),
        expect.stringContaining('/extensions/0/ribbons/0/contexts/0'),
      ]),
    );
  });

  it('refuses a schema it does not bundle rather than download it', async () => {
    const future = {
      ...sampleManifest(),
      $schema: 'https://developer.microsoft.com/json-schemas/teams/v9.99/MicrosoftTeams.schema.json',
    };
    expect((await validateAgainstSchema(future))[0]).toMatch(/not bundled/);
  });

  it('reports pages outside validDomains and a mismatched SSO resource', () => {
    const broken = sampleManifest();
    list(broken.staticTabs)[0]!.contentUrl = 'https://elsewhere.example.com/';
    (broken.webApplicationInfo as Json).resource = 'api://elsewhere.example.com/other-id';
    expect(checkManifestRules(broken)).toEqual([
      'staticTabs[0].contentUrl: host elsewhere.example.com is not in validDomains (asbcr-sample.azurewebsites.net)',
      'webApplicationInfo.resource: domain elsewhere.example.com is not in validDomains',
      'webApplicationInfo.resource: must end with webApplicationInfo.id',
    ]);
  });
});

describe('placeholder substitution', () => {
  it('fails listing every placeholder without a value, empty counting as none', () => {
    let error: unknown;
    try {
      substitute(template, { TEAMS_APP_ID: '', TAB_DOMAIN: 'x.example.com' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MissingValuesError);
    expect((error as MissingValuesError).missing).toEqual(
      findPlaceholders(template).filter((n) => n !== 'TAB_DOMAIN'),
    );
    expect((error as Error).message).toContain('  - TEAMS_APP_ID');
  });

  it('escapes values for the JSON string they land in', () => {
    const text = substitute('{"a": "${{X}}-${{ Y }}"}', { X: 'say "hi" \\ there', Y: 'y' });
    expect(JSON.parse(text)).toEqual({ a: 'say "hi" \\ there-y' });
  });
});
