// The Function App (Linux, .NET isolated worker) and its hosting plan.
//
// Flex Consumption (default), as documented for Bicep in learn.microsoft.com/azure/azure-functions/
// functions-infrastructure-as-code (pivot flex-consumption-plan) and the canonical sample
// Azure-Samples/azure-functions-flex-consumption-samples IaC/bicep/core/host/function.bicep:
//   - plan: Microsoft.Web/serverfarms, sku FC1 / tier FlexConsumption, reserved: true (Linux);
//   - site: kind 'functionapp,linux', properties.functionAppConfig = {
//       deployment.storage: a blob container URL + authentication UserAssignedIdentity (no storage key),
//       scaleAndConcurrency: maximumInstanceCount / instanceMemoryMB,
//       runtime: { name, version } }.
//   - runtime name 'dotnet-isolated', version '10.0': the .NET isolated worker stack, which brings the .NET 10
//     runtime the worker (NgoMonitor.Host.dll, framework-dependent) runs on.
//   - On Flex, FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION / WEBSITE_RUN_FROM_PACKAGE / alwaysOn /
//     linuxFxVersion are deprecated: runtime.name replaces FUNCTIONS_WORKER_RUNTIME (functions-app-settings.md,
//     "Flex Consumption plan deprecations"), so the app-settings object below must not carry them.
//
// Dedicated (alternative): a Linux App Service plan. There the classic settings apply: FUNCTIONS_WORKER_RUNTIME=
// dotnet-isolated, FUNCTIONS_EXTENSION_VERSION=~4, alwaysOn (a timer trigger needs it on a Dedicated plan) and
// linuxFxVersion, which picks the platform image and so the .NET runtime the worker runs on.

@description('Function App name (also the default host name <name>.azurewebsites.net).')
param name string

@description('Hosting plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags applied to the resources; the site additionally gets azd-service-name.')
param tags object

@description('azd service name in azure.yaml; azd finds the site to deploy to by the tag azd-service-name.')
param serviceName string

@description('FlexConsumption (default, serverless, scales to zero) or Dedicated (Linux App Service plan, always on).')
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

@description('Flex Consumption: upper bound on scale-out. The poll timer runs on one instance at a time; only HTTP traffic scales out.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Dedicated only: App Service plan SKU (B1 is the smallest Linux SKU that supports Always On).')
param dedicatedSkuName string = 'B1'

@description('Dedicated only: linuxFxVersion, i.e. the platform image: the .NET 10 isolated worker stack.')
param dedicatedLinuxFxVersion string = 'DOTNET-ISOLATED|10.0'

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Flex Consumption: URL of the blob container that holds the deployment package.')
param deploymentContainerUrl string

@description('App settings, without the plan-specific ones added here.')
param appSettings object

var isFlex = hostingPlan == 'FlexConsumption'

// The settings go inline in siteConfig.appSettings, as in the Flex Consumption samples, so the site exists with its
// storage settings from the first moment (a site created bare and configured afterwards would start once without them).
// ARM replaces the collection as a whole: a setting added by hand disappears at the next provision (docs/deploy.md).
var allAppSettings = isFlex
  ? appSettings
  : union(appSettings, {
      FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
      FUNCTIONS_EXTENSION_VERSION: '~4'
      // Run from the zip that azd / az functionapp deployment source config-zip uploads (no content share needed).
      WEBSITE_RUN_FROM_PACKAGE: '1'
    })
var appSettingsList = [for setting in items(allAppSettings): { name: setting.key, value: setting.value }]

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'linux'
  sku: isFlex
    ? {
        name: 'FC1'
        tier: 'FlexConsumption'
      }
    : {
        name: dedicatedSkuName
      }
  properties: {
    // true = Linux.
    reserved: true
  }
}

var flexFunctionAppConfig = {
  deployment: {
    storage: {
      type: 'blobContainer'
      value: deploymentContainerUrl
      authentication: {
        type: 'UserAssignedIdentity'
        userAssignedIdentityResourceId: identityId
      }
    }
  }
  scaleAndConcurrency: {
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
  runtime: {
    name: 'dotnet-isolated'
    version: '10.0'
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Identity used to resolve @Microsoft.KeyVault(...) app settings; without it App Service tries the (absent)
    // system-assigned identity (app-service-key-vault-references, "Access vaults with a user-assigned identity").
    keyVaultReferenceIdentity: identityId
    functionAppConfig: isFlex ? flexFunctionAppConfig : null
    siteConfig: isFlex
      ? {
          appSettings: appSettingsList
          minTlsVersion: '1.2'
          http20Enabled: true
        }
      : {
          appSettings: appSettingsList
          alwaysOn: true
          linuxFxVersion: dedicatedLinuxFxVersion
          minTlsVersion: '1.2'
          http20Enabled: true
          ftpsState: 'Disabled'
        }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
