// Least-privilege data roles for the app's identity (and, optionally, the developer and the agents), each scoped
// to the one resource it needs.
param storageAccountName string
param eventHubsNamespaceName string
param eventHubName string
param applicationInsightsName string
param appPrincipalId string
param userPrincipalId string = ''
param agentsPrincipalId string = ''

// Storage Blob Data Owner: host storage, Durable task hub leases, the deployment package.
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
// Storage Queue Data Contributor: Durable task hub queues.
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
// Storage Table Data Contributor: metrics rollups, dead letters, inventory; Durable history.
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
// Azure Event Hubs Data Receiver: the IngestMetrics trigger.
var eventHubsDataReceiver = 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'
// Azure Event Hubs Data Sender: the agents.
var eventHubsDataSender = '2b629674-e913-4c01-ae53-ef4638d8f975'
// Monitoring Metrics Publisher: Application Insights with Entra authentication.
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: eventHubsNamespaceName
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' existing = {
  parent: namespace
  name: eventHubName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var storageRoles = [storageBlobDataOwner, storageQueueDataContributor, storageTableDataContributor]

// App identity: Storage Blob Data Owner, Storage Queue Data Contributor, Storage Table Data Contributor on the account.
resource appStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in storageRoles: {
  name: guid(storage.id, appPrincipalId, role)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

// App identity: Azure Event Hubs Data Receiver on the metrics hub only.
resource appReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hub.id, appPrincipalId, eventHubsDataReceiver)
  scope: hub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventHubsDataReceiver)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// App identity: Monitoring Metrics Publisher on Application Insights.
resource appTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, appPrincipalId, monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Agents' identity (optional): Azure Event Hubs Data Sender on the metrics hub only.
resource agentsSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(agentsPrincipalId)) {
  name: guid(hub.id, agentsPrincipalId, eventHubsDataSender)
  scope: hub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventHubsDataSender)
    principalId: agentsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Developer running azd (optional): the same storage data roles, and Azure Event Hubs Data Sender, for local runs.
resource userStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in storageRoles: if (!empty(userPrincipalId)) {
  name: guid(storage.id, userPrincipalId, role)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: userPrincipalId
    principalType: 'User'
  }
}]

resource userSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(hub.id, userPrincipalId, eventHubsDataSender)
  scope: hub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventHubsDataSender)
    principalId: userPrincipalId
    principalType: 'User'
  }
}
