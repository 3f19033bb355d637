namespace PredictiveMigration.Functions.Connectors;

/// <summary>
/// <c>POST /api/scale</c>'s answer: the actions (none when the fleet is already as asked) and each one's result;
/// <paramref name="Replayed"/> when an earlier request with the same <c>Idempotency-Key</c> had already run them.
/// </summary>
public sealed record ScaleApiResponse(IReadOnlyList<ScaleActionResult> Results, bool Replayed)
{
    public int Applied => Results.Count(r => r.Ok);
}
