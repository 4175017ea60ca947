// Log Analytics workspace + workspace-based Application Insights (classic resources are retired).
// Local (instrumentation-key) authentication is off by default: telemetry is accepted only with an Entra token, which the
// Functions host obtains with the managed identity named in APPLICATIONINSIGHTS_AUTHENTICATION_STRING and the
// Monitoring Metrics Publisher role (learn.microsoft.com/azure/azure-monitor/app/azure-ad-authentication).

@description('Log Analytics workspace name.')
param logAnalyticsName string

@description('Application Insights component name.')
param appInsightsName string

@description('Azure region.')
param location string

@description('Tags applied to the resources.')
param tags object

@description('Days of log retention in the workspace (30 is the free-retention floor of the PerGB2018 tier).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Reject telemetry that is not authenticated with Entra ID. Set false only to debug an ingestion problem.')
param disableLocalAuth bool = true

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: disableLocalAuth
  }
}

output appInsightsName string = appInsights.name
output connectionString string = appInsights.properties.ConnectionString
output workspaceName string = workspace.name
