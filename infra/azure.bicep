// ASB Case Review: the Azure side of one council's install.
//
// One Linux App Service (Node 22 LTS; the code also runs on Node 20) serves everything on one host:
// the bot (/api/messages), the tab's API (/api/*), /healthz and the single-page app. Around it: a
// user-assigned managed identity, an Azure Bot with the Teams channel, Key Vault (RBAC) for the
// secrets, Application Insights on a Log Analytics workspace.
//
// Deployed by `arm/deploy` in teamsapp.yml; its outputs are written to env/.env.<env>.
// SharePoint lists cannot be made by ARM: teamsapp.yml runs `npm run provision` after this.
// Written for old Bicep CLIs too (the toolkit pins one): no user types, no `?.`, no `??`.

@minLength(4)
@maxLength(40)
@description('Prefix for resource names, e.g. asbcrdev. Globally unique names add a hash of the resource group.')
param resourceBaseName string

param location string = resourceGroup().location

@description('App Service plan SKU. B1 or above: Always On needs Basic or higher.')
param webAppSku string = 'B1'

@description('Starts the server. `npm start` runs bot/main.ts, which serves production because APP_MODE is m365 here. It must never start the Agents Playground.')
param appCommandLine string = 'npm start'

@maxLength(42)
param botDisplayName string = 'ASB Case Review'

@description('F0 is enough: the Teams channel is a standard channel.')
param botSku string = 'F0'

@description('UserAssignedMSI: the bot signs in as the managed identity (no secret). SingleTenant: the bot uses the Entra app aadAppClientId and its secret.')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botType string = 'UserAssignedMSI'

@description('The Microsoft 365 (Entra) tenant id.')
param tenantId string

@description('Client id of the Entra app for SSO and Graph (manifest/aad.manifest.json).')
param aadAppClientId string

@secure()
@description('Its client secret; stored in Key Vault, never in an app setting. Empty keeps the secret already in the vault.')
param aadAppClientSecret string

@description('How the server gets app-only Graph tokens. The RSC grant Channel.Create.Group goes to the Entra app, so client-secret is the default; see docs/permissions.md.')
@allowed([
  'client-secret'
  'managed-identity'
])
param graphAuth string = 'client-secret'

@description('Policy preset id (statutory, east-herts, erewash) or a path to a JSON policy file.')
param policy string = 'statutory'

@description('/home is App Service storage that survives restarts and deployments.')
param dataDir string = '/home/data'

param peopleFile string = '/home/data/people.json'

@description('Site id of the SharePoint site that holds the case lists (host,site-guid,web-guid).')
param sharePointSiteId string

@description('Group id of the community safety team where case channels are created.')
param teamId string

@description('UPN of the mailbox that organises panel meetings.')
param panelOrganiser string

@description('Shared mailbox that emails partner agencies.')
param mailSender string

@description('Cron expression for the reminder sweep; App Service runs in UTC.')
param reminderSchedule string = '0 8 * * 1-5'

param logLevel string = 'info'

param logRetentionInDays int = 90

@description('Purge protection cannot be turned off again once on; leave it on outside throwaway environments.')
param keyVaultPurgeProtection bool = true

var suffix = uniqueString(resourceGroup().id, resourceBaseName)
var webAppName = '${resourceBaseName}-${suffix}'
var botServiceName = '${resourceBaseName}-bot-${suffix}'
var keyVaultName = 'kv-${suffix}'
var clientSecretName = 'aad-app-client-secret'
var clientSecretReference = '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${clientSecretName})'
// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-id'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-appi'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2022-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: keyVaultPurgeProtection ? true : null
  }
}

// Skipped when empty, so a redeploy from a machine without the secret does not blank it.
resource clientSecret 'Microsoft.KeyVault/vaults/secrets@2022-07-01' = if (!empty(aadAppClientSecret)) {
  parent: keyVault
  name: clientSecretName
  properties: {
    value: aadAppClientSecret
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
    // One instance: the reminder scheduler runs in-process. Scaling out is safe (the store's
    // reminder claim stops double sends) but buys nothing for a council's volume.
    capacity: 1
  }
  properties: {
    reserved: true
  }
}

var botAppId = botType == 'UserAssignedMSI' ? identity.properties.clientId : aadAppClientId

// app-settings:start (test/infra/bicep-params.test.ts reads every name between these markers)
var commonSettings = [
  {
    name: 'APP_MODE'
    value: 'm365'
  }
  {
    // The site cannot read its own defaultHostName here; for a new site it is <name>.azurewebsites.net.
    name: 'PUBLIC_URL'
    value: 'https://${webAppName}.azurewebsites.net'
  }
  {
    name: 'DATA_DIR'
    value: dataDir
  }
  {
    name: 'POLICY'
    value: policy
  }
  {
    name: 'PEOPLE_FILE'
    value: peopleFile
  }
  {
    name: 'TENANT_ID'
    value: tenantId
  }
  {
    name: 'BOT_ID'
    value: botAppId
  }
  {
    name: 'BOT_TYPE'
    value: botType
  }
  {
    name: 'AAD_APP_CLIENT_ID'
    value: aadAppClientId
  }
  {
    name: 'AAD_APP_CLIENT_SECRET'
    value: clientSecretReference
  }
  {
    name: 'GRAPH_AUTH'
    value: graphAuth
  }
  {
    name: 'MANAGED_IDENTITY_CLIENT_ID'
    value: identity.properties.clientId
  }
  {
    name: 'SHAREPOINT_SITE_ID'
    value: sharePointSiteId
  }
  {
    name: 'TEAM_ID'
    value: teamId
  }
  {
    name: 'PANEL_ORGANISER'
    value: panelOrganiser
  }
  {
    name: 'MAIL_SENDER'
    value: mailSender
  }
  {
    name: 'REMINDER_SCHEDULE'
    value: reminderSchedule
  }
  {
    name: 'LOG_LEVEL'
    value: logLevel
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
  {
    // Platform setting: App Service's Application Insights agent instruments the Node process (requests,
    // dependencies, console output), so the app needs no telemetry SDK of its own.
    name: 'ApplicationInsightsAgent_EXTENSION_VERSION'
    value: '~3'
  }
  {
    // Platform setting: Oryx runs `npm install` (and `npm run build`) on the server after zip deploy.
    name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
    value: 'true'
  }
]
// The SingleTenant bot signs in with the Entra app, so its password is that app's secret.
var singleTenantSettings = [
  {
    name: 'BOT_PASSWORD'
    value: clientSecretReference
  }
]
// app-settings:end

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve as the user-assigned identity (it holds Key Vault Secrets User).
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: appCommandLine
      // Always on keeps the in-process reminder scheduler awake.
      alwaysOn: true
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: botType == 'SingleTenant' ? concat(commonSettings, singleTenantSettings) : commonSettings
    }
  }
  dependsOn: [
    secretsUser
    clientSecret
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botServiceName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: botAppId
    msaAppType: botType
    msaAppTenantId: botType == 'UserAssignedMSI' ? identity.properties.tenantId : tenantId
    msaAppMSIResourceId: botType == 'UserAssignedMSI' ? identity.id : null
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
      deploymentEnvironment: 'CommercialDeployment'
    }
  }
}

// Written to env/.env.<env> by the toolkit and read by teamsapp.yml and the manifests.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output BOT_ID string = botAppId
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output KEY_VAULT_NAME string = keyVault.name
output AZURE_BOT_NAME string = bot.name
