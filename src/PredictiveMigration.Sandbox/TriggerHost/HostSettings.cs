namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>
/// The app settings the trigger host shares with the app, used to resolve <c>%Setting%</c> placeholders in
/// function.json values (schedules, hub names, consumer groups), as the Functions host does.
/// </summary>
public sealed class HostSettings
{
    private readonly IReadOnlyDictionary<string, string?> _values;

    public HostSettings(IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    /// <summary>Settings from a dictionary, falling back to environment variables.</summary>
    public string? this[string name] => _values.TryGetValue(name, out var v) ? v : Environment.GetEnvironmentVariable(name);

    /// <summary>
    /// Replaces every <c>%Name%</c> in <paramref name="value"/> by the setting. <paramref name="where"/> names the
    /// function.json field for the error message.
    /// </summary>
    /// <exception cref="InvalidOperationException">A placeholder names a setting that is not set.</exception>
    public string Resolve(string value, string where)
    {
        ArgumentNullException.ThrowIfNull(value);
        var result = new System.Text.StringBuilder();
        var i = 0;
        while (i < value.Length)
        {
            var open = value.IndexOf('%', i);
            var close = open < 0 ? -1 : value.IndexOf('%', open + 1);
            if (open < 0 || close < 0)
            {
                result.Append(value, i, value.Length - i);
                break;
            }

            result.Append(value, i, open - i);
            var name = value[(open + 1)..close];
            var setting = this[name];
            if (string.IsNullOrEmpty(setting))
            {
                throw new InvalidOperationException($"{where}: the setting '{name}' (from %{name}%) is not set");
            }

            result.Append(setting);
            i = close + 1;
        }

        return result.ToString();
    }
}
