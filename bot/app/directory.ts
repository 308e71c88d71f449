import { readFileSync } from 'node:fs';
import { problemsOf, type Policy } from '../../shared';
import { directorySchema, type Person } from '../api/contract';
import { stableUuid } from './stable-uuid';

/**
 * Who is who: the SPOC(s), each agency's members, panel members. Configuration, not case data. The people
 * belong to one Entra tenant, the council's (`tenantId`).
 */
export class Directory {
  private readonly byId = new Map<string, Person>();

  constructor(
    readonly people: readonly Person[],
    /** The council's tenant: an identity from any other tenant is nobody here. */
    readonly tenantId?: string,
  ) {
    for (const p of people) this.byId.set(p.id, p);
  }

  get(id: string): Person | undefined {
    return this.byId.get(id);
  }

  /**
   * Finds the person a Teams or Entra identity belongs to: by Entra object id within the council's tenant
   * (`oid` + `tid`), as Microsoft advises. Never by email, UPN or `preferred_username`: those can be
   * changed or reused, so a match on them could hand one person's cases to another.
   */
  find(identity: { aadObjectId?: string; tenantId?: string }): Person | undefined {
    const { aadObjectId, tenantId } = identity;
    if (!aadObjectId || !tenantId) return undefined;
    if (!this.tenantId || tenantId.toLowerCase() !== this.tenantId.toLowerCase()) return undefined;
    const oid = aadObjectId.toLowerCase();
    return this.people.find((p) => p.aadObjectId?.toLowerCase() === oid);
  }

  nameOf(id: string): string {
    return this.byId.get(id)?.name ?? id;
  }

  membersOf(agencyId: string): Person[] {
    return this.people.filter((p) => p.agencyId === agencyId);
  }
}

/**
 * Reads and checks PEOPLE_FILE; every problem is reported by its path, and agencies must be the policy's.
 * `tenantId` is the council's Entra tenant (TENANT_ID), the only one whose people it knows.
 */
export function loadDirectory(path: string, policy: Policy, tenantId?: string): Directory {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`PEOPLE_FILE ${path} could not be read as JSON: ${(err as Error).message}`);
  }
  const result = directorySchema.safeParse(json);
  if (!result.success)
    throw new Error(
      `PEOPLE_FILE ${path} is not valid:\n${problemsOf(result.error)
        .map((p) => `  - ${p.path}: ${p.message}`)
        .join('\n')}`,
    );
  const agencies = new Set(policy.agencies.map((a) => a.id));
  const wrong = result.data.people.filter((p) => p.agencyId && !agencies.has(p.agencyId));
  if (wrong.length)
    throw new Error(
      `PEOPLE_FILE ${path} names agencies the policy "${policy.id}" does not have: ${wrong.map((p) => `${p.id} (${p.agencyId})`).join(', ')}.`,
    );
  return new Directory(result.data.people, tenantId);
}

const names = [
  'Alex Morgan',
  'Priya Shah',
  'Tom Evans',
  'Grace Okafor',
  'Dan Murphy',
  'Hannah Clarke',
  'Omar Aziz',
  'Ruth Green',
];

/** Sample people's Entra object ids: the Agents Playground's users (bot/adapters/local/playground-config.ts). */
export const sampleAadObjectId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * A sample agency member's Entra object id, derived from the agency's id rather than its place in the
 * policy, so the same person keeps the same id (and the Playground user the same agency) whatever order
 * or set of agencies a preset lists.
 */
export const sampleMemberAadObjectId = (agencyId: string) => stableUuid('sample-agency-member', agencyId);

/** The sample people's tenant: the Agents Playground's mock tenant in local mode. */
export const SAMPLE_TENANT_ID = '00000000-0000-4000-8000-0000000000aa';

/**
 * Local mode's people, made from the policy so every agency has a member to sign in as: one SPOC at the
 * first council, one member per agency, and an independent panel chair.
 */
export function sampleDirectory(policy: Policy, tenantId: string = SAMPLE_TENANT_ID): Directory {
  const council = policy.agencies.find((a) => a.kind === 'council') ?? policy.agencies[0]!;
  const people: Person[] = [
    {
      id: 'spoc-1',
      name: 'Sam Patel',
      email: 'sam.patel@council.example',
      roles: ['spoc', 'manager'],
      agencyId: council.id,
      aadObjectId: sampleAadObjectId(1),
    },
  ];
  policy.agencies.forEach((agency, i) => {
    people.push({
      id: `${agency.id}-1`,
      name: `${names[i % names.length]} (${agency.name})`,
      email: `member1@${agency.id}.example`,
      roles: ['agency'],
      agencyId: agency.id,
      aadObjectId: sampleMemberAadObjectId(agency.id),
      // Housing providers' staff are often outside the council's Teams: they answer by email and web page.
      ...(agency.kind === 'housing' ? { notify: 'email' as const } : {}),
    });
  });
  people.push({
    id: 'chair-1',
    name: 'Jordan Lee (independent chair)',
    email: 'jordan.lee@neighbour.example',
    roles: ['panel'],
    aadObjectId: sampleAadObjectId(99),
  });
  return new Directory(people, tenantId);
}
