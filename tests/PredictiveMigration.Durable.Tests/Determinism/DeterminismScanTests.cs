using PredictiveMigration.Durable.Tests.Support;

namespace PredictiveMigration.Durable.Tests.Determinism;

public sealed class DeterminismScanTests
{
    [Fact]
    public void Scan_DurableSources_UseNoNonDeterministicApis()
    {
        // Arrange
        string sources = RepositoryPaths.FindDurableSourceDirectory();

        // Act
        string[] hits = [.. DeterminismScanner.ScanDirectory(sources)];

        // Assert
        Assert.True(Directory.EnumerateFiles(sources, "*.cs", SearchOption.AllDirectories).Count() > 20, "the scan found too few files to be meaningful");
        Assert.Empty(hits);
    }

    [Fact]
    public void Scan_ConformanceOrchestrators_UseNoNonDeterministicApis()
    {
        // Arrange
        string orchestrators = Path.Combine(
            Path.GetDirectoryName(RepositoryPaths.FindDurableSourceDirectory())!, "..", "tests", "PredictiveMigration.Durable.Tests", "Conformance", "Orchestrators");

        // Act
        string[] hits = [.. DeterminismScanner.ScanDirectory(orchestrators)];

        // Assert
        Assert.True(Directory.Exists(orchestrators));
        Assert.Empty(hits);
    }

    [Fact]
    public void Scan_SnippetWithViolations_ReportsEachOutsideCommentsAndStrings()
    {
        // Arrange
        const string Source = """
            // Guid.NewGuid() in a comment is fine
            var id = Guid.NewGuid();
            var now = DateTime.UtcNow; var then = DateTimeOffset.Now;
            await Task.Delay(10);
            Thread.Sleep(5);
            var text = "Task.Delay in a string is fine";
            """;

        // Act
        string[] hits = [.. DeterminismScanner.Scan(Source)];

        // Assert
        Assert.Equal(["Guid.NewGuid", "DateTime.UtcNow", "DateTimeOffset.Now", "Task.Delay", "Thread.Sleep"], hits);
    }
}
