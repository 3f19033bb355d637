// Event Hubs: the `metrics` hub the agents send to, a consumer group for the app, and a send-only SAS rule for
// agents that cannot use an Entra identity (its key belongs in Key Vault, see docs/deploy.md).
param namespaceName string
param location string
param tags object

@minValue(1)
@maxValue(32)
param partitionCount int

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
    capacity: 1
  }
  properties: {
    minimumTlsVersion: '1.2'
    // Local auth stays on only for the send-only agents rule below; the app uses its identity.
    disableLocalAuth: false
    isAutoInflateEnabled: true
    maximumThroughputUnits: 10
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: 'metrics'
  properties: {
    partitionCount: partitionCount
    messageRetentionInDays: 3
  }
}

resource consumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  parent: hub
  name: 'pm-ingest'
}

// Send only: an agent's key cannot read or manage anything.
resource agentsSend 'Microsoft.EventHub/namespaces/eventhubs/authorizationRules@2024-01-01' = {
  parent: hub
  name: 'agents-send'
  properties: {
    rights: ['Send']
  }
}

output namespaceName string = namespace.name
output namespaceFqdn string = '${namespace.name}.servicebus.windows.net'
output hubName string = hub.name
output consumerGroupName string = consumerGroup.name
output agentsSendRuleId string = agentsSend.id
