// Key Vault for the two secrets Monitor holds: the Twilio auth token and the SMTP password.
// The Function App never sees them in its configuration: its app settings hold Key Vault references
// `@Microsoft.KeyVault(SecretUri=...)` that App Service resolves with the user-assigned identity
// (learn.microsoft.com/azure/app-service/app-service-key-vault-references). The references are VERSIONLESS, so a new
// secret version (token rotation, docs/deploy.md) is picked up on the next restart without a redeploy.
// Access is by Azure RBAC (enableRbacAuthorization), not access policies, so every grant is a role assignment in rbac.bicep.

@description('Key Vault name: 3-24 characters, letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the resources.')
param tags object

@description('Twilio auth token. Empty = leave the secret as it is (first deploy: set it later with az keyvault secret set).')
@secure()
param twilioAuthToken string = ''

@description('SMTP password. Empty = leave the secret as it is (first deploy: set it later with az keyvault secret set).')
@secure()
param smtpPassword string = ''

@description('Purge protection: once on it cannot be turned off, and a deleted vault name stays reserved for the retention period.')
param enablePurgeProtection bool = false

// Secret names: the runbook in docs/deploy.md uses the same names.
var twilioAuthTokenSecretName = 'twilio-auth-token'
var smtpPasswordSecretName = 'smtp-password'

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // The API rejects an explicit false for purge protection; leave it unset unless asked for.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource twilioSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(twilioAuthToken)) {
  parent: vault
  name: twilioAuthTokenSecretName
  properties: {
    value: twilioAuthToken
    contentType: 'text/plain'
  }
}

resource smtpSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(smtpPassword)) {
  parent: vault
  name: smtpPasswordSecretName
  properties: {
    value: smtpPassword
    contentType: 'text/plain'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
// Versionless secret URIs (vaultUri ends with '/').
output twilioAuthTokenSecretUri string = '${vault.properties.vaultUri}secrets/${twilioAuthTokenSecretName}'
output smtpSecretUri string = '${vault.properties.vaultUri}secrets/${smtpPasswordSecretName}'
