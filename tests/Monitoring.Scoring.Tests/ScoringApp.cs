using Monitoring.Testing;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// Scoring in this test process, with a short debounce and closing grace; two apps on one environment are
/// two replicas competing for the same queues.
/// </summary>
public sealed class ScoringApp(TestEnvironment environment, IReadOnlyDictionary<string, string>? overrides = null) : InProcessService<Program>
{
    public override TestEnvironment Environment => environment;

    public static ScoringApp Start(TestEnvironment environment, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var app = new ScoringApp(environment, overrides);
        app.Start();
        return app;
    }

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Scoring:Debounce"] = "00:00:00.200";
        settings["Scoring:RescorePollInterval"] = "00:00:00.050";
        // Shorter than the poll, so the worker also looks up the queue's next due time (the defaults need not).
        settings["Scoring:RescoreBatchWindow"] = "00:00:00.020";
        settings["Scoring:ClosingGrace"] = "00:00:00.500";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
            settings[key] = value;
    }
}
