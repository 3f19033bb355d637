using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Functions.Migrations;

/// <summary>
/// Reads <see cref="MigrationPolicy"/> from the <c>Migrations</c> section. The configuration binder appends configured
/// items to a list property's default instead of replacing it (TrafficSteps 50,100 became 10,50,100,50,100), so the
/// lists are read here: a configured list replaces the default, as indexed items (<c>Migrations:TrafficSteps:0</c>) or
/// one comma-separated value (<c>Migrations__ApprovalEnvironments=prod,staging</c>); an empty value means none.
/// </summary>
internal static class MigrationPolicyBinding
{
    public static MigrationPolicy Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Migrations");
        var policy = section.Get<MigrationPolicy>() ?? new MigrationPolicy();
        return policy with
        {
            ApprovalEnvironments = List(section.GetSection(nameof(MigrationPolicy.ApprovalEnvironments))) ?? policy.ApprovalEnvironments,
            TrafficSteps = List(section.GetSection(nameof(MigrationPolicy.TrafficSteps)))?.Select(s => int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
                ? n
                : throw new ArgumentException($"Migrations:TrafficSteps must be integers (was '{s}').", nameof(MigrationPolicy.TrafficSteps))).ToList() ?? policy.TrafficSteps,
        };
    }

    private static List<string>? List(IConfigurationSection section)
    {
        var children = section.GetChildren().Where(c => c.Value is not null).Select(c => c.Value!.Trim()).ToList();
        if (children.Count > 0)
        {
            return children;
        }

        return section.Value is { } text ? [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : null;
    }
}
