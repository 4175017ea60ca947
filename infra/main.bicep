// Monitor in Azure: one resource group with
//   user-assigned identity ─┬─ Function App (Linux, .NET isolated worker, Flex Consumption by default)
//                           ├─ Storage account (host storage + deployment package + Monitor's tables; shared keys off)
//                           ├─ Key Vault (Twilio auth token, SMTP password; read through Key Vault references)
//                           └─ Application Insights + Log Analytics (Entra-authenticated ingestion)
// `azd up` passes the parameters from the azd environment (infra/main.parameters.json); `az deployment sub create`
// works the same way with --parameters (docs/deploy.md). Modules are local and small (STYLE.md practice 13) because the
// public Bicep registry (br/public) cannot be reached from the build machines.
targetScope = 'subscription'

// ---- Environment ------------------------------------------------------------------------------------------------

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds the unique suffix of every resource name.')
param environmentName string

@minLength(1)
@description('Azure region for all resources. Must offer Flex Consumption: az functionapp list-flexconsumption-locations.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the person or pipeline deploying (azd sets AZURE_PRINCIPAL_ID); gets secret write and table read access. Empty = none.')
param principalId string = ''

@description('Kind of principalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

// ---- Names (empty = derived from the environment name) ----------------------------------------------------------

@description('Resource group name. Default rg-<environmentName>.')
param resourceGroupName string = ''

@description('Function App name. Default func-<token>.')
param functionAppName string = ''

@description('Hosting plan name. Default plan-<token>.')
param planName string = ''

@description('Storage account name. Default st<token>.')
param storageAccountName string = ''

@description('Key Vault name. Default kv-<token>.')
param keyVaultName string = ''

@description('User-assigned identity name. Default id-<token>.')
param identityName string = ''

@description('Log Analytics workspace name. Default log-<token>.')
param logAnalyticsName string = ''

@description('Application Insights name. Default appi-<token>.')
param appInsightsName string = ''

// ---- Hosting ----------------------------------------------------------------------------------------------------

@description('FlexConsumption (default) or Dedicated (Linux App Service plan).')
@allowed([
  'FlexConsumption'
  'Dedicated'
])
param hostingPlan string = 'FlexConsumption'

@description('Flex Consumption: memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Flex Consumption: maximum instance count.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Dedicated only: App Service plan SKU.')
param dedicatedSkuName string = 'B1'

@description('Set true to make the Key Vault purge-protected (cannot be undone; recommended for production).')
param keyVaultPurgeProtection bool = false

// ---- Application settings ---------------------------------------------------------------------------------------

@description('NCRONTAB schedule of the PollFeeds timer (six fields, with seconds).')
param pollSchedule string = '0 */1 * * * *'

@description('Path of the JSON configuration inside the deployment package.')
param monitorConfigPath string = 'samples/monitor.config.json'

@description('Twilio account SID (AC...). Not a secret.')
param twilioAccountSid string = ''

@description('Twilio auth token. Stored in Key Vault only; empty = keep the current secret.')
@secure()
param twilioAuthToken string = ''

@description('Twilio sender number in E.164 form. Either this or twilioMessagingServiceSid.')
param twilioFrom string = ''

@description('Twilio Messaging Service SID (MG...), optional; omitted from the app settings when empty.')
param twilioMessagingServiceSid string = ''

@description('SMTP server host name.')
param smtpHost string = ''

@description('SMTP port (587 = submission with STARTTLS).')
@minValue(1)
@maxValue(65535)
param smtpPort int = 587

@description('SMTP user name.')
param smtpUsername string = ''

@description('SMTP password. Stored in Key Vault only; empty = keep the current secret.')
@secure()
param smtpPassword string = ''

@description('Sender address of alert emails.')
param smtpFrom string = ''

// ---- Composition ------------------------------------------------------------------------------------------------

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'monitor'
}
var names = {
  resourceGroup: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  functionApp: !empty(functionAppName) ? functionAppName : 'func-${resourceToken}'
  plan: !empty(planName) ? planName : 'plan-${resourceToken}'
  storage: !empty(storageAccountName) ? storageAccountName : 'st${resourceToken}'
  keyVault: !empty(keyVaultName) ? keyVaultName : 'kv-${resourceToken}'
  identity: !empty(identityName) ? identityName : 'id-${resourceToken}'
  logAnalytics: !empty(logAnalyticsName) ? logAnalyticsName : 'log-${resourceToken}'
  appInsights: !empty(appInsightsName) ? appInsightsName : 'appi-${resourceToken}'
}
// One container per app so two environments sharing an account never overwrite each other's package.
var deploymentContainerName = 'app-package-${take(resourceToken, 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    twilioAuthToken: twilioAuthToken
    smtpPassword: smtpPassword
    enablePurgeProtection: keyVaultPurgeProtection
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    // Names known at compile time (not module outputs), so role-assignment names stay predictable for what-if.
    storageAccountName: names.storage
    appInsightsName: names.appInsights
    keyVaultName: names.keyVault
    identityName: names.identity
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
  dependsOn: [
    identity
    storage
    monitoring
    keyVault
  ]
}

// The names the app reads (`__` = .NET configuration section separator). docs/deploy.md has the full reference.
var appSettings = union(
  {
    // Host storage through the managed identity (functions-reference, "Connecting to host storage with an identity"):
    // accountName builds the blob/queue/table URIs in public Azure; clientId selects the user-assigned identity.
    AzureWebJobsStorage__accountName: storage.outputs.name
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identity.outputs.clientId
    // Telemetry; the authentication string makes the host use the identity (local auth is disabled).
    APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identity.outputs.clientId}'
    // DefaultAzureCredential's ManagedIdentityCredential reads AZURE_CLIENT_ID to pick the user-assigned identity.
    AZURE_CLIENT_ID: identity.outputs.clientId
    POLL_SCHEDULE: pollSchedule
    Monitor__ConfigPath: monitorConfigPath
    Storage__TableServiceUri: storage.outputs.tableServiceUri
    // The poll and dispatch queues (docs/scale-out.md): Monitor enqueues with the same identity the host's queue
    // triggers use through AzureWebJobsStorage.
    Storage__QueueServiceUri: storage.outputs.queueServiceUri
    Storage__ClientId: identity.outputs.clientId
    Twilio__AccountSid: twilioAccountSid
    Twilio__AuthToken: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.twilioAuthTokenSecretUri})'
    Twilio__From: twilioFrom
    Smtp__Host: smtpHost
    Smtp__Port: string(smtpPort)
    Smtp__Username: smtpUsername
    Smtp__Password: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.smtpSecretUri})'
    Smtp__From: smtpFrom
  },
  empty(twilioMessagingServiceSid) ? {} : { Twilio__MessagingServiceSid: twilioMessagingServiceSid }
)

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    serviceName: 'monitor'
    hostingPlan: hostingPlan
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    dedicatedSkuName: dedicatedSkuName
    identityId: identity.outputs.id
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appSettings: appSettings
  }
  // The site must not start before its identity can read storage and Key Vault, or the first host start fails
  // and the Key Vault references stay unresolved until the next restart.
  dependsOn: [
    rbac
  ]
}

// azd stores these outputs in the environment (.azure/<env>/.env); the runbook in docs/deploy.md uses them.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_MONITOR_NAME string = functionApp.outputs.name
output SERVICE_MONITOR_URI string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_TABLE_SERVICE_URI string = storage.outputs.tableServiceUri
output AZURE_STORAGE_QUEUE_SERVICE_URI string = storage.outputs.queueServiceUri
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
