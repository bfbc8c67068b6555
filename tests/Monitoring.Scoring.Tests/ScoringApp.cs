using Monitoring.Testing;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// Scoring in this test process, with a short debounce and closing grace; two apps on one environment are
/// two replicas competing for the same queues.
/// </summary>
public sealed class ScoringApp(TestEnvironment environment) : InProcessService<Program>
{
    public override TestEnvironment Environment => environment;

    public static ScoringApp Start(TestEnvironment environment)
    {
        var app = new ScoringApp(environment);
        app.Start();
        return app;
    }

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Scoring:Debounce"] = "00:00:00.200";
        settings["Scoring:RescorePollInterval"] = "00:00:00.050";
        settings["Scoring:ClosingGrace"] = "00:00:00.500";
    }
}
