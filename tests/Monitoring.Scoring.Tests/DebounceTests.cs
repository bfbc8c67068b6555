using Dapper;
using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>Reads its host's own scoring counter: other scoring hosts of this test run, in parallel, count in theirs.</summary>
public sealed class DebounceTests
{
    [Fact]
    public async Task A_burst_of_5000_results_rescores_the_plan_a_few_times_not_5000()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);
        using var metrics = app.CreateClient();
        await bus.PublishAsync(Facts.Plan("P-BURST", examStart: Facts.T("2026-12-21T09:00:00+08:00")));
        await ScoringPipelineTests.ScoreAsync(app, environment, "P-BURST", _ => true);
        var before = await ScoringsAsync(metrics);

        await bus.PublishAllAsync(Enumerable.Range(0, 5000).Select(i =>
            ((Contract)Facts.Result("P-BURST", i, recordedAt: "2026-12-22T10:00:00+08:00"), MassTransit.NewId.NextGuid())));

        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.plan_results WHERE plan_id = 'P-BURST'"),
            n => n == 5000, "the 5,000 results to be stored");
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.rescore_queue WHERE plan_id = 'P-BURST' AND due_at <= now() + interval '5 seconds'"),
            n => n == 0, "the last rescore of the burst");
        var rescorings = await ScoringsAsync(metrics) - before;
        Assert.InRange(rescorings, 1, 25);
    }


    static async Task<double> ScoringsAsync(HttpClient metrics) =>
        await metrics.MetricAsync("monitoring_scoring_plans_scored_total", "status=\"provisional\",changed=\"no\"")
        + await metrics.MetricAsync("monitoring_scoring_plans_scored_total", "status=\"provisional\",changed=\"yes\"");
}
