using System.Diagnostics;
using PredictiveMigration.Sandbox.Azurite;

namespace PredictiveMigration.Deployment.Tests;

/// <summary>Builds the package once for the test class with <c>scripts/publish.sh</c>, as azd does.</summary>
public sealed class PackageFixture : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "pm-package-" + Guid.NewGuid().ToString("N"));

    public string Output { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var root = RepositoryRoot.Find()!;
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(root, "scripts", "publish.sh"));
        psi.ArgumentList.Add(Directory);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/publish.sh failed ({process.ExitCode}):\n{Output}");
        }
    }

    public ValueTask DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
