namespace PredictiveMigration.Durable.Tests.Model;

/// <summary>A dependency for <see cref="GreetingActivity"/>.</summary>
public sealed record GreetingSettings(string Greeting);
