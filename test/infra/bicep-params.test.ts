import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findPlaceholders, parseEnvFile } from '../../scripts/lib/app-package';
import { bicepAppSettings, bicepOutputs, bicepParams, ymlStage } from './parse-helpers';

const root = path.resolve(__dirname, '../..');
const bicep = readFileSync(path.join(root, 'infra/azure.bicep'), 'utf8');
const parametersText = readFileSync(path.join(root, 'infra/azure.parameters.json'), 'utf8');
const parameters = (JSON.parse(parametersText) as { parameters: Record<string, { value: unknown }> })
  .parameters;
const teamsappYml = readFileSync(path.join(root, 'teamsapp.yml'), 'utf8');
const envDev = parseEnvFile(readFileSync(path.join(root, 'env/.env.dev'), 'utf8'));
const deploymentGuide = readFileSync(path.join(root, 'docs/deployment.md'), 'utf8');

/** The configuration names the server reads (bot/ config). */
const CONFIG_NAMES = [
  'APP_MODE',
  'PORT',
  'PUBLIC_URL',
  'DATA_DIR',
  'POLICY',
  'PEOPLE_FILE',
  'TENANT_ID',
  'BOT_ID',
  'BOT_TYPE',
  'BOT_PASSWORD',
  'AAD_APP_CLIENT_ID',
  'AAD_APP_CLIENT_SECRET',
  'GRAPH_AUTH',
  'MANAGED_IDENTITY_CLIENT_ID',
  'SHAREPOINT_SITE_ID',
  'TEAM_ID',
  'PANEL_ORGANISER',
  'MAIL_SENDER',
  'REMINDER_SCHEDULE',
  'LOG_LEVEL',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
];
/** App Service's own settings, read by the platform rather than the server. */
const PLATFORM_SETTINGS = ['SCM_DO_BUILD_DURING_DEPLOYMENT', 'ApplicationInsightsAgent_EXTENSION_VERSION'];
const SECRETS = ['BOT_PASSWORD', 'AAD_APP_CLIENT_SECRET'];
/** Set by the toolkit itself, not by an action. */
const TOOLKIT_BUILT_INS = ['TEAMSFX_ENV', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'];

const params = bicepParams(bicep);

describe('infra/azure.bicep parameters', () => {
  it('are found by the parser', () => {
    expect(params.length).toBeGreaterThan(10);
    expect(params.find((p) => p.name === 'aadAppClientSecret')).toEqual({
      name: 'aadAppClientSecret',
      type: 'string',
      hasDefault: false,
      secure: true,
    });
    expect(params.find((p) => p.name === 'botType')).toMatchObject({ hasDefault: true, secure: false });
  });

  it('azure.parameters.json provides every parameter without a default', () => {
    const required = params.filter((p) => !p.hasDefault).map((p) => p.name);
    expect(required.filter((name) => !(name in parameters))).toEqual([]);
  });

  it('azure.parameters.json has no parameter the template lacks', () => {
    const names = new Set(params.map((p) => p.name));
    expect(Object.keys(parameters).filter((name) => !names.has(name))).toEqual([]);
  });

  it('every toolkit placeholder in azure.parameters.json is set before arm/deploy', () => {
    const provision = ymlStage(teamsappYml, 'provision');
    const deployAt = provision.findIndex((a) => a.uses === 'arm/deploy');
    expect(deployAt).toBeGreaterThan(0);
    const written = new Set(provision.slice(0, deployAt).flatMap((a) => a.writes));
    const placeholders = findPlaceholders(parametersText).filter((n) => !TOOLKIT_BUILT_INS.includes(n));
    // Each is written by an earlier action or declared in env/.env.dev for the council to fill in.
    expect(placeholders.filter((name) => !written.has(name) && !(name in envDev))).toEqual([]);
    // What the council fills in is explained in the deployment guide.
    const councilFills = placeholders.filter((name) => !written.has(name) && !envDev[name]);
    expect(councilFills.sort()).toEqual(['MAIL_SENDER', 'PANEL_ORGANISER', 'SHAREPOINT_SITE_ID', 'TEAM_ID']);
    for (const name of councilFills) expect(deploymentGuide).toContain(name);
  });

  it('secrets travel only as @secure() parameters', () => {
    const secretPlaceholders = findPlaceholders(parametersText).filter((n) => n.startsWith('SECRET_'));
    for (const name of secretPlaceholders) {
      const param = Object.entries(parameters).find(([, v]) => v.value === `\${{${name}}}`)?.[0];
      expect(params.find((p) => p.name === param)?.secure).toBe(true);
    }
  });
});

describe('infra/azure.bicep app settings', () => {
  const settings = bicepAppSettings(bicep);

  it('use only the configuration names the server reads (plus the platform build switch)', () => {
    expect(settings.length).toBeGreaterThan(15);
    expect(
      settings.map((s) => s.name).filter((n) => !CONFIG_NAMES.includes(n) && !PLATFORM_SETTINGS.includes(n)),
    ).toEqual([]);
  });

  it('set every configuration name except PORT, which App Service sets itself', () => {
    const names = new Set(settings.map((s) => s.name));
    expect(CONFIG_NAMES.filter((n) => !names.has(n))).toEqual(['PORT']);
  });

  it('take secrets from Key Vault references, never inline', () => {
    for (const s of settings.filter((x) => SECRETS.includes(x.name))) {
      expect(s.value).toBe('clientSecretReference');
    }
    expect(bicep).toMatch(
      /var clientSecretReference = '@Microsoft\.KeyVault\(VaultName=\$\{keyVaultName\};SecretName=/,
    );
  });
});

describe('infra/azure.bicep resources', () => {
  it('runs Node 22 LTS on Linux, HTTPS only, always on', () => {
    expect(bicep).toContain("linuxFxVersion: 'NODE|22-lts'");
    expect(bicep).toContain('httpsOnly: true');
    expect(bicep).toContain('alwaysOn: true');
    expect(bicep).toContain('reserved: true');
  });

  it('has the bot, its Teams channel, the identity, Key Vault with RBAC and Application Insights', () => {
    for (const type of [
      'Microsoft.BotService/botServices@',
      'Microsoft.BotService/botServices/channels@',
      'Microsoft.ManagedIdentity/userAssignedIdentities@',
      'Microsoft.KeyVault/vaults@',
      'Microsoft.Authorization/roleAssignments@',
      'Microsoft.Insights/components@',
      'Microsoft.OperationalInsights/workspaces@',
      'Microsoft.Web/serverfarms@',
      'Microsoft.Web/sites@',
    ]) {
      expect(bicep).toContain(`'${type}`);
    }
    expect(bicep).toContain("kind: 'azurebot'");
    expect(bicep).toContain("name: 'MsTeamsChannel'");
    expect(bicep).toContain('enableRbacAuthorization: true');
    expect(bicep).toContain("endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'");
    expect(bicep).toMatch(/@allowed\(\[\s*'UserAssignedMSI'\s*'SingleTenant'\s*\]\)\s*param botType/);
  });

  it('outputs what teamsapp.yml and the manifests read', () => {
    const outputs = bicepOutputs(bicep);
    expect(outputs).toEqual(
      expect.arrayContaining(['BOT_AZURE_APP_SERVICE_RESOURCE_ID', 'TAB_DOMAIN', 'TAB_ENDPOINT', 'BOT_ID']),
    );
    expect(teamsappYml).toContain('resourceId: ${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}');
  });
});
