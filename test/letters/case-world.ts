/**
 * The case stores, the rules and the sample people for one policy preset, on a SQLite file in a temp folder;
 * the clock is set by each test step. Shared by the letters and panel tests.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPolicy, type EventType, type PayloadOf, type Policy } from '../../shared';
import { openSqliteStores, type SqliteStores } from '../../bot/adapters/sqlite/sqlite-stores';
import type { Person } from '../../bot/api/contract';
import { caseProjector } from '../../bot/app/case-projector';
import { CaseService } from '../../bot/app/case-service';
import { LetterService } from '../../bot/app/letter-service';
import type { TemplateSet } from '../../bot/letters/templates';
import { sampleDirectory, type Directory } from '../../bot/app/directory';
import { sampleApplication } from '../support/case-builder';

export type PresetId = 'east-herts' | 'erewash' | 'statutory';

/** The agencies each preset calls the council, the police, housing and health. */
export const agenciesOf: Record<
  PresetId,
  { council: string; police: string; housing: string; health: string }
> = {
  'east-herts': { council: 'ehc', police: 'herts-police', housing: 'social-housing', health: 'icb' },
  erewash: { council: 'erewash-bc', police: 'derbyshire-police', housing: 'social-housing', health: 'icb' },
  statutory: { council: 'council', police: 'police', housing: 'housing', health: 'icb' },
};

export const VICTIM = {
  name: 'Alice Example',
  address: '12 Sample Road\nHertford SG13 1AA',
  email: 'alice.victim@example.org',
  phone: '07911 123456',
};
export const APPLICANT = {
  name: 'Bob Helper',
  address: '3 Other Street, Hertford',
  email: 'bob.helper@example.org',
};

export interface World {
  preset: PresetId;
  policy: Policy;
  stores: SqliteStores;
  service: CaseService;
  directory: Directory;
  spoc: Person;
  now: () => Date;
  /** Moves the clock to noon (UTC) of a date, or to an instant. */
  at(dateOrInstant: string): void;
  close(): Promise<void>;
}

export function createWorld(preset: PresetId, start = '2026-03-02'): World {
  const dir = mkdtempSync(join(tmpdir(), `asb-${preset}-`));
  let current = new Date(`${start}T12:00:00Z`);
  const now = () => current;
  const policy = getPolicy(preset);
  const stores = openSqliteStores({ dataDir: dir, projector: caseProjector(policy, now), clock: now });
  const directory = sampleDirectory(policy);
  const service = new CaseService({ ...stores, policy, directory, now });
  return {
    preset,
    policy,
    stores,
    service,
    directory,
    spoc: directory.get('spoc-1')!,
    now,
    at(value) {
      current = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
    },
    async close() {
      await stores.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens a case received today with three incidents reported to the police (enough for the threshold). */
export async function openCase(
  w: World,
  options: { thirdParty?: boolean; receivedOn?: string; withParties?: boolean; exclusions?: string[] } = {},
): Promise<{ caseId: string; reference: string }> {
  const a = agenciesOf[w.preset];
  const receivedOn = options.receivedOn ?? w.now().toISOString().slice(0, 10);
  const application = sampleApplication(receivedOn, ['2026-01-05', '2026-01-20', '2026-02-10']);
  if (options.thirdParty)
    application.applicant = { relationship: 'third-party', consentGiven: true, anonymous: false };
  if (options.exclusions) application.exclusions = options.exclusions;
  return w.service.openCase(
    {
      requestId: randomUUID(),
      receivedVia: 'email',
      application,
      agencies: [a.council, a.police, a.housing],
      title: 'Noise, Example Road area',
      ...(options.withParties === false
        ? {}
        : { parties: { victim: VICTIM, ...(options.thirdParty ? { applicant: APPLICANT } : {}) } }),
    },
    w.spoc,
  );
}

/** Records one event on `on` (the clock moves there first). */
export async function record<T extends EventType>(
  w: World,
  caseId: string,
  on: string,
  type: T,
  payload: PayloadOf<T>,
  by?: Person,
): Promise<void> {
  w.at(on);
  await w.service.recordEvent(caseId, { id: randomUUID(), type, payload }, by ?? w.spoc);
}

export async function decide(
  w: World,
  caseId: string,
  on: string,
  outcome: 'met' | 'not-met',
  reasons: string[] = [],
) {
  await record(w, caseId, on, 'threshold-decided', {
    decidedOn: on,
    notifiedOn: on,
    outcome,
    ...(outcome === 'met' ? { route: 'count' as const } : {}),
    advisedOutcome: outcome,
    reasons,
    decidedBy: 'spoc-1',
  });
}

/** The panel a test books: three distinct relevant bodies, directory people where the directory has them. */
export function panelMembers(w: World) {
  const a = agenciesOf[w.preset];
  return [
    { personId: `${a.council}-1`, name: 'Council member', agencyId: a.council, role: 'member' as const },
    { personId: `${a.police}-1`, name: 'Police inspector', agencyId: a.police, role: 'member' as const },
    {
      name: 'Housing officer',
      agencyId: a.housing,
      role: 'member' as const,
      email: 'housing.officer@partner.example',
    },
  ];
}

export const CHAIR = {
  personId: 'chair-1',
  name: 'Jordan Lee',
  organisation: 'North Herts Council',
  independent: true,
};

/** The letter service over a world (its store, rules and people), with the preset's templates or these. */
export function lettersOf(w: World, templates?: TemplateSet): LetterService {
  return new LetterService({
    service: w.service,
    cases: w.stores.cases,
    files: w.stores.files,
    policy: w.policy,
    directory: w.directory,
    now: w.now,
    ...(templates ? { templates } : {}),
  });
}

/** Fails naming each phrase the text lacks. */
export function expectToSay(text: string, phrases: readonly string[]): void {
  expect(phrases.filter((p) => !text.includes(p))).toEqual([]);
}
