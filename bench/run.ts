/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the command line) and prints
 * the figures with their targets. Figures are measured on this machine; docs/benchmarks.md records them.
 */
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  console.log(`node ${process.version}, ${cpus().length} cores`);
  for (const file of files) {
    console.log(`\n# ${file.replace('.bench.ts', '')}`);
    const mod = (await import(pathToFileURL(join(__dirname, file)).href)) as { default: () => Promise<void> };
    await mod.default();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
