using System.Text.Json;
using PredictiveMigration.Durable.Protobuf;

namespace PredictiveMigration.Durable.Tests.Conformance;

/// <summary>The README's normalization rules, applied before comparing a response with the oracle's.</summary>
internal static class VectorNormalizer
{
    // Rule 5: errorType is a .NET type name; the framework exception is Microsoft's there and ours here.
    private const string OracleTaskFailedType = "Microsoft.DurableTask.TaskFailedException";

    /// <summary>The oracle's response with rule 1 (activity inputs unwrapped) and rule 5 (framework type) applied.</summary>
    public static OrchestratorResponse Expected(OrchestratorResponse oracle)
    {
        OrchestratorResponse expected = oracle.Clone();
        foreach (OrchestratorAction action in expected.Actions)
        {
            if (action.ScheduleTask?.Input is { } wrapped)
            {
                action.ScheduleTask.Input = Unwrap(wrapped);
            }

            if (action.CompleteOrchestration?.FailureDetails is { } failure)
            {
                Normalize(failure);
            }
        }

        return expected;
    }

    /// <summary>Our response without stack traces (rule 5: the vectors have them removed).</summary>
    public static OrchestratorResponse Actual(OrchestratorResponse ours)
    {
        OrchestratorResponse actual = ours.Clone();
        foreach (OrchestratorAction action in actual.Actions)
        {
            if (action.CompleteOrchestration?.FailureDetails is { } failure)
            {
                Normalize(failure);
            }
        }

        return actual;
    }

    private static void Normalize(TaskFailureDetails failure)
    {
        failure.StackTrace = null;
        if (failure.ErrorType == OracleTaskFailedType)
        {
            failure.ErrorType = typeof(TaskFailedException).FullName;
        }

        if (failure.InnerFailure is not null)
        {
            Normalize(failure.InnerFailure);
        }
    }

    private static string Unwrap(string wrappedJson)
    {
        using JsonDocument document = JsonDocument.Parse(wrappedJson);
        JsonElement root = document.RootElement;
        Assert.True(
            root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == 1,
            $"The oracle's activity input {wrappedJson} is not a one-element array.");
        return root[0].GetRawText();
    }
}
