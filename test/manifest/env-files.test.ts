import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadEnv, parseEnvFile } from '../../scripts/lib/app-package';

const envDir = path.resolve(__dirname, '../../env');

describe('env files', () => {
  it('parses KEY=VALUE, comments and quotes the way the toolkit writes them', () => {
    expect(
      parseEnvFile(
        [
          '# comment',
          'A=1',
          'B=" (dev)"',
          "C='x=y'",
          'D=',
          '  E = spaced  ',
          'F=0 8 * * 1-5',
          'G=v # note',
          'junk',
        ].join('\n'),
      ),
    ).toEqual({ A: '1', B: ' (dev)', C: 'x=y', D: '', E: 'spaced', F: '0 8 * * 1-5', G: 'v' });
  });

  it('reads .env.<env>, then the .user secrets file, then the process environment', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'asb-env-'));
    writeFileSync(path.join(dir, '.env.test'), 'A=file\nB=file\nC=file\n');
    writeFileSync(path.join(dir, '.env.test.user'), 'B=user\nC=user\n');
    const loaded = loadEnv('test', dir, { C: 'process' });
    expect(loaded.values).toMatchObject({ A: 'file', B: 'user', C: 'process' });
    expect(loaded.files.map((f) => path.basename(f))).toEqual(['.env.test', '.env.test.user']);
  });

  it('committed env files hold no secret values', () => {
    const committed = readdirSync(envDir, { withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.endsWith('.user') && e.name !== '.env.local')
      .map((e) => e.name);
    expect(committed).toEqual(expect.arrayContaining(['.env.dev', '.env.local.sample']));
    for (const name of committed) {
      const values = parseEnvFile(readFileSync(path.join(envDir, name), 'utf8'));
      for (const [key, value] of Object.entries(values)) {
        if (/SECRET|PASSWORD|CONNECTION_STRING/i.test(key))
          expect(`${name}: ${key}=${value}`).toBe(`${name}: ${key}=`);
      }
    }
  });
});
