// Deployed once per resource group the product may manage (main.bicep's managedResourceGroupNames):
// the app may create, resize and delete VMs, disks, NICs and traffic routing there, and nowhere else.
param appPrincipalId string

// Virtual Machine Contributor: VMs, disks, snapshots.
var virtualMachineContributor = '9980e02c-c2be-4d73-94e8-173b1dc7cf3c'
// Network Contributor: network interfaces and traffic-routing resources.
var networkContributor = '4d97b98b-1d4f-4787-a291-c67834d212e7'

resource roles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [virtualMachineContributor, networkContributor]: {
  name: guid(resourceGroup().id, appPrincipalId, role)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}]
