// The Function App: Flex Consumption (FC1), Linux, custom-handler runtime, running as the user-assigned identity.
// Every connection is identity-based: no key or connection string is in the app settings.
// FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION must not be set on Flex (runtime comes from functionAppConfig).
param planName string
param appName string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param eventHubsNamespaceFqdn string
param eventHubName string
param consumerGroupName string
param applicationInsightsName string
param maximumInstanceCount int
param instanceMemoryMB int
@description('NCRONTAB (with seconds) of RunForecasts.')
param forecastSchedule string = '0 */5 * * * *'
@description('NCRONTAB (with seconds) of RetrainModels.')
param retrainSchedule string = '0 30 2 * * *'
@description('NCRONTAB (with seconds) of RunMigrationController.')
param controllerSchedule string = '0 */1 * * * *'
@description('Resource groups whose VMs the app manages and migrates (the VM and Network Contributor scopes).')
param managedResourceGroupNames array = []
@description('Risk score (0-100) from which a server becomes a migration candidate.')
@minValue(1)
@maxValue(100)
param riskThreshold int = 70

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
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
        // The version Flex records for custom handlers (community templates; PROTOCOL.md §5 marks it unconfirmed).
        name: 'custom'
        version: '1.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        // Host storage, Durable task hub and the app's metrics tables (read by StorageConnection).
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
        // The IngestMetrics trigger's connection (binding "connection": "EventHubConnection").
        { name: 'EventHubConnection__fullyQualifiedNamespace', value: eventHubsNamespaceFqdn }
        { name: 'EventHubConnection__credential', value: 'managedidentity' }
        { name: 'EventHubConnection__clientId', value: identityClientId }
        // %MetricsEventHubName% and %MetricsConsumerGroup% in the trigger's function.json.
        { name: 'MetricsEventHubName', value: eventHubName }
        { name: 'MetricsConsumerGroup', value: consumerGroupName }
        // %ForecastSchedule% and %RetrainSchedule% of the timer functions (NCRONTAB with seconds): every 5 minutes; daily at 02:30 UTC.
        { name: 'ForecastSchedule', value: forecastSchedule }
        { name: 'RetrainSchedule', value: retrainSchedule }
        // %ControllerSchedule% of RunMigrationController: a pass over the migration candidates every minute.
        { name: 'ControllerSchedule', value: controllerSchedule }
        // The migration side: the subscription and the resource groups it manages (docs/migrations.md).
        { name: 'Arm__SubscriptionId', value: subscription().subscriptionId }
        { name: 'Migrations__ResourceGroups', value: join(managedResourceGroupNames, ',') }
        // Forecasting policy read by the app (defaults and meaning: ForecastingOptions / RetrainOptions, docs/forecasting.md).
        { name: 'Forecasting__RiskThreshold', value: string(riskThreshold) }
        { name: 'Forecasting__ActiveWindow', value: '00:30:00' }
        { name: 'Retrain__TrainingWindow', value: '14.00:00:00' }
        { name: 'Retrain__Holdout', value: '1.00:00:00' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        // Azure.Identity in the app (ARM, storage) picks the user-assigned identity with this.
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
      ]
    }
  }
}

output name string = app.name
output url string = 'https://${app.properties.defaultHostName}'
