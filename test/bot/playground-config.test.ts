import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getPolicy } from '../../shared';
import { PLAYGROUND_CONFIG_FILE, PLAYGROUND_TEAM } from '../../bot/adapters/local/playground';
import { sampleDirectory } from '../../bot/app/directory';

/** The Playground's mock tenant must match the sample directory, or local cards and reminders go nowhere. */
describe('.m365agentsplayground.yml', () => {
  const yml = readFileSync(join(__dirname, '../..', PLAYGROUND_CONFIG_FILE), 'utf8');
  const values = (key: string) =>
    [...yml.matchAll(new RegExp(`^\\s*-?\\s*${key}:\\s*(\\S+)\\s*$`, 'gm'))].map((m) => m[1]!);

  it('has the current user and 5 more users (the Playground needs at least 5), each a sample person', () => {
    const aad = values('aadObjectId').filter((v) => v !== PLAYGROUND_TEAM.aadGroupId);
    expect(aad).toHaveLength(6);
    const people = sampleDirectory(getPolicy('statutory')).people;
    expect(new Set(aad)).toEqual(new Set(people.map((p) => p.aadObjectId)));
  });

  it('mocks the community safety team with the case reviews channel the bot posts in', () => {
    expect(yml).toMatch(new RegExp(`^team:\\n\\s+id: ${PLAYGROUND_TEAM.teamId}$`, 'm'));
    expect(values('aadGroupId')).toEqual([PLAYGROUND_TEAM.aadGroupId]);
    expect(yml).toMatch(new RegExp(`- id: ${PLAYGROUND_TEAM.casesChannelId}\\n\\s+name: ASB case reviews`));
  });

  it('makes the current user a police officer, who can answer the Police return cards', () => {
    expect(yml).toMatch(/^currentUser:\n\s+id: 29:sample-police-1\n/m);
    const police = sampleDirectory(getPolicy('statutory')).get('police-1')!;
    expect(yml).toContain(`aadObjectId: ${police.aadObjectId}`);
  });
});
