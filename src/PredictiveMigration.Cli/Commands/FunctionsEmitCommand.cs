using PredictiveMigration.Functions.Hosting;

namespace PredictiveMigration.Cli.Commands;

/// <summary><c>pm functions emit &lt;dir&gt;</c>: one <c>&lt;dir&gt;/&lt;Function&gt;/function.json</c> per declared function (a contract read by publish tooling).</summary>
internal static class FunctionsEmitCommand
{
    public static int Run(string directory, CommandLine line)
    {
        line.RejectUnknown();
        var count = FunctionJsonEmitter.Emit(directory);
        Console.WriteLine($"wrote function.json for {count} functions under {Path.GetFullPath(directory)}");
        return 0;
    }
}
