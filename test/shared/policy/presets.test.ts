import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyError } from '../../../shared';
import { getPolicy, panelQuorum, parsePolicy, presetIds, type Policy } from '../../../shared';

/**
 * Every value in a preset says where it comes from: a sidecar `<preset>.sources.json` maps a path to the seed
 * section and the words it quotes (checked here against the seed's text), to the Act, or to a product
 * default with the reason. A value with no source, or a quote the seed does not contain, fails.
 */

const presetsDir = join(__dirname, '../../../shared/policy/presets');
const seeds: Record<string, string> = {
  'east-herts': readFileSync(join(__dirname, 'seeds/east-herts-policy.txt'), 'utf8'),
  erewash: readFileSync(join(__dirname, 'seeds/erewash-page.txt'), 'utf8'),
};
const words = (s: string) => s.replace(/[\s\uf0b7]+/g, ' ').trim();

type Source = { from: string; quote: string } | { default: string } | { act: string };

/** Every leaf of a preset by path: `clocks.acknowledgement.amount`, `agencies[ehc].name`. */
function leaves(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) return [path];
    return value.flatMap((v, i) => leaves(v, `${path}[${(v as { id?: string }).id ?? i}]`));
  }
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [path];
}

const covers = (key: string, path: string) =>
  path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`);

describe.each(presetIds)('the %s preset', (id) => {
  const raw = JSON.parse(readFileSync(join(presetsDir, `${id}.json`), 'utf8')) as Record<string, unknown>;
  const sources = JSON.parse(readFileSync(join(presetsDir, `${id}.sources.json`), 'utf8')) as Record<
    string,
    Source
  >;

  it('gives every value a source', () => {
    const missing = leaves(raw).filter((p) => !Object.keys(sources).some((k) => covers(k, p)));
    expect(missing).toEqual([]);
  });

  it('cites only paths the preset has', () => {
    const paths = leaves(raw);
    expect(Object.keys(sources).filter((k) => !paths.some((p) => covers(k, p)))).toEqual([]);
  });

  it("quotes the seed's own words", () => {
    const seed = seeds[id];
    for (const [path, source] of Object.entries(sources)) {
      if (!('quote' in source)) continue;
      expect({ path, found: !!seed && words(seed).includes(words(source.quote)) }).toEqual({
        path,
        found: true,
      });
    }
  });

  it('turns on the 2025 guidance duties', () => {
    expect(getPolicy(id).duties).toEqual({
      acknowledgeThirdParty: true,
      consultVictimOnActionPlan: true,
      closureNotice: true,
    });
  });
});

describe('East Herts: who counts where (s.6, s.12)', () => {
  const eh = getPolicy('east-herts');

  it('lists the s.6 relevant bodies, the PCC and the county council among them', () => {
    expect(eh.agencies.filter((a) => a.relevantBody).map((a) => a.id)).toEqual([
      'ehc',
      'hcc',
      'herts-police',
      'herts-pcc',
      'icb',
      'social-housing',
    ]);
  });

  // s.12: "As a minimum, the panel must include three representatives from: East Herts District Councils
  // Community Safety Team; Safe Neighbourhood Team Inspector; Social Housing Provider; East and North Herts CCG".
  it('counts only the s.12 list toward the panel minimum: the county council and the PCC do not count', () => {
    const q = panelQuorum(
      [{ agencyId: 'ehc' }, { agencyId: 'hcc' }, { agencyId: 'herts-pcc' }, { agencyId: 'herts-police' }],
      eh,
    );
    expect(q).toMatchObject({ met: false, bodies: ['ehc', 'herts-police'], others: ['hcc', 'herts-pcc'] });
    expect(
      panelQuorum([{ agencyId: 'ehc' }, { agencyId: 'herts-police' }, { agencyId: 'icb' }], eh).met,
    ).toBe(true);
  });

  it("names the chair's sources and the fallback chairs (s.12)", () => {
    expect(eh.panel.chair).toBe('independent-neighbouring-authority');
    expect(eh.panel.chairSources).toContain('North Herts Council');
    expect(eh.panel.chairFallback).toEqual([
      'Community Safety & ASB Manager, East Herts District Council',
      'Community WellBeing & Partnerships Manager, East Herts District Council',
    ]);
  });

  it('has neither the hate nor the community route (s.5)', () => {
    expect([eh.threshold.hate.enabled, eh.threshold.community.enabled]).toEqual([false, false]);
  });
});

describe("Erewash's own exclusion grounds", () => {
  it('refuses in its own words: "prejudicial, discriminatory, malicious, unreasonable or vexatious"', () => {
    const ground = getPolicy('erewash').exclusions.find((g) => g.id === 'vexatious');
    expect(ground?.letterText).toBe(
      'Community Trigger applications may be rejected if they are thought to be prejudicial, discriminatory, malicious, unreasonable or vexatious.',
    );
  });
});

describe('the policy parts are validated', () => {
  const base = () => getPolicy('east-herts') as Policy & Record<string, unknown>;
  const problems = (doc: unknown) => {
    try {
      parsePolicy(doc);
      return [];
    } catch (err) {
      return (err as PolicyError).problems;
    }
  };

  it('refuses a panel list naming an unknown agency, or too short for the minimum', () => {
    const p = base();
    expect(problems({ ...p, panel: { ...p.panel, quorumBodies: ['ehc', 'atlantis'] } })).toEqual([
      expect.objectContaining({
        path: 'panel.quorumBodies[1]',
        message: expect.stringContaining('"atlantis"'),
      }),
      expect.objectContaining({ path: 'panel.minimumDistinctBodies' }),
    ]);
  });

  it('asks for the neighbouring authorities by name when the chair comes from one, and refuses the own council', () => {
    const p = base();
    expect(problems({ ...p, panel: { ...p.panel, chairSources: [] } })).toEqual([
      expect.objectContaining({ path: 'panel.chairSources' }),
    ]);
    expect(problems({ ...p, panel: { ...p.panel, chairSources: ['East Herts District Council'] } })).toEqual([
      expect.objectContaining({ path: 'panel.chairSources[0]', message: expect.stringContaining('own') }),
    ]);
  });

  it('accepts an exclusion ground by its code (the product wording) or in the council’s words, never twice', () => {
    const p = base();
    const parsed = parsePolicy({
      ...p,
      exclusions: ['cps-decision', { id: 'nuisance', label: 'N', letterText: 'T.' }],
    });
    expect(parsed.exclusions.map((g) => g.id)).toEqual(['cps-decision', 'nuisance']);
    expect(parsed.exclusions[0]?.letterText).toMatch(/Crown Prosecution Service/);
    expect(problems({ ...p, exclusions: ['vexatious', 'vexatious'] })).toEqual([
      expect.objectContaining({ path: 'exclusions[1]', message: expect.stringContaining('twice') }),
    ]);
    expect(
      problems({ ...p, exclusions: [{ id: 'Bad Id', label: '', letterText: 'x' }] }).map((x) => x.path),
    ).toEqual(['exclusions[0].id', 'exclusions[0].label']);
  });

  it('turns the duties on when an older policy file leaves them out', () => {
    const p = base();
    delete (p as Record<string, unknown>).duties;
    expect(parsePolicy(p).duties.closureNotice).toBe(true);
  });
});
