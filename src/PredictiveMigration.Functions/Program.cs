using PredictiveMigration.Functions;
using PredictiveMigration.Functions.Hosting;

// `PredictiveMigration.Functions emit-function-json <dir>`: the package build asks the very binary it ships for its
// function.json files, so declarations and package cannot disagree (scripts/publish.sh).
if (args is ["emit-function-json", var directory])
{
    Console.WriteLine($"wrote function.json for {FunctionJsonEmitter.Emit(directory)} functions under {Path.GetFullPath(directory)}");
    return;
}

await FunctionsApp.Build(args).RunAsync().ConfigureAwait(false);
