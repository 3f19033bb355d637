using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using PredictiveMigration.Sandbox.Azurite;

namespace PredictiveMigration.Deployment.Tests;

public partial class BicepTests
{
    private static readonly string Root = RepositoryRoot.Find()!;

    private static string BicepPath => typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;

    private static string Infra(string relative) => File.ReadAllText(Path.Combine(Root, "infra", relative));

    internal static async Task<(int Exit, string Stdout, string Stderr)> CompileAsync(string file)
    {
        var psi = new ProcessStartInfo(BicepPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "build", file, "--stdout" })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact(Timeout = 120_000)]
    public async Task MainBicep_CompilesWithNoErrorOrWarning()
    {
        Assert.True(File.Exists(BicepPath), $"the Bicep CLI is restored by this project's PackageDownload: {BicepPath}");

        var (exit, stdout, stderr) = await CompileAsync(Path.Combine(Root, "infra", "main.bicep"));

        Assert.True(exit == 0, stderr);
        Assert.True(string.IsNullOrWhiteSpace(stderr), "bicep reported diagnostics:\n" + stderr);
        using var template = JsonDocument.Parse(stdout);
        Assert.Equal("https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#", template.RootElement.GetProperty("$schema").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task Compile_ABicepFileWithALinterWarning_IsReported()
    {
        // The check above must be able to fail: the linter runs and prints to stderr.
        var file = Path.Combine(Path.GetTempPath(), $"pm-lint-{Guid.NewGuid():N}.bicep");
        await File.WriteAllTextAsync(file, "param unused string = 'x'\n", TestContext.Current.CancellationToken);

        var (_, _, stderr) = await CompileAsync(file);

        Assert.Contains("no-unused-params", stderr, StringComparison.Ordinal);
        File.Delete(file);
    }

    [Fact]
    public void Modules_AreAllLocal()
    {
        var bicepFiles = Directory.GetFiles(Path.Combine(Root, "infra"), "*.bicep", SearchOption.AllDirectories);

        Assert.All(bicepFiles, f => Assert.DoesNotContain("br/public:", File.ReadAllText(f), StringComparison.Ordinal));
        Assert.All(ModuleReference().Matches(Infra("main.bicep")), m => Assert.True(File.Exists(Path.Combine(Root, "infra", m.Groups[1].Value)), m.Value));
    }

    [Fact]
    public void RoleAssignments_EachRoleIdIsNamedByAComment()
    {
        var roleIds = new Dictionary<string, string>
        {
            ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
            ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
            ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
            ["a638d3c7-ab3a-418d-83e6-5f17a39d4fde"] = "Azure Event Hubs Data Receiver",
            ["2b629674-e913-4c01-ae53-ef4638d8f975"] = "Azure Event Hubs Data Sender",
            ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
            ["9980e02c-c2be-4d73-94e8-173b1dc7cf3c"] = "Virtual Machine Contributor",
            ["4d97b98b-1d4f-4787-a291-c67834d212e7"] = "Network Contributor",
        };
        var text = Infra("app/rbac.bicep") + Infra("app/managed-group-rbac.bicep");

        foreach (var match in RoleGuid().Matches(text).Cast<Match>())
        {
            Assert.True(roleIds.TryGetValue(match.Value, out var role), $"unexpected role id {match.Value}");
            var lineStart = text.LastIndexOf('\n', match.Index);
            var previousLine = text[(text.LastIndexOf('\n', lineStart - 1) + 1)..lineStart];
            Assert.Contains(role!, previousLine, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ComputeAndNetworkRoles_AreScopedToManagedResourceGroupsNeverTheSubscription()
    {
        var main = Infra("main.bicep");

        Assert.Contains("scope: resourceGroup(groupName)", main, StringComparison.Ordinal);
        Assert.DoesNotContain("9980e02c", Infra("app/rbac.bicep"), StringComparison.Ordinal);
        Assert.DoesNotContain("targetScope = 'subscription'", Infra("app/managed-group-rbac.bicep"), StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_AreUpperSnakeCase()
    {
        var outputs = OutputDeclaration().Matches(Infra("main.bicep")).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Matches("^[A-Z][A-Z0-9_]*$", o));
    }

    [Fact]
    public void AzureYaml_DeploysTheFunctionAppWithThePublishScript()
    {
        var yaml = File.ReadAllText(Path.Combine(Root, "azure.yaml"));

        Assert.Contains("host: function", yaml, StringComparison.Ordinal);
        Assert.Contains("scripts/publish.sh", yaml, StringComparison.Ordinal);
        Assert.Contains("'azd-service-name': 'api'", Infra("app/function.bicep"), StringComparison.Ordinal);
    }

    [Fact]
    public void TimerSchedules_DefaultsAreSixFieldNcrontab()
    {
        var function = Infra("app/function.bicep");

        foreach (var name in new[] { "forecastSchedule", "retrainSchedule" })
        {
            var match = Regex.Match(function, $@"param {name} string = '([^']+)'");
            Assert.True(match.Success, $"function.bicep declares {name} with a default");
            Assert.Equal(6, match.Groups[1].Value.Split(' ').Length);
        }

        Assert.Contains("{ name: 'ForecastSchedule', value: forecastSchedule }", function, StringComparison.Ordinal);
        Assert.Contains("{ name: 'RetrainSchedule', value: retrainSchedule }", function, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"module\s+\w+\s+'\./(app/[^']+\.bicep)'")]
    private static partial Regex ModuleReference();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex RoleGuid();

    [GeneratedRegex(@"^output\s+(\w+)\s", RegexOptions.Multiline)]
    private static partial Regex OutputDeclaration();
}
