// One StorageV2 account for three uses: the Functions host (AzureWebJobsStorage: timer schedule monitor, singleton
// leases, host keys), the Flex Consumption deployment package container, and Monitor's own tables.
// Shared-key access is OFF: every caller authenticates with Microsoft Entra ID (the managed identity in Azure, the
// developer's identity for debugging). Flex Consumption supports identity-based host storage and identity-based
// deployment storage, which is what makes this possible (learn.microsoft.com/azure/azure-functions/flex-consumption-how-to,
// "Configure deployment settings"; functions-reference "Connecting to host storage with an identity").
// Tables are not pre-created: the app creates the tables it needs (the Storage Table Data Contributor role allows it).
// The work queues are created here (the app would create them too, but the host's queue triggers start listening
// before the app's first call): the poll and dispatch queues and the "-poison" queues the host moves failed messages
// to. Their names are the defaults of Monitor's Queues options, which the queue-triggered functions listen on (FunctionTable).

@description('Storage account name: 3-24 lowercase letters and digits, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the resources.')
param tags object

@description('Blob container that receives the Flex Consumption deployment package (azd / az functionapp deployment).')
param deploymentContainerName string

@description('Redundancy. LRS is enough: the tables hold a rebuildable cache of feed items and alert history.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
])
param skuName string = 'Standard_LRS'

@description('Work queues: poll batches, dispatch batches, and the poison queue of each.')
param queueNames array = [
  'monitor-poll-feeds'
  'monitor-poll-feeds-poison'
  'monitor-dispatch-alerts'
  'monitor-dispatch-alerts-poison'
]

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    // Entra ID only: no account keys, no SAS signed with them.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    dnsEndpointType: 'Standard'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [for queueName in queueNames: {
  parent: queueService
  name: queueName
}]

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
// Without the trailing slash, in the exact form the app setting Storage__TableServiceUri documents.
output tableServiceUri string = 'https://${account.name}.table.${environment().suffixes.storage}'
output queueServiceUri string = 'https://${account.name}.queue.${environment().suffixes.storage}'
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
