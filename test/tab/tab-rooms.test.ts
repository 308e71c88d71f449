/**
 * The tab's rooms (issue 14, point 5) stay as built: no import loop among the tab's modules, and from
 * outside tab/ only the contract (bot/api) and the rules (shared/), counting the lazy `import()`s that
 * ESLint's no-restricted-imports does not see. The lint rules themselves are shown to refuse a violation.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '../..');
const tabSrc = join(root, 'tab/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every module a file imports by a relative path: static, `export ... from`, and `import()`. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [
    ...text.matchAll(/(?:import|export)\s[^'";]*?from\s+'([^']+)'/g),
    ...text.matchAll(/import\(\s*'([^']+)'\s*\)/g),
  ].map((m) => m[1]!);
  return specs.filter((s) => s.startsWith('.')).map((s) => resolveModule(dirname(file), s));
}

function resolveModule(from: string, spec: string): string {
  const base = resolve(from, spec);
  for (const candidate of [
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
    base,
  ])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return base;
}

/** The import loops in a graph, each as the modules around it (Tarjan's strongly connected components). */
function loops(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const name = (path: string) => relative(root, path);

describe('the tab in rooms', () => {
  const files = sourceFiles(tabSrc);
  const graph = new Map(files.map((f) => [f, importsOf(f)]));

  it('has no import loop', () => {
    expect(loops(graph).map((loop) => loop.map(name))).toEqual([]);
  });

  it('finds a loop when there is one', () => {
    const g = new Map([
      ['app-context', ['auth/session']],
      ['auth/session', ['auth/host']],
      ['auth/host', ['app-context']],
      ['views/a', ['app-context']],
    ]);
    expect(loops(g)).toEqual([['app-context', 'auth/host', 'auth/session']]);
  });

  it('imports only the contract and the rules from outside tab/', () => {
    const outside = files.flatMap((f) =>
      importsOf(f)
        .map(name)
        .filter((target) => !target.startsWith('tab/'))
        .filter(
          (target) => !target.startsWith('bot/api/') && !target.startsWith('shared/') && target !== 'shared',
        )
        .map((target) => `${name(f)} -> ${target}`),
    );
    expect(outside).toEqual([]);
  });

  it('keeps each file under 500 lines', () => {
    const long = files.filter((f) => readFileSync(f, 'utf8').split('\n').length > 501).map(name);
    expect(long).toEqual([]);
  });
});

describe('the lint rules that keep the rooms', () => {
  /** ESLint's verdict on a file's text, as CI's `npm run lint` would give it. */
  const lint = (path: string, text: string): string[] => {
    const run = spawnSync(
      join(root, 'node_modules/.bin/eslint'),
      ['--stdin', '--stdin-filename', path, '--format', 'json'],
      { cwd: root, input: text, encoding: 'utf8' },
    );
    const [report] = JSON.parse(run.stdout) as { messages: { ruleId: string | null }[] }[];
    return (report?.messages ?? []).map((m) => m.ruleId ?? 'parse-error');
  };

  /** A file that imports one type from `from` and uses it. */
  const importing = (from: string) => `import type { T } from '${from}';\nexport type P = T;\n`;

  it.each([
    ['tab/src/views/probe.ts', '../../../bot/app/panel-service', ['no-restricted-imports']],
    ['tab/src/views/probe.ts', '../../../bot/server/panel-routes', ['no-restricted-imports']],
    ['tab/src/views/probe.ts', '../../../bot/api/contract', []],
    ['tab/src/views/probe.ts', '../../../shared', []],
    ['bot/api/probe.ts', '../app/case-service', ['no-restricted-imports']],
    ['bot/api/probe.ts', '../../shared', []],
  ])('lints %s importing %s: %j', (path, from, rules) => {
    expect(lint(path, importing(from))).toEqual(rules);
  });

  it('refuses a source file over 500 lines', () => {
    const long = Array.from({ length: 501 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';
    expect(lint('tab/src/probe.ts', long)).toEqual(['max-lines']);
    expect(lint('bot/server/probe.ts', long)).toEqual(['max-lines']);
  });
});
