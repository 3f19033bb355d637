using System.Net.Http.Json;
using System.Text.Json;
using PredictiveMigration.Domain.Cloud;

namespace PredictiveMigration.Azure.Arm;

/// <summary>
/// <see cref="IPriceCatalog"/> over the Azure Retail Prices API (<c>https://prices.azure.com/api/retail/prices</c>, no
/// authentication) or the sandbox cloud's copy of its shape. Follows <c>NextPageLink</c>; keeps Consumption prices
/// per hour and ignores Spot and Low Priority meters.
/// </summary>
public sealed class RetailPriceCatalog(HttpClient http, Uri pricesEndpoint) : IPriceCatalog
{
    /// <summary>The public endpoint.</summary>
    public static readonly Uri AzureEndpoint = new("https://prices.azure.com/api/retail/prices");

    public async Task<CloudResult<IReadOnlyList<VmPrice>>> GetVmPricesAsync(string region, CancellationToken cancellationToken)
    {
        var prices = new List<VmPrice>();
        var filter = Uri.EscapeDataString($"serviceName eq 'Virtual Machines' and armRegionName eq '{region}' and priceType eq 'Consumption'");
        Uri? next = new($"{pricesEndpoint}?$filter={filter}");
        for (var page = 0; next is not null && page < 100; page++)
        {
            using var response = await http.GetAsync(next, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var retry = response.Headers.RetryAfter?.Delta;
                var status = (int)response.StatusCode;
                return CloudResult<IReadOnlyList<VmPrice>>.Fail(new CloudFailure($"Http{status}", $"the prices API answered {status}", status, retry, status is 429 or >= 500));
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
            foreach (var item in body.GetProperty("Items").EnumerateArray())
            {
                var unit = item.TryGetProperty("unitOfMeasure", out var u) ? u.GetString() : null;
                var meter = item.TryGetProperty("meterName", out var m) ? m.GetString() ?? string.Empty : string.Empty;
                var type = item.TryGetProperty("type", out var t) ? t.GetString() : "Consumption";
                if (unit != "1 Hour" || type != "Consumption" || meter.Contains("Spot", StringComparison.Ordinal) || meter.Contains("Low Priority", StringComparison.Ordinal))
                {
                    continue;
                }

                prices.Add(new VmPrice(item.GetProperty("armSkuName").GetString()!, item.GetProperty("armRegionName").GetString()!, item.GetProperty("retailPrice").GetDouble(), item.GetProperty("currencyCode").GetString() ?? "USD"));
            }

            next = body.TryGetProperty("NextPageLink", out var link) && link.ValueKind == JsonValueKind.String ? new Uri(link.GetString()!) : null;
        }

        return CloudResult<IReadOnlyList<VmPrice>>.Ok(prices);
    }
}
