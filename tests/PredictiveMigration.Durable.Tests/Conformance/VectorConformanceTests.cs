using Google.Protobuf;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Replay;
using PredictiveMigration.Durable.Tests.Conformance.Orchestrators;
using PredictiveMigration.Durable.Tests.Support;

namespace PredictiveMigration.Durable.Tests.Conformance;

/// <summary>
/// Runs our executor on every golden request of shared/durable-vectors (responses of Microsoft's own runner)
/// and compares after the README's normalizations.
/// </summary>
public sealed class VectorConformanceTests
{
    private const string Missing = "(vectors directory not found)";

    // Every episode the README lists; the directory must hold exactly these.
    private static readonly string[] ReadmeEpisodes =
    [
        "Chain.ep1", "Chain.ep2", "Chain.ep3", "Chain.ep4", "Chain.nondeterminism.ep2",
        "FanOut.ep1", "FanOut.ep2", "FanOut.ep3",
        "WaitEvent.ep1", "WaitEvent.ep2", "WaitEvent.ep3", "WaitEvent.caseinsensitive.ep2",
        "WaitEventTimeout.event.ep1", "WaitEventTimeout.event.ep2", "WaitEventTimeout.timeout.ep1", "WaitEventTimeout.timeout.ep2",
        "SubOrch.ep1", "SubOrch.ep2",
        "ContinueAsNew.exec1.ep1", "ContinueAsNew.exec2.ep1", "ContinueAsNew.exec3.ep1", "ContinueAsNew.carryover.ep1",
        "Fail.ep1", "ActivityFail.ep1", "ActivityFail.ep2", "SendEvent.ep1", "NewGuid.ep1",
    ];

    public static TheoryData<string> Vectors()
    {
        string? directory = RepositoryPaths.FindVectorsDirectory();
        var data = new TheoryData<string>();
        if (directory is null)
        {
            data.Add(Missing);
            return data;
        }

        foreach (string file in Directory.GetFiles(directory, "*.request.b64").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file)[..^".request.b64".Length]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Execute_GoldenVector_MatchesOracleResponse(string vector)
    {
        // Arrange
        string directory = RequireVectorsDirectory(vector);
        byte[] requestBytes = ReadBase64(directory, vector + ".request.b64");
        byte[] oracleBytes = ReadBase64(directory, vector + ".response.b64");
        OrchestratorRequest request = OrchestratorRequest.Parser.ParseFrom(requestBytes);
        OrchestratorResponse oracle = OrchestratorResponse.Parser.ParseFrom(oracleBytes);
        var executor = new OrchestrationExecutor(ConformanceRegistry.Create());

        // Act
        OrchestratorResponse ours = executor.Execute(request);

        // Assert
        OrchestratorResponse expected = VectorNormalizer.Expected(oracle);
        OrchestratorResponse actual = VectorNormalizer.Actual(ours);
        Assert.True(
            expected.Equals(actual),
            $"{vector}{Environment.NewLine}expected: {JsonFormatter.Default.Format(expected)}{Environment.NewLine}actual:   {JsonFormatter.Default.Format(actual)}");
        if (expected.Equals(oracle) && actual.Equals(ours))
        {
            // Nothing needed normalizing, so the bytes must be identical too (README rule 3).
            Assert.Equal(Convert.ToBase64String(oracleBytes), Convert.ToBase64String(ours.ToByteArray()));
        }
    }

    [Fact]
    public void VectorsDirectory_Listing_HoldsExactlyTheReadmeEpisodes()
    {
        // Arrange
        string directory = RequireVectorsDirectory("listing");

        // Act
        string[] requests = [.. Directory.GetFiles(directory, "*.request.b64").Select(f => Path.GetFileName(f)[..^".request.b64".Length]).Order(StringComparer.Ordinal)];

        // Assert
        Assert.Equal(ReadmeEpisodes.Order(StringComparer.Ordinal), requests);
        Assert.All(requests, r => Assert.True(File.Exists(Path.Combine(directory, r + ".response.b64")), r + " has no response"));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Contracts_GoldenVectorJson_ParsesToTheSameMessagesAsItsBytes(string vector)
    {
        // Arrange: the canonical JSON names prove our .proto uses upstream names as well as numbers.
        string directory = RequireVectorsDirectory(vector);
        var parser = new JsonParser(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

        // Act
        OrchestratorRequest requestFromJson = parser.Parse<OrchestratorRequest>(File.ReadAllText(Path.Combine(directory, vector + ".request.json")));
        OrchestratorResponse responseFromJson = parser.Parse<OrchestratorResponse>(File.ReadAllText(Path.Combine(directory, vector + ".response.json")));

        // Assert
        Assert.Equal(OrchestratorRequest.Parser.ParseFrom(ReadBase64(directory, vector + ".request.b64")), requestFromJson);
        Assert.Equal(OrchestratorResponse.Parser.ParseFrom(ReadBase64(directory, vector + ".response.b64")), responseFromJson);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Execute_GoldenVector_ExecutionStartedNameIsTheVectorName(string vector)
    {
        // Arrange
        string directory = RequireVectorsDirectory(vector);
        OrchestratorRequest request = OrchestratorRequest.Parser.ParseFrom(ReadBase64(directory, vector + ".request.b64"));

        // Act
        string started = request.PastEvents.Concat(request.NewEvents)
            .Single(e => e.EventTypeCase == HistoryEvent.EventTypeOneofCase.ExecutionStarted).ExecutionStarted.Name;

        // Assert
        Assert.Equal(vector[..vector.IndexOf('.', StringComparison.Ordinal)], started);
    }

    private static string RequireVectorsDirectory(string vector)
    {
        string? directory = vector == Missing ? null : RepositoryPaths.FindVectorsDirectory();
        if (directory is not null)
        {
            return directory;
        }

        string why = "The golden vectors (shared/durable-vectors) were not found walking up from "
            + AppContext.BaseDirectory + " and " + RepositoryPaths.VectorsEnvironmentVariable + " is not set to an existing folder.";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail(why);
        }

        Assert.Skip(why);
        return string.Empty;
    }

    private static byte[] ReadBase64(string directory, string file) =>
        Convert.FromBase64String(File.ReadAllText(Path.Combine(directory, file)).Trim());
}
