/**
 * The Agents Playground's mock tenant (`.m365agentsplayground.yml`), made from the policy in force: its
 * users are the sample directory's people (bot/app/directory.ts), so each Playground user is the person,
 * and of the agency, their name says - whatever agencies the preset lists and in whatever order.
 *
 * The Playground holds the current user and exactly five others (its config schema), and cannot switch
 * user while it runs: who you are is chosen when it starts (`PLAYGROUND_USER`, an agency id or a person id;
 * by default a member of the police), and the other five are the SPOC, then the other agencies' members
 * (relevant bodies first), then the independent chair.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Policy } from '../../../shared';
import type { Person } from '../../api/contract';
import { sampleDirectory, SAMPLE_TENANT_ID } from '../../app/directory';
import { PLAYGROUND_CONFIG_FILE, PLAYGROUND_TEAM } from './playground';

/** The Playground allows exactly this many users besides the current one. */
export const PLAYGROUND_OTHER_USERS = 5;

export const PLAYGROUND_BOT = { id: '28:asb-case-review-bot', name: 'ASB Case Review' } as const;

export interface PlaygroundCast {
  /** Who the Playground's user is. */
  me: Person;
  /** The five other users of the mock tenant. */
  others: Person[];
  /** What PLAYGROUND_USER accepts: an agency id (its member) or a person id, with who that is. */
  choices: { key: string; name: string }[];
}

/** The Playground user id of a sample person. */
export const playgroundUserId = (person: Person) => `29:sample-${person.id}`;

/** Who the Playground's users are for this policy, with `as` (an agency or person id) as the current one. */
export function playgroundCast(policy: Policy, as?: string): PlaygroundCast {
  const directory = sampleDirectory(policy);
  const people = directory.people;
  const memberOf = (agencyId: string) =>
    people.find((p) => p.agencyId === agencyId && p.roles.includes('agency'));
  const choices = [
    ...policy.agencies.flatMap((a) => {
      const member = memberOf(a.id);
      return member ? [{ key: a.id, name: member.name }] : [];
    }),
    ...people.filter((p) => !p.roles.includes('agency')).map((p) => ({ key: p.id, name: p.name })),
  ];
  const police = policy.agencies.find((a) => a.kind === 'police');
  const wanted = as?.trim() || police?.id || policy.agencies[0]!.id;
  const me = memberOf(wanted) ?? directory.get(wanted);
  if (!me)
    throw new Error(
      `PLAYGROUND_USER "${wanted}" is nobody in the "${policy.id}" policy; use one of: ${choices.map((c) => c.key).join(', ')}.`,
    );
  const relevant = new Set(policy.agencies.filter((a) => a.relevantBody).map((a) => a.id));
  const members = policy.agencies
    .map((a) => memberOf(a.id))
    .filter((p): p is Person => !!p)
    .sort((a, b) => Number(relevant.has(b.agencyId!)) - Number(relevant.has(a.agencyId!)));
  const spoc = people.find((p) => p.roles.includes('spoc'));
  const chair = people.find((p) => p.roles.includes('panel'));
  const order = [spoc, ...members, chair].filter((p): p is Person => !!p && p.id !== me.id);
  return { me, others: order.slice(0, PLAYGROUND_OTHER_USERS), choices };
}

/** The name the Playground shows: the directory's, which names the agency; the SPOC's says so too. */
function displayName(policy: Policy, person: Person): string {
  if (!person.roles.includes('spoc')) return person.name;
  const agency = policy.agencies.find((a) => a.id === person.agencyId);
  return `${person.name} (SPOC${agency ? `, ${agency.name}` : ''})`;
}

export interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

function playgroundUser(policy: Policy, person: Person): PlaygroundUser {
  const bare = person.name.replace(/\s*\(.*\)\s*$/, '');
  const [given = bare, ...rest] = bare.split(' ');
  const email = person.email ?? `${person.id}@council.example`;
  return {
    id: playgroundUserId(person),
    name: displayName(policy, person),
    userPrincipleName: email, // sic: the Playground's config schema spells it so
    aadObjectId: person.aadObjectId ?? '',
    givenName: given,
    surname: rest.join(' ') || given,
    email,
  };
}

/** The mock tenant's people, as the Playground's config file lists them. */
export function playgroundUsers(
  policy: Policy,
  as?: string,
): { currentUser: PlaygroundUser; users: PlaygroundUser[] } {
  const { me, others } = playgroundCast(policy, as);
  return { currentUser: playgroundUser(policy, me), users: others.map((p) => playgroundUser(policy, p)) };
}

/** A YAML single-quoted string (a quote inside is doubled). */
const q = (value: string) => `'${value.replace(/'/g, "''")}'`;

const yamlUser = (u: PlaygroundUser, first: string, rest: string) =>
  Object.entries(u).map(([k, v], i) => `${i === 0 ? first : rest}${k}: ${q(v)}`);

/** The `.m365agentsplayground.yml` for this policy and current user. */
export function playgroundYaml(policy: Policy, as?: string): string {
  const { currentUser, users } = playgroundUsers(policy, as);
  return [
    '# yaml-language-server: $schema=https://aka.ms/teams-app-test-tool-config/0.1.1/config.schema.json',
    `# GENERATED by bot/adapters/local/playground-config.ts for the "${policy.id}" policy: do not edit.`,
    '# The Agents Playground mock tenant for local mode: its users are the sample directory of the policy',
    '# (bot/app/directory.ts), matched by aadObjectId and tenant; the team is the community safety team,',
    '# whose "ASB case reviews" channel gets each case\u2019s cards. `npm start` writes this file under',
    '# DATA_DIR/playground for the policy in force; PLAYGROUND_USER=<agency id> chooses who you are.',
    "version: '0.1.1'",
    `tenantId: ${SAMPLE_TENANT_ID}`,
    'bot:',
    `  id: ${q(PLAYGROUND_BOT.id)}`,
    `  name: ${q(PLAYGROUND_BOT.name)}`,
    'currentUser:',
    ...yamlUser(currentUser, '  ', '  '),
    'users:',
    ...users.flatMap((u) => yamlUser(u, '  - ', '    ')),
    'personalChat:',
    '  id: personal-chat-asb-case-review',
    'groupChat:',
    '  id: community-safety-partnership-chat',
    '  name: Community Safety Partnership',
    'team:',
    `  id: ${PLAYGROUND_TEAM.teamId}`,
    '  name: Community Safety',
    `  aadGroupId: ${PLAYGROUND_TEAM.aadGroupId}`,
    '  channels:',
    `    - id: ${PLAYGROUND_TEAM.casesChannelId}`,
    '      name: ASB case reviews',
    '',
  ].join('\n');
}

/** Writes the config into `dir` (the Playground reads it from its working folder) and returns the cast. */
export function writePlaygroundConfig(dir: string, policy: Policy, as?: string): PlaygroundCast {
  const cast = playgroundCast(policy, as);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, PLAYGROUND_CONFIG_FILE), playgroundYaml(policy, as));
  return cast;
}

/** The start banner's lines: who you are in the Playground, and how to be someone else. */
export function playgroundBanner(policy: Policy, cast: PlaygroundCast, playgroundUrl: string): string[] {
  const agency = cast.me.agencyId ? policy.agencies.find((a) => a.id === cast.me.agencyId) : undefined;
  const role = cast.me.roles.includes('spoc')
    ? 'the SPOC'
    : agency
      ? `a member of ${agency.name}: you answer ${agency.name}\u2019s return cards`
      : 'the independent panel chair';
  return [
    `Agents Playground: ${playgroundUrl}/  (policy "${policy.id}"; case cards appear in "ASB case reviews")`,
    `  You are ${cast.me.name}, ${role}.`,
    '  To answer as another agency, stop (Ctrl-C) and start again as one of them, e.g.',
    `    PLAYGROUND_USER=${cast.choices.find((c) => c.key !== (cast.me.agencyId ?? cast.me.id))?.key ?? 'spoc-1'} npm start`,
    `  PLAYGROUND_USER is one of: ${cast.choices.map((c) => `${c.key} (${c.name})`).join(', ')}.`,
  ];
}
