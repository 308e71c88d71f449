import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** botbuilder reached end of support: it stays in one folder, so moving SDKs is that folder's work. */
it('imports botbuilder only under bot/adapters/teams', () => {
  const offenders = ['bot', 'shared', 'tab/src', 'scripts', 'bench']
    .flatMap((d) => files(join(root, d)))
    .filter((f) => /from ['"](botbuilder|botframework-)/.test(readFileSync(f, 'utf8')))
    .map((f) => relative(root, f))
    .filter((f) => !f.startsWith('bot/adapters/teams/'));
  expect(offenders).toEqual([]);
});
