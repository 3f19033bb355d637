using PredictiveMigration.Functions;

await FunctionsApp.Build(args).RunAsync().ConfigureAwait(false);
