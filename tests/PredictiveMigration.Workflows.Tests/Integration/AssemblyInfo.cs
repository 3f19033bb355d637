using PredictiveMigration.Testing;

// Azurite for the integration and crash tests (the unit tests do not use it).
[assembly: AssemblyFixture(typeof(StorageFixture))]
