namespace PredictiveMigration.Durable.Storage.Tests.Support;

/// <summary>The orchestrations and activities the backend tests run through the real routes.</summary>
internal static class TestTasks
{
    public const string ChainFanOut = "ChainFanOut";
    public const string Approval = "Approval";
    public const string TwoEvents = "TwoEvents";
    public const string Sleeper = "Sleeper";
    public const string Parent = "Parent";
    public const string Counter = "Counter";
    public const string CatchActivityFailure = "CatchActivityFailure";
    public const string CallExploding = "CallExploding";
    public const string CallUnreachable = "CallUnreachable";

    /// <summary>An activity route the test app answers with 500 (mapped by the test, not by the registry).</summary>
    public const string Exploding = "Exploding";

    /// <summary>An activity route the test app answers by dropping the connection.</summary>
    public const string Unreachable = "Unreachable";

    /// <summary>An orchestrator route the test app answers with 500.</summary>
    public const string BrokenOrchestrator = "BrokenOrchestrator";

    /// <summary>ChainFanOut's output for input n: (n+1) + (n+3) + (1+4+9+16+25).</summary>
    public static int ChainFanOutOutput(int n) => (2 * n) + 4 + 55;

    public static DurableTaskRegistry CreateRegistry() => new DurableTaskRegistry()
        .AddOrchestrator<int, int>(ChainFanOut, async (context, n) =>
        {
            int a = await context.CallActivityAsync<int>("Add", new AddInput(n, 1));
            int b = await context.CallActivityAsync<int>("Add", new AddInput(a, 2));
            int[] squares = await Task.WhenAll(Enumerable.Range(1, 5).Select(i => context.CallActivityAsync<int>("Square", i)));
            return a + b + squares.Sum();
        })
        .AddOrchestrator<string?, string>(Approval, async (context, _) =>
        {
            string approver = await context.WaitForExternalEvent<string>("Approve");
            return "approved by " + approver;
        })
        .AddOrchestrator<string?, string>(TwoEvents, async (context, _) =>
        {
            string first = await context.WaitForExternalEvent<string>("A");
            string second = await context.WaitForExternalEvent<string>("B");
            return first + second;
        })
        .AddOrchestrator<string?, string>(Sleeper, async (context, _) =>
        {
            DateTime before = context.CurrentUtcDateTime;
            await context.CreateTimer(TimeSpan.FromMilliseconds(400), CancellationToken.None);
            return context.CurrentUtcDateTime - before >= TimeSpan.FromMilliseconds(400) ? "woke on time" : "woke early";
        })
        .AddOrchestrator<int, int>(Parent, async (context, n) =>
            await context.CallSubOrchestratorAsync<int>(ChainFanOut, n, context.InstanceId + "-child") + 1000)
        .AddOrchestrator<int, int>(Counter, (context, n) =>
        {
            if (n < 3)
            {
                context.ContinueAsNew(n + 1);
            }

            return Task.FromResult(n);
        })
        .AddOrchestrator<string?, string>(CatchActivityFailure, async (context, _) =>
        {
            try
            {
                await context.CallActivityAsync<int>("Throw");
                return "no failure";
            }
            catch (TaskFailedException failure)
            {
                return failure.FailureDetails.ErrorType + ": " + failure.FailureDetails.ErrorMessage;
            }
        })
        .AddOrchestrator<string?, string>(CallExploding, async (context, _) =>
        {
            try
            {
                await context.CallActivityAsync<int>(Exploding);
                return "no failure";
            }
            catch (TaskFailedException failure)
            {
                return failure.FailureDetails.ErrorType + " / " + failure.FailureDetails.InnerFailure?.ErrorMessage;
            }
        })
        .AddOrchestrator<string?, int>(CallUnreachable, async (context, _) => await context.CallActivityAsync<int>(Unreachable))
        .AddActivity<AddInput, int>("Add", (_, input, _) => Task.FromResult(input.X + input.Y))
        .AddActivity<int, int>("Square", (_, i, _) => Task.FromResult(i * i))
        .AddActivity<string?, int>("Throw", (_, _, _) => throw new InvalidOperationException("quota exceeded"));
}
