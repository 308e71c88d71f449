/**
 * Small readers for infra/azure.bicep and the toolkit yml, enough for the tests here. No Bicep CLI
 * can be downloaded in CI, and the yml files follow one layout we control, so line-based parsing
 * is honest about what it checks.
 */

export interface BicepParam {
  name: string;
  type: string;
  hasDefault: boolean;
  secure: boolean;
}

/** Every top-level `param name type [= default]`, with the decorators just above it. */
export function bicepParams(bicep: string): BicepParam[] {
  const params: BicepParam[] = [];
  let decorators: string[] = [];
  let depth = 0; // inside a multi-line decorator argument, e.g. @allowed([ ... ])
  for (const raw of bicep.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (depth > 0) {
      depth += (line.match(/[([]/g) ?? []).length - (line.match(/[)\]]/g) ?? []).length;
      continue;
    }
    if (line.startsWith('@')) {
      decorators.push(line);
      depth = (line.match(/[([]/g) ?? []).length - (line.match(/[)\]]/g) ?? []).length;
      continue;
    }
    const match = /^param\s+([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z]+)\s*(=.*)?$/.exec(line);
    if (match) {
      params.push({
        name: match[1] ?? '',
        type: match[2] ?? '',
        hasDefault: Boolean(match[3]),
        secure: decorators.some((d) => d.startsWith('@secure(')),
      });
    }
    if (line) decorators = [];
  }
  return params;
}

/** `output NAME type = ...` names. */
export function bicepOutputs(bicep: string): string[] {
  return [...bicep.matchAll(/^output\s+([A-Za-z_][A-Za-z0-9_]*)\s/gm)].map((m) => m[1] ?? '');
}

/** The app settings between the `// app-settings:start` and `// app-settings:end` markers. */
export function bicepAppSettings(bicep: string): { name: string; value: string }[] {
  const start = bicep.indexOf('// app-settings:start');
  const end = bicep.indexOf('// app-settings:end');
  if (start < 0 || end < start) throw new Error('app-settings markers not found in azure.bicep');
  const block = bicep.slice(start, end);
  return [...block.matchAll(/name:\s*'([^']+)'\s*\n\s*value:\s*(.+)/g)].map((m) => ({
    name: m[1] ?? '',
    value: (m[2] ?? '').trim(),
  }));
}

export interface YmlAction {
  uses: string;
  /** The whole text of the action, for looking inside. */
  text: string;
  /** Variable names it writes: writeToEnvironmentFile values. */
  writes: string[];
}

/** The actions of one lifecycle stage (`provision:`, `deploy:`, `publish:`), in order. */
export function ymlStage(yml: string, stage: string): YmlAction[] {
  const lines = yml.split(/\r?\n/);
  const begin = lines.findIndex((l) => l === `${stage}:`);
  if (begin < 0) return [];
  const body: string[] = [];
  for (const line of lines.slice(begin + 1)) {
    if (/^\S/.test(line)) break;
    body.push(line);
  }
  const actions: YmlAction[] = [];
  let current: string[] | null = null;
  const flush = (): void => {
    if (!current) return;
    const text = current.join('\n');
    const uses = /- uses:\s*(\S+)/.exec(text)?.[1] ?? '';
    const writes: string[] = [];
    const w = /\n(\s+)writeToEnvironmentFile:\n((?:\1\s+.*\n?)+)/.exec(text);
    if (w) {
      for (const m of (w[2] ?? '').matchAll(/^\s+[A-Za-z]+:\s*([A-Z][A-Z0-9_]*)\s*$/gm))
        writes.push(m[1] ?? '');
    }
    actions.push({ uses, text, writes });
  };
  for (const line of body) {
    if (/^ {2}- uses:/.test(line)) {
      flush();
      current = [line];
    } else if (current) current.push(line);
  }
  flush();
  return actions;
}
