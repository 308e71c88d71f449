/**
 * Builds the Teams + Outlook app package offline.
 *
 *   npm run package                      # env "dev": env/.env.dev (+ .env.dev.user) + process env
 *   npm run package -- --env prod        # env/.env.prod
 *   npm run package -- --sample          # built-in sample values, no env files (CI, first look)
 *   npm run package -- --sync-yml        # also regenerate m365agents*.yml from teamsapp*.yml
 *
 * Fills every ${{X}} in manifest/manifest.json (fails listing each one without a value), validates
 * the result against the official schema bundled in @microsoft/app-manifest (no network), checks
 * the icons, and writes appPackage/build/appPackage.<env>.zip plus manifest.<env>.json beside it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildAppPackage, loadEnv, MissingValuesError, SAMPLE_VALUES } from './lib/app-package';
import { syncGeneratedYml, ymlSyncState } from './lib/toolkit-yml';

interface Options {
  env: string;
  sample: boolean;
  syncYml: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { env: process.env.TEAMSFX_ENV || 'dev', sample: false, syncYml: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--env' || arg === '-e') options.env = argv[++i] ?? '';
    else if (arg?.startsWith('--env=')) options.env = arg.slice('--env='.length);
    else if (arg === '--sample') options.sample = true;
    else if (arg === '--sync-yml') options.syncYml = true;
    else throw new Error(`Unknown argument "${arg}". Use --env <name>, --sample or --sync-yml.`);
  }
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(options.env))
    throw new Error(`"${options.env}" is not an environment name.`);
  if (options.sample) options.env = 'sample';
  return options;
}

async function main(): Promise<number> {
  const root = process.cwd();
  const options = parseArgs(process.argv.slice(2));

  if (options.syncYml) {
    const written = syncGeneratedYml(root);
    console.log(
      written.length ? `Regenerated ${written.join(', ')}.` : 'm365agents*.yml already match teamsapp*.yml.',
    );
  } else {
    const stale = ymlSyncState(root).filter((s) => s.stale);
    for (const s of stale)
      console.warn(`warning: ${s.generated} is out of date with ${s.source}; run with --sync-yml.`);
  }

  let values: Record<string, string | undefined>;
  if (options.sample) {
    values = { ...SAMPLE_VALUES };
    console.log('Using the built-in sample values (not for upload to a tenant).');
  } else {
    const loaded = loadEnv(options.env, path.join(root, 'env'));
    console.log(
      loaded.files.length
        ? `Environment "${options.env}": ${loaded.files.map((f) => path.relative(root, f)).join(', ')} + process env.`
        : `Environment "${options.env}": no env/.env.${options.env} file; using the process env only.`,
    );
    values = loaded.values;
  }

  let built;
  try {
    built = await buildAppPackage(path.join(root, 'manifest'), values);
  } catch (error) {
    if (error instanceof MissingValuesError) {
      console.error(`Cannot build the package for "${options.env}": ${error.message}`);
      console.error(
        'Provision first (atk provision --env ' + options.env + '), or set them in env/ or the environment.',
      );
      return 1;
    }
    throw error;
  }

  const manifestVersion = String(built.manifest.manifestVersion);
  if (built.problems.length) {
    console.error(`manifest.json (v${manifestVersion}) has ${built.problems.length} problem(s):`);
    for (const problem of built.problems) console.error(`  - ${problem}`);
    return 1;
  }
  console.log(`manifest.json valid against the bundled v${manifestVersion} schema; icons checked.`);

  const outDir = path.join(root, 'appPackage', 'build');
  mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `appPackage.${options.env}.zip`);
  writeFileSync(path.join(outDir, `manifest.${options.env}.json`), built.manifestText);
  writeFileSync(zipPath, built.zip);
  console.log(`Wrote ${path.relative(root, zipPath)} (${built.zip.length} bytes).`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
