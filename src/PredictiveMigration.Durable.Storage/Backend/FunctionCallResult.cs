namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>What came back from one POST to a function route.</summary>
/// <param name="StatusCode">The HTTP status; 0 when the call failed below HTTP.</param>
/// <param name="Body">The response body.</param>
/// <param name="PlatformError">
/// Set when the app could not be reached or did not answer in time: a platform error, which the host retries,
/// unlike a non-2xx answer, which fails the function.
/// </param>
internal sealed record FunctionCallResult(int StatusCode, byte[] Body, string? PlatformError = null)
{
    public bool IsPlatformError => PlatformError is not null;

    public bool IsSuccess => PlatformError is null && StatusCode is >= 200 and < 300;

    /// <summary>The host's wording for a non-2xx answer (HttpResponseMessage.EnsureSuccessStatusCode).</summary>
    public string StatusText => $"Response status code does not indicate success: {StatusCode}.";
}
