#!/usr/bin/env bash
# azd postprovision hook: writes local.settings.json pointing a local Functions host at the provisioned Azure
# resources with your own Entra identity (azd grants it the data roles when AZURE_PRINCIPAL_ID is set).
# Reads the UPPER_SNAKE outputs of infra/main.bicep from `azd env get-values`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
eval "$(azd env get-values)"
: "${AZURE_STORAGE_ACCOUNT_NAME:?run azd provision first}" "${EVENTHUBS_NAMESPACE_FQDN:?}" "${EVENTHUB_NAME:?}"
cat > "$root/local.settings.json" <<JSON
{
  "IsEncrypted": false,
  "Values": {
    "FUNCTIONS_WORKER_RUNTIME": "custom",
    "AzureWebJobsStorage__accountName": "${AZURE_STORAGE_ACCOUNT_NAME}",
    "AzureWebJobsStorage__tableServiceUri": "https://${AZURE_STORAGE_ACCOUNT_NAME}.table.core.windows.net",
    "AzureWebJobsStorage__blobServiceUri": "https://${AZURE_STORAGE_ACCOUNT_NAME}.blob.core.windows.net",
    "AzureWebJobsStorage__queueServiceUri": "https://${AZURE_STORAGE_ACCOUNT_NAME}.queue.core.windows.net",
    "EventHubConnection__fullyQualifiedNamespace": "${EVENTHUBS_NAMESPACE_FQDN}",
    "MetricsEventHubName": "${EVENTHUB_NAME}",
    "MetricsConsumerGroup": "pm-ingest",
    "ForecastSchedule": "0 */5 * * * *",
    "RetrainSchedule": "0 30 2 * * *",
    "ControllerSchedule": "0 */1 * * * *",
    "Forecasting__RiskThreshold": "70",
    "Forecasting__ActiveWindow": "00:30:00",
    "Retrain__TrainingWindow": "14.00:00:00",
    "Retrain__Holdout": "1.00:00:00"
  }
}
JSON
echo "wrote $root/local.settings.json (uses your az/azd login through DefaultAzureCredential)"
