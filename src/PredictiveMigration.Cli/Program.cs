using PredictiveMigration.Cli;
using PredictiveMigration.Cli.Commands;

const string Usage = """
    pm — PredictiveMigration command line

      pm sandbox [--port 7071] [--no-agent]     run the app locally on Azurite and show what it serves
      pm functions emit <dir>                   write <dir>/<Function>/function.json for every function
      pm bench ingest [--events N] [--servers N] [--batch N] [--json]
                                                ingestion throughput against the JSON parsing floor,
                                                and table operations per 1,000 events (on Azurite)
    """;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

try
{
    var line = CommandLine.Parse(args);
    var words = line.Positional;
    var exit = words switch
    {
        ["sandbox", ..] => await SandboxCommand.RunAsync(line, cts.Token),
        ["functions", "emit", var dir] => FunctionsEmitCommand.Run(dir, line),
        ["functions", "emit"] => throw new UsageException("pm functions emit needs the output directory: pm functions emit <dir>"),
        ["bench", "ingest"] => await IngestBenchCommand.RunAsync(line, cts.Token),
        ["bench", var other] => throw new UsageException($"unknown benchmark '{other}'; available: ingest"),
        [] or ["help"] or ["--help"] => PrintUsage(),
        _ => throw new UsageException($"unknown command '{string.Join(' ', words)}'"),
    };
    return exit;
}
catch (UsageException ex)
{
    await Console.Error.WriteLineAsync($"pm: {ex.Message}");
    await Console.Error.WriteLineAsync(Usage);
    return 2;
}
catch (OperationCanceledException) when (cts.IsCancellationRequested)
{
    return 130;
}

static int PrintUsage()
{
    Console.WriteLine(Usage);
    return 0;
}
