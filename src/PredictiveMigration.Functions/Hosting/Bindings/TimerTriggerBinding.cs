using System.Text.Json;

namespace PredictiveMigration.Functions.Hosting.Bindings;

/// <summary>
/// A timer trigger: <c>{"name":"timer","type":"timerTrigger","direction":"in","schedule":"%ForecastSchedule%"}</c>.
/// <paramref name="Schedule"/> is a six-field NCRONTAB expression (with seconds) or a <c>%Setting%</c> placeholder;
/// <c>runOnStartup</c> is written only when true (the host's default is false), <c>useMonitor</c> only when false
/// (default true: the host records schedule status in storage, so a missed tick is reported as past due).
/// The invocation's <c>Data.timer</c> is a TimerInfo object (PROTOCOL.md §2.4).
/// </summary>
public sealed record TimerTriggerBinding(string Name, string Schedule, bool RunOnStartup = false, bool UseMonitor = true) : BindingDeclaration(Name)
{
    public override string Type => "timerTrigger";

    public override string Direction => "in";

    protected override void WriteProperties(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("schedule", Schedule);
        if (RunOnStartup)
        {
            writer.WriteBoolean("runOnStartup", true);
        }

        if (!UseMonitor)
        {
            writer.WriteBoolean("useMonitor", false);
        }
    }
}
