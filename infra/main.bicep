// PredictiveMigration infrastructure (azd): one resource group with the Function App (Flex Consumption, custom
// handler), Storage, Event Hubs and monitoring, all reached with a user-assigned identity (no keys in settings),
// and role assignments on the resource groups the product may manage.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used to name every resource.')
param environmentName string

@minLength(1)
@description('Region for every resource.')
param location string

@description('Object id of the person running azd, granted data access to storage and Event Hubs for local runs (optional).')
param principalId string = ''

@description('Resource groups whose VMs and networks the product may manage (VM Contributor + Network Contributor there, never on the subscription). They must exist.')
param managedResourceGroupNames array = []

@description('Object id of the identity the agents use to send metrics (Event Hubs Data Sender on the metrics hub). Empty: agents use the send-only SAS rule instead.')
param agentsPrincipalId string = ''

@minValue(1)
@maxValue(32)
@description('Partitions of the metrics hub: about one per 2,500 servers at one event every 10 s (docs/deploy.md).')
param eventHubPartitionCount int = 4

@minValue(40)
@maxValue(1000)
@description('Most Function App instances Flex Consumption may scale out to.')
param maximumInstanceCount int = 100

@allowed([512, 2048, 4096])
@description('Memory of each Function App instance.')
param instanceMemoryMB int = 2048

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var deploymentContainerName = 'app-package-${take(resourceToken, 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity './app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring './app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage './app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module eventHubs './app/eventhubs.bicep' = {
  name: 'eventhubs'
  scope: rg
  params: {
    namespaceName: '${abbrs.eventHubNamespaces}${resourceToken}'
    location: location
    tags: tags
    partitionCount: eventHubPartitionCount
  }
}

module api './app/function.bicep' = {
  name: 'api'
  scope: rg
  params: {
    planName: '${abbrs.webServerFarms}${resourceToken}'
    appName: '${abbrs.webSitesFunctions}api-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    eventHubsNamespaceFqdn: eventHubs.outputs.namespaceFqdn
    eventHubName: eventHubs.outputs.hubName
    consumerGroupName: eventHubs.outputs.consumerGroupName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    managedResourceGroupNames: managedResourceGroupNames
  }
}

module rbac './app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    eventHubsNamespaceName: eventHubs.outputs.namespaceName
    eventHubName: eventHubs.outputs.hubName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    agentsPrincipalId: agentsPrincipalId
  }
}

// The product manages VMs and networks only in the resource groups named here, never the whole subscription.
module managedGroups './app/managed-group-rbac.bicep' = [for groupName in managedResourceGroupNames: {
  name: 'managed-${groupName}'
  scope: resourceGroup(groupName)
  params: {
    appPrincipalId: identity.outputs.principalId
  }
}]

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_FUNCTION_APP_URL string = api.outputs.url
output AZURE_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output EVENTHUBS_NAMESPACE_FQDN string = eventHubs.outputs.namespaceFqdn
output EVENTHUB_NAME string = eventHubs.outputs.hubName
output EVENTHUB_AGENTS_SEND_RULE_ID string = eventHubs.outputs.agentsSendRuleId
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
