using PredictiveMigration.Testing;

[assembly: AssemblyFixture(typeof(StorageFixture))]
