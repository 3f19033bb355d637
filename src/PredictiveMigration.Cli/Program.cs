using PredictiveMigration.Cli;
using PredictiveMigration.Cli.Commands;

const string Usage = """
    pm — PredictiveMigration command line

      pm sandbox [--servers 50] [--duration 3m] [--report DIR] [--trace-dir DIR] [--speed 288]
                 [--port 7071] [--seed 42] [--history 1d] [--work DIR]
                                                the whole product on this machine: Azurite, sandbox cloud, trigger host,
                                                the app as a process, a simulated fleet on an accelerated clock; with
                                                --report, report.md, report.json and charts (counterfactual included)
      pm cloud [--port 0] [--state FILE] [--duration 1m]
                                                run the sandbox cloud (ARM subset over HTTPS) alone; prints endpoint + thumbprint
      pm functions emit <dir>                   write <dir>/<Function>/function.json for every function
      pm backtest --data DIR --format bitbrains|nab|csv --metric cpu|memory|... --horizon 60m [--levels 80,90,95] [--lead 30m] [--out DIR] [--json]
                                                rolling-origin forecast backtest: MAE, sMAPE, MASE, coverage, exhaustion alerts
      pm detect --data DIR --format nab|bitbrains|csv [--metric ...] [--json]
                                                online anomaly detection over every file, NAB-scored where labelled

      pm bench ingest [--events N] [--servers N] [--batch N] [--json]
                                                ingestion throughput against the JSON parsing floor,
                                                and table operations per 1,000 events (on Azurite)
      pm bench durable [--orchestrations N] [--activities N] [--json]
                                                Durable development backend: orchestrations/s and latency
                                                from an activity's completion to the next action (on Azurite)
      pm bench forecast [--servers N] [--training-series N] [--days N] [--json]
                                                global-model training and fleet inference time against baselines
      pm bench placement [--servers N] [--targets N] [--json]
                                                placement of a fleet: time, memory, gap to the optimum on small cases
      pm bench replicate [--size 1GiB] [--changed 0.01] [--block 64KiB] [--seed N] [--json]
                                                differential replication of a disk image against rsync: bytes sent, wall time
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
        ["cloud"] => await CloudCommand.RunAsync(line, cts.Token),
        ["functions", "emit", var dir] => FunctionsEmitCommand.Run(dir, line),
        ["functions", "emit"] => throw new UsageException("pm functions emit needs the output directory: pm functions emit <dir>"),
        ["bench", "ingest"] => await IngestBenchCommand.RunAsync(line, cts.Token),
        ["bench", "placement"] => PlacementBenchCommand.Run(line),
        ["bench", "durable"] => await DurableBenchCommand.RunAsync(line, cts.Token),
        ["bench", "forecast"] => ForecastBenchCommand.Run(line),
        ["bench", "replicate"] => await ReplicateBenchCommand.RunAsync(line, cts.Token),
        ["bench", var other] => throw new UsageException($"unknown benchmark '{other}'; available: ingest, durable, forecast, placement, replicate"),
        ["backtest", ..] => await BacktestCommand.RunAsync(line, cts.Token),
        ["detect", ..] => DetectCommand.Run(line),
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
