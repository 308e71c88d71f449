import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findPlaceholders, parseEnvFile } from '../../scripts/lib/app-package';
import { GENERATED_YML, renderGenerated, ymlSyncState } from '../../scripts/lib/toolkit-yml';
import { bicepOutputs, ymlStage } from './parse-helpers';

const root = path.resolve(__dirname, '../..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
const teamsappYml = read('teamsapp.yml');
const envDev = parseEnvFile(read('env/.env.dev'));
const outputs = bicepOutputs(read('infra/azure.bicep'));

describe('teamsapp.yml is the one source', () => {
  it.each(GENERATED_YML.map(([s, g]) => [g, s]))(
    '%s is generated from %s and up to date',
    (generated, source) => {
      expect(read(generated)).toBe(renderGenerated(source, read(source)));
    },
  );

  it('reports nothing stale', () => {
    expect(ymlSyncState(root).filter((s) => s.stale)).toEqual([]);
  });

  it('uses a schema version both the teamsapp CLI (<= v1.8) and atk accept, except the atk-only local file', () => {
    expect(teamsappYml).toMatch(/^version: v1\.8$/m);
    expect(read('teamsapp.testtool.yml')).toMatch(/^version: v1\.8$/m);
    expect(read('teamsapp.local.yml')).toMatch(/^version: v1\.11$/m);
  });
});

describe('the teamsapp.yml lifecycle', () => {
  const provision = ymlStage(teamsappYml, 'provision');
  const uses = (stage: string): string[] => ymlStage(teamsappYml, stage).map((a) => a.uses);

  it('provisions Entra app, Teams app, Azure, SSO settings, package, then SharePoint lists', () => {
    expect(uses('provision')).toEqual([
      'aadApp/create',
      'teamsApp/create',
      'arm/deploy',
      'aadApp/update',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
      'teamsApp/extendToM365',
      'cli/runNpmCommand',
    ]);
    const lists = provision.at(-1)!;
    expect(lists.text).toContain('args: run provision -- --site ${{SHAREPOINT_SITE_ID}}');
    expect(provision.find((a) => a.uses === 'aadApp/create')!.text).toContain('signInAudience: AzureADMyOrg');
  });

  it('deploys by building and zip-deploying to the App Service', () => {
    expect(uses('deploy')).toEqual([
      'cli/runNpmCommand',
      'cli/runNpmCommand',
      'cli/runNpmCommand',
      'azureAppService/zipDeploy',
    ]);
    expect(teamsappYml).toContain('args: run build:tab --if-present');
  });

  it('publishes to the Teams admin centre', () => {
    expect(uses('publish').at(-1)).toBe('teamsApp/publishAppPackage');
  });

  it('points at the manifests, the Bicep and the package path the package script also uses', () => {
    expect(teamsappYml).toContain('manifestPath: ./manifest/manifest.json');
    expect(teamsappYml).toContain('manifestPath: ./manifest/aad.manifest.json');
    expect(teamsappYml).toContain('path: ./infra/azure.bicep');
    expect(teamsappYml).toContain('parameters: ./infra/azure.parameters.json');
    expect(teamsappYml).toContain('outputZipPath: ./appPackage/build/appPackage.${{TEAMSFX_ENV}}.zip');
    expect(teamsappYml).toContain('ignoreFile: ./infra/webapp.ignore');
  });

  it('produces every placeholder of both manifests before it validates them', () => {
    const validateAt = provision.findIndex((a) => a.uses === 'teamsApp/validateManifest');
    const before = provision.slice(0, validateAt);
    const produced = new Set([
      ...before.flatMap((a) => a.writes),
      ...(before.some((a) => a.uses === 'arm/deploy') ? outputs : []),
      // aadApp/update generates this id itself when it is empty.
      'AAD_APP_ACCESS_AS_USER_PERMISSION_ID',
    ]);
    const generated = [
      'TEAMS_APP_ID',
      'AAD_APP_CLIENT_ID',
      'AAD_APP_OBJECT_ID',
      'BOT_ID',
      'TAB_DOMAIN',
      'TAB_ENDPOINT',
    ];
    const placeholders = [
      ...findPlaceholders(read('manifest/manifest.json')),
      ...findPlaceholders(read('manifest/aad.manifest.json')),
    ];
    for (const name of placeholders) {
      if (generated.includes(name)) expect(`${name}: ${produced.has(name)}`).toBe(`${name}: true`);
      else expect(`${name}: ${produced.has(name) || name in envDev}`).toBe(`${name}: true`);
    }
  });

  it('declares every council setting it needs in env/.env.dev', () => {
    const written = new Set(provision.flatMap((a) => a.writes).concat(outputs));
    const needed = findPlaceholders(teamsappYml).filter((n) => !written.has(n) && n !== 'TEAMSFX_ENV');
    expect(needed.filter((n) => !(n in envDev))).toEqual([]);
  });
});
