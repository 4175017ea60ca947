// User-assigned managed identity shared by the Function App host and the handler (STYLE.md practice 13).
// User-assigned rather than system-assigned so the role assignments exist BEFORE the site starts: the host needs blob
// access at its first start and the Key Vault references resolve with this identity (keyVaultReferenceIdentity).

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
