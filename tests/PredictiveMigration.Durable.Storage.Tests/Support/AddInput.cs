namespace PredictiveMigration.Durable.Storage.Tests.Support;

internal sealed record AddInput(int X, int Y);
