/**
 * The pure pieces of `npm run package` (scripts/package-app.ts), kept apart so tests import them:
 * read toolkit env files, fill `${{X}}` placeholders, validate the manifest offline against the
 * schema bundled in @microsoft/app-manifest, check the icons, and zip the Teams app package.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppManifestUtils as AppManifestUtilsClass } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { PNG } from 'pngjs';

type AppManifest = Parameters<typeof AppManifestUtilsClass.validateAgainstSchema>[0];
type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtilsClass.validateAgainstSchema>[1]>;

/** A manifest as plain JSON; the tests and checks below read it loosely on purpose. */
export type Json = { [key: string]: unknown };

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Values that make a valid package without a tenant (tests, `npm run package -- --sample`). */
export const SAMPLE_VALUES: Readonly<Record<string, string>> = {
  TEAMS_APP_ID: '3f5b7c1e-2d4a-4e8b-9c6d-1a2b3c4d5e6f',
  BOT_ID: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  AAD_APP_CLIENT_ID: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  TAB_DOMAIN: 'asbcr-sample.azurewebsites.net',
  TAB_ENDPOINT: 'https://asbcr-sample.azurewebsites.net',
  APP_NAME_SUFFIX: ' (sample)',
  COUNCIL_NAME: 'Sample District Council',
  PRIVACY_URL: 'https://www.sample.gov.uk/privacy/community-safety',
  TERMS_URL: 'https://www.sample.gov.uk/it-acceptable-use',
};

/** Parses a toolkit `.env` file: KEY=VALUE lines, `#` comments, optional quotes around values. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2] ?? '';
    else value = value.replace(/\s+#.*$/, '');
    values[key] = value;
  }
  return values;
}

export interface LoadedEnv {
  values: Record<string, string>;
  /** The env files that existed and were read, in order (later ones win). */
  files: string[];
}

/**
 * Reads `env/.env.<name>` then `env/.env.<name>.user` (the toolkit's git-ignored secrets file);
 * variables already set in the process environment win, so CI can supply everything.
 */
export function loadEnv(
  envName: string,
  envDir: string,
  processEnv: NodeJS.ProcessEnv = process.env,
): LoadedEnv {
  const values: Record<string, string> = {};
  const files: string[] = [];
  for (const file of [`.env.${envName}`, `.env.${envName}.user`]) {
    const full = path.join(envDir, file);
    if (!existsSync(full)) continue;
    Object.assign(values, parseEnvFile(readFileSync(full, 'utf8')));
    files.push(full);
  }
  for (const [key, value] of Object.entries(processEnv)) if (value !== undefined) values[key] = value;
  return { values, files };
}

/** Every distinct `${{X}}` name in the text, sorted. */
export function findPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))].sort();
}

export class MissingValuesError extends Error {
  constructor(readonly missing: string[]) {
    super(
      `${missing.length} placeholder${missing.length === 1 ? ' has' : 's have'} no value:\n` +
        missing.map((name) => `  - ${name}`).join('\n'),
    );
    this.name = 'MissingValuesError';
  }
}

/**
 * Fills every `${{X}}` in a JSON template. Values are escaped for a JSON string, because every
 * placeholder sits inside one. An empty value counts as missing: the toolkit leaves generated ids
 * empty until provisioning, and a package built with them would be broken.
 */
export function substitute(template: string, values: Readonly<Record<string, string | undefined>>): string {
  const missing = findPlaceholders(template).filter((name) => !values[name]);
  if (missing.length) throw new MissingValuesError(missing);
  return template.replace(PLACEHOLDER, (_match, name: string) => JSON.stringify(values[name]).slice(1, -1));
}

/** Where @microsoft/app-manifest keeps its Teams manifest schemas (`v1.0` ... `v1.30`). */
export function bundledTeamsSchemaDir(): string {
  // require.resolve finds build/index.js; the schemas sit beside it.
  return path.join(path.dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', 'teams');
}

/** Maps the manifest's `$schema` URL to the schema file bundled in @microsoft/app-manifest. */
export function bundledSchemaPath(schemaUrl: string): string {
  const match =
    /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?json-schemas\/teams\/(.+)$/i.exec(
      schemaUrl,
    );
  if (!match) throw new Error(`$schema "${schemaUrl}" is not a Teams manifest schema URL.`);
  return path.join(bundledTeamsSchemaDir(), match[1] ?? '');
}

/** The newest Teams manifest schema version bundled (e.g. "1.30"): the one we target. */
export function newestBundledManifestVersion(): string {
  const versions = readdirSync(bundledTeamsSchemaDir())
    .map((name) => /^v(\d+)\.(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [Number(m[1]), Number(m[2])] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const newest = versions.at(-1);
  if (!newest) throw new Error(`No Teams manifest schemas found in ${bundledTeamsSchemaDir()}.`);
  return `${newest[0]}.${newest[1]}`;
}

/**
 * Validates against the official schema, offline. The schema is read from the package and passed
 * in, so the validator never falls back to downloading it.
 */
export async function validateAgainstSchema(manifest: Json): Promise<string[]> {
  const schemaUrl = manifest.$schema;
  if (typeof schemaUrl !== 'string') return ['$schema: missing'];
  const file = bundledSchemaPath(schemaUrl);
  if (!existsSync(file)) {
    return [
      `$schema: ${schemaUrl} is not bundled in @microsoft/app-manifest (looked for ${file}); not going online`,
    ];
  }
  // The same clean-up the package applies to schemas it loads itself (\a and \v escapes).
  const raw = readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const schema = JSON.parse(raw) as ManifestSchema;
  // Loaded on first use: only validation needs it (it pulls in ajv and an ES module, strip-bom).
  const { AppManifestUtils } = await import('@microsoft/app-manifest');
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema);
  return errors.map((e) => `schema: ${e.trim() || '(document)'}`);
}

function hostMatches(host: string, domain: string): boolean {
  if (domain.startsWith('*.')) return host.endsWith(domain.slice(1)) && host.length > domain.length - 1;
  return host === domain;
}

function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

/**
 * Rules Teams enforces at upload that the JSON schema cannot express: every page the app loads is
 * on a valid domain, and the SSO resource is `api://<valid domain>/<client id>`.
 */
export function checkManifestRules(manifest: Json): string[] {
  const problems: string[] = [];
  const domains = asArray(manifest.validDomains) as unknown as string[];
  const pages: [string, unknown][] = [];
  asArray(manifest.staticTabs).forEach((tab, i) => {
    pages.push(
      [`staticTabs[${i}].contentUrl`, tab.contentUrl],
      [`staticTabs[${i}].websiteUrl`, tab.websiteUrl],
    );
  });
  asArray(manifest.configurableTabs).forEach((tab, i) =>
    pages.push([`configurableTabs[${i}].configurationUrl`, tab.configurationUrl]),
  );
  asArray(manifest.extensions).forEach((ext, i) =>
    asArray(ext.runtimes).forEach((rt, j) =>
      pages.push([`extensions[${i}].runtimes[${j}].code.page`, (rt.code as Json)?.page]),
    ),
  );
  for (const [where, url] of pages) {
    if (url === undefined) continue;
    let parsed: URL;
    try {
      parsed = new URL(String(url));
    } catch {
      problems.push(`${where}: "${String(url)}" is not a URL`);
      continue;
    }
    if (parsed.protocol !== 'https:') problems.push(`${where}: ${String(url)} must use https`);
    if (!domains.some((d) => hostMatches(parsed.host, d))) {
      problems.push(`${where}: host ${parsed.host} is not in validDomains (${domains.join(', ') || 'none'})`);
    }
  }
  const info = manifest.webApplicationInfo as Json | undefined;
  if (info) {
    const expected = /^api:\/\/([^/]+)\/(.+)$/.exec(String(info.resource ?? ''));
    if (!expected) problems.push('webApplicationInfo.resource: must be api://<domain>/<client id>');
    else {
      if (!domains.some((d) => hostMatches(expected[1] ?? '', d))) {
        problems.push(`webApplicationInfo.resource: domain ${expected[1]} is not in validDomains`);
      }
      if (expected[2] !== info.id)
        problems.push('webApplicationInfo.resource: must end with webApplicationInfo.id');
    }
  }
  return problems;
}

export interface IconRule {
  /** Width and height in pixels. */
  size: number;
  /** White on transparent, as Teams requires of the outline icon. */
  outline?: boolean;
}

/** Checks one PNG: its size, and for an outline icon, white pixels on a transparent background. */
export function checkIcon(name: string, png: Buffer, rule: IconRule): string[] {
  let image: PNG;
  try {
    image = PNG.sync.read(png);
  } catch (error) {
    return [`${name}: not a readable PNG (${(error as Error).message})`];
  }
  const problems: string[] = [];
  if (image.width !== rule.size || image.height !== rule.size) {
    problems.push(`${name}: is ${image.width}x${image.height}, must be ${rule.size}x${rule.size}`);
  }
  if (rule.outline) {
    let transparent = 0;
    let notWhite = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      const alpha = image.data[i + 3] ?? 0;
      if (alpha === 0) transparent += 1;
      else if (image.data[i] !== 255 || image.data[i + 1] !== 255 || image.data[i + 2] !== 255) notWhite += 1;
    }
    const pixels = image.width * image.height;
    if (transparent === 0)
      problems.push(`${name}: has no transparent pixels; the background must be transparent`);
    else if (image.data[3] !== 0)
      problems.push(`${name}: its corner is not transparent; the background must be`);
    if (notWhite > 0) problems.push(`${name}: ${notWhite} of ${pixels} visible pixels are not white`);
  }
  return problems;
}

/** The icon files a Teams package carries, with the rule each must meet. */
export function iconRules(manifest: Json): [file: string, rule: IconRule][] {
  const icons = (manifest.icons ?? {}) as Record<string, string | undefined>;
  const rules: [string, IconRule][] = [];
  if (icons.color) rules.push([icons.color, { size: 192 }]);
  if (icons.outline) rules.push([icons.outline, { size: 32, outline: true }]);
  if (icons.color32x32) rules.push([icons.color32x32, { size: 32 }]);
  return rules;
}

export interface BuiltPackage {
  manifest: Json;
  /** The filled-in manifest as written into the zip. */
  manifestText: string;
  /** Every problem found; the package is only fit to upload when this is empty. */
  problems: string[];
  zip: Buffer;
}

/**
 * Builds the package from the template in `manifestDir`: fills placeholders (throws
 * MissingValuesError listing every missing one), validates, checks icons, and zips
 * manifest.json with the icons at the root of the archive, as Teams expects.
 */
export async function buildAppPackage(
  manifestDir: string,
  values: Readonly<Record<string, string | undefined>>,
): Promise<BuiltPackage> {
  const template = readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8');
  const manifestText = substitute(template, values);
  const manifest = JSON.parse(manifestText) as Json;
  const problems = [...(await validateAgainstSchema(manifest)), ...checkManifestRules(manifest)];
  const zip = new JSZip();
  zip.file('manifest.json', manifestText);
  for (const [file, rule] of iconRules(manifest)) {
    const full = path.join(manifestDir, file);
    if (!existsSync(full)) {
      problems.push(`${file}: missing (looked in ${manifestDir})`);
      continue;
    }
    const png = readFileSync(full);
    problems.push(...checkIcon(file, png, rule));
    zip.file(file, png);
  }
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { manifest, manifestText, problems, zip: buffer };
}
