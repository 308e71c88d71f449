import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getPolicy, type Policy } from '../../shared';
import { PLAYGROUND_CONFIG_FILE, PLAYGROUND_TEAM } from '../../bot/adapters/local/playground';
import {
  playgroundBanner,
  playgroundCast,
  playgroundUserId,
  playgroundUsers,
  playgroundYaml,
  PLAYGROUND_OTHER_USERS,
} from '../../bot/adapters/local/playground-config';
import { SAMPLE_TENANT_ID, sampleDirectory } from '../../bot/app/directory';

const PRESETS = ['statutory', 'east-herts', 'erewash'];

/**
 * The Playground's mock tenant, made from each policy: every user is the sample person, and of the
 * agency, their name says - derived from the policy's agencies, so a preset whose agencies change or move
 * still tells the truth.
 */
describe.each(PRESETS)('the Playground for the %s policy', (preset) => {
  const policy = getPolicy(preset);
  const text = playgroundYaml(policy);
  const yml = { ...playgroundUsers(policy), tenantId: SAMPLE_TENANT_ID };
  const directory = sampleDirectory(policy);
  const users = [yml.currentUser, ...yml.users];

  it('has the current user and exactly 5 more (the Playground\u2019s schema), all distinct', () => {
    expect(yml.users).toHaveLength(PLAYGROUND_OTHER_USERS);
    expect(new Set(users.map((u) => u.id)).size).toBe(6);
    expect(new Set(users.map((u) => u.aadObjectId)).size).toBe(6);
    expect(text).toContain(`tenantId: ${SAMPLE_TENANT_ID}\n`);
    // The file lists the same people: the current user first, then the others as a YAML list.
    const ids = [...text.matchAll(/^ {2}(?:- )?id: '(29:[^']+)'$/gm)].map((m) => m[1]);
    expect(ids).toEqual(users.map((u) => u.id));
    expect(text).toMatch(/^currentUser:\n {2}id: '29:/m);
  });

  it('gives every user the agency their name says, as the bot\u2019s directory knows them', () => {
    for (const u of users) {
      const person = directory.find({ aadObjectId: u.aadObjectId, tenantId: yml.tenantId });
      expect(person).toBeDefined();
      expect(u.id).toBe(playgroundUserId(person!));
      const agency = policy.agencies.find((a) => a.id === person!.agencyId);
      if (person!.roles.includes('agency')) expect(u.name).toContain(`(${agency!.name})`);
      else if (person!.roles.includes('spoc')) expect(u.name).toMatch(/\(SPOC, .+\)$/);
      else expect(u.name).toContain('independent chair');
    }
  });

  it('makes you a police officer, who answers the police\u2019s return cards', () => {
    const police = policy.agencies.find((a) => a.kind === 'police')!;
    const me = directory.find({ aadObjectId: yml.currentUser.aadObjectId, tenantId: SAMPLE_TENANT_ID })!;
    expect(me.agencyId).toBe(police.id);
    expect(yml.currentUser.name).toContain(police.name);
    expect(yml.users.map((u) => u.name)).toContainEqual(expect.stringContaining('SPOC'));
  });

  it('mocks the community safety team with the case reviews channel the bot posts in', () => {
    expect(text).toContain(
      `team:\n  id: ${PLAYGROUND_TEAM.teamId}\n  name: Community Safety\n  aadGroupId: ${PLAYGROUND_TEAM.aadGroupId}\n` +
        `  channels:\n    - id: ${PLAYGROUND_TEAM.casesChannelId}\n      name: ASB case reviews\n`,
    );
  });

  it('lets you be any agency\u2019s member instead, and says who you are and how to switch in the banner', () => {
    for (const agency of policy.agencies) {
      const cast = playgroundCast(policy, agency.id);
      expect(cast.me.agencyId).toBe(agency.id);
      expect(cast.others).toHaveLength(PLAYGROUND_OTHER_USERS);
      expect(cast.others.map((p) => p.id)).not.toContain(cast.me.id);
    }
    const banner = playgroundBanner(policy, playgroundCast(policy), 'http://localhost:56150').join('\n');
    const police = policy.agencies.find((a) => a.kind === 'police')!;
    expect(banner).toContain(`You are ${playgroundCast(policy).me.name}, a member of ${police.name}`);
    expect(banner).toMatch(/PLAYGROUND_USER=\S+ npm start/);
    for (const agency of policy.agencies) expect(banner).toContain(agency.id);
    expect(() => playgroundCast(policy, 'atlantis')).toThrow(/PLAYGROUND_USER "atlantis" is nobody/);
  });
});

describe('the Playground config follows the policy, not a fixed list', () => {
  it('keeps each agency\u2019s person when a preset reorders or drops agencies', () => {
    const statutory = getPolicy('statutory');
    const reordered: Policy = {
      ...statutory,
      agencies: [...statutory.agencies].reverse().filter((a) => a.kind !== 'housing'),
    };
    const before = sampleDirectory(statutory).people.find((p) => p.agencyId === 'police')!;
    const after = playgroundCast(reordered).me;
    expect(after.aadObjectId).toBe(before.aadObjectId);
    expect(after.name).toContain('(Police)');
  });

  it('is what the project\u2019s own .m365agentsplayground.yml holds, for the statutory policy', () => {
    // Regenerate with `npm start -- --write-playground-config` when the statutory preset changes.
    const file = readFileSync(join(__dirname, '../..', PLAYGROUND_CONFIG_FILE), 'utf8');
    expect(file).toBe(playgroundYaml(getPolicy('statutory')));
  });
});
