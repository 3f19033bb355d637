namespace PredictiveMigration.Durable.Tests.Model;

/// <summary>An activity with a constructor dependency.</summary>
public sealed class GreetingActivity(GreetingSettings settings) : TaskActivity<string, string>
{
    public GreetingSettings Settings { get; } = settings;

    public override Task<string> RunAsync(TaskActivityContext context, string input, CancellationToken cancellationToken) =>
        Task.FromResult($"{Settings.Greeting}, {input}");
}
