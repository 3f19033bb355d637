namespace PredictiveMigration.Domain.Cloud;

/// <summary>The pay-as-you-go price of a VM size in a region, per hour, in <see cref="Currency"/>.</summary>
public sealed record VmPrice(string Size, string Region, double PricePerHour, string Currency)
{
    /// <summary>Azure bills 730 hours a month.</summary>
    public double PricePerMonth => PricePerHour * 730;
}
