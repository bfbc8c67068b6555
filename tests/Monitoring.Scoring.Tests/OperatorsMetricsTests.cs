using MassTransit;
using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// What scoring tells the operators' dashboards: each plan's final score once, by city, however often it is scored
/// after; and the plans and candidates examining now and in the next hours, from the filed exam windows.
/// </summary>
public sealed class OperatorsMetricsTests
{
    [Fact]
    public async Task A_final_score_is_observed_once_in_its_citys_histogram_and_exams_are_counted_by_window()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);
        var now = DateTimeOffset.UtcNow;

        // A plan in a Ningbo county, examined last week and closed: its final score counts once for 330200.
        var past = now.AddDays(-7);
        await bus.PublishAsync(Facts.Plan("P-OBS-FINAL", region: "330203", examStart: past), NewId.NextGuid());
        await bus.PublishAsync(new QualificationReviewed("P-OBS-FINAL", 20, 0, past.AddDays(-5)), NewId.NextGuid());
        await bus.PublishAsync(new PlanClosed("P-OBS-FINAL", past.AddDays(3)) { AcceptedMessages = 2 });
        await ScoringPipelineTests.ScoreAsync(app, environment, "P-OBS-FINAL", _ => true, status: "final");
        Assert.Equal(1, await SampleAsync(app, "monitoring_scoring_final_scores_count", "city=\"330200\""));
        // A late fact rescores the final plan (its score may change): it is not observed a second time.
        await bus.PublishAsync(new DisclosurePublished("P-OBS-FINAL", DisclosureKind.Results, past.AddDays(2), past.AddDays(20)), NewId.NextGuid());
        await Eventually.ReturnsAsync(() => ScoringPipelineTests.ScoreAsync(app, environment, "P-OBS-FINAL", _ => true, status: "final"),
            s => s.GetProperty("messages").GetInt32() == 3, "the final score covering the late fact");
        Assert.Equal(1, await SampleAsync(app, "monitoring_scoring_final_scores_count", "city=\"330200\""));
        Assert.Equal(0, await SampleAsync(app, "monitoring_scoring_final_scores_count", "city=\"330100\""));

        // One plan examining now (started an hour ago, eight hours long) and one starting in two hours, 40 candidates each.
        await bus.PublishAsync(Facts.Plan("P-OBS-NOW", examStart: now.AddHours(-1)), NewId.NextGuid());
        await bus.PublishAsync(Facts.Plan("P-OBS-SOON", examStart: now.AddHours(2)), NewId.NextGuid());
        await ScoringPipelineTests.ScoreAsync(app, environment, "P-OBS-SOON", _ => true);
        await ScoringPipelineTests.ScoreAsync(app, environment, "P-OBS-NOW", _ => true);
        Assert.Equal(1, await SampleAsync(app, "monitoring_scoring_exam_plans", "window=\"now\""));
        Assert.Equal(1, await SampleAsync(app, "monitoring_scoring_exam_plans", "window=\"next_1h\""));
        Assert.Equal(2, await SampleAsync(app, "monitoring_scoring_exam_plans", "window=\"next_3h\""));
        Assert.Equal(80, await SampleAsync(app, "monitoring_scoring_exam_candidates", "window=\"next_3h\""));
    }

    static async Task<double> SampleAsync(ScoringApp app, string name, string label)
    {
        using var client = app.CreateClient();
        return await MetricsText.SampleAsync(client, name, label);
    }
}
