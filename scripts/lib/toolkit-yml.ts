/**
 * One source for the Microsoft 365 Agents Toolkit lifecycle files.
 *
 * The design card names `teamsapp.yml` (read by the Teams Toolkit CLI, `teamsapp`). The current
 * toolkit CLI, `atk`, looks for `m365agents.yml` first and only then falls back to `teamsapp.yml`
 * (checked in @microsoft/m365agentstoolkit-cli 1.1.17, pathUtils.getYmlFilePath). So the
 * `teamsapp*.yml` files are the source and each `m365agents*.yml` is a generated copy behind a
 * header: never two copies to keep in step by hand. `npm run package -- --sync-yml` writes them;
 * test/infra/toolkit-yml.test.ts fails when one is stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** [source, generated] pairs; the playground file is `teamsapp.testtool.yml` in the old naming. */
export const GENERATED_YML: readonly (readonly [source: string, generated: string])[] = [
  ['teamsapp.yml', 'm365agents.yml'],
  ['teamsapp.local.yml', 'm365agents.local.yml'],
  ['teamsapp.testtool.yml', 'm365agents.playground.yml'],
];

export function generatedHeader(source: string): string {
  return (
    `# GENERATED from ${source} by \`npm run package -- --sync-yml\`. Do not edit: edit ${source}.\n` +
    `# (atk reads this file; the teamsapp CLI reads ${source}; a test keeps them identical.)\n`
  );
}

export function renderGenerated(source: string, sourceText: string): string {
  return generatedHeader(source) + sourceText;
}

export interface YmlSyncState {
  source: string;
  generated: string;
  /** True when the generated file is missing or differs from what the source renders to. */
  stale: boolean;
}

export function ymlSyncState(root: string): YmlSyncState[] {
  return GENERATED_YML.map(([source, generated]) => {
    const expected = renderGenerated(source, readFileSync(path.join(root, source), 'utf8'));
    const target = path.join(root, generated);
    const stale = !existsSync(target) || readFileSync(target, 'utf8') !== expected;
    return { source, generated, stale };
  });
}

/** Rewrites every stale generated file; returns the ones it wrote. */
export function syncGeneratedYml(root: string): string[] {
  const written: string[] = [];
  for (const state of ymlSyncState(root)) {
    if (!state.stale) continue;
    const text = readFileSync(path.join(root, state.source), 'utf8');
    writeFileSync(path.join(root, state.generated), renderGenerated(state.source, text));
    written.push(state.generated);
  }
  return written;
}
