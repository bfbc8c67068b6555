using System.Net;
using System.Text.Json;
using Dapper;
using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>Facts arrive as messages on the real broker; the score, its breaches and events leave the same way.</summary>
public sealed class ScoringPipelineTests
{
    [Fact]
    public async Task A_plan_is_scored_from_its_facts_and_each_breach_and_event_is_announced_once()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        var scored = await environment.BindProbeQueueAsync(nameof(PlanScored));
        var breaches = await environment.BindProbeQueueAsync(nameof(IndicatorBreached));
        var terminations = await environment.BindProbeQueueAsync(nameof(PlanTerminationRecommended));
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);
        const string planId = "P-PIPE-1";

        await bus.PublishAsync(Facts.Plan(planId, examStart: Facts.T("2026-12-21T09:00:00+08:00"), siteRegistered: false));
        await bus.PublishAsync(new QualificationReviewed(planId, 9, 3, Facts.T("2026-12-10T10:00:00+08:00")));
        await bus.PublishAsync(new ExaminersDispatched(planId, [
            new DispatchedExaminer("E-1", ExaminerSource.Pool, null, false),
            new DispatchedExaminer("E-2", ExaminerSource.OutsidePool, null, false),
        ]));

        // 100 − 5 (unregistered site) − 15 (1/3 of the sample non-qualifying) − 5 (an examiner from outside the pool)
        var score = await ScoreAsync(app, environment, planId, s => s == 75m);
        Assert.Equal("zj-default-2026.4", score.GetProperty("policyVersion").GetString());
        Assert.Equal("provisional", score.GetProperty("status").GetString());
        var rules = score.GetProperty("indicators").EnumerateArray()
            .SelectMany(i => i.GetProperty("deductions").EnumerateArray().Select(d => d.GetProperty("ruleId").GetString())).Order();
        Assert.Equal(["plan.unregistered-site", "qualification.non-qualifying-third", "staff.outside-pool"], rules);

        // A later fact rescores the plan; the breaches already announced are not announced again.
        await bus.PublishAsync(new PaperUsed(planId, PaperBank.SelfBuilt, 1, true, false));
        await ScoreAsync(app, environment, planId, s => s == 73m);
        await bus.PublishAsync(new PlanClosed(planId, Facts.T("2026-12-30T10:00:00+08:00")));
        var final = await ScoreAsync(app, environment, planId, _ => true, status: "final");

        // Closed without any video: the coverage breach comes with the final score, not while videos could still arrive.
        var announced = await environment.DrainAtLeastAsync(breaches, 3);
        Assert.Equal(["examiner-outside-pool:red", "unregistered-site:red", "video-coverage:orange"],
            announced.Select(m => $"{m.Message.GetProperty("kind").GetString()}:{m.Message.GetProperty("level").GetString()}").Order());
        var termination = Assert.Single(await environment.DrainAtLeastAsync(terminations, 1));
        Assert.Equal(3, termination.Message.GetProperty("nonQualifying").GetInt32());
        var scores = await environment.DrainAtLeastAsync(scored, 3);
        Assert.Equal("final", scores[^1].Message.GetProperty("status").GetString());
        Assert.True(final.GetProperty("score").GetDecimal() < 73m, "closing without supervision, disclosure or survey costs points");
        Assert.Empty(await environment.DrainAsync(breaches));
    }

    [Fact]
    public async Task A_plan_outside_a_centers_region_is_forbidden_to_it()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);
        await bus.PublishAsync(Facts.Plan("P-NINGBO", region: "330203", examStart: Facts.T("2026-12-21T09:00:00+08:00")));
        await ScoreAsync(app, environment, "P-NINGBO", _ => true);

        using var center = app.Client(environment.Keys.Center);
        Assert.Equal(HttpStatusCode.Forbidden, (await center.GetAsync("api/v1/plans/P-NINGBO/score")).StatusCode);
        using var platform = app.Client(environment.Keys.Platform);
        Assert.Equal(HttpStatusCode.OK, (await platform.GetAsync("api/v1/plans/P-NINGBO/score")).StatusCode);
    }

    public static async Task<JsonElement> ScoreAsync(ScoringApp app, TestEnvironment environment, string planId, Func<decimal, bool> expected, string status = "provisional")
    {
        using var client = app.Client(environment.Keys.Operator);
        var response = await Eventually.ReturnsAsync(async () =>
        {
            var r = await client.GetAsync($"api/v1/plans/{planId}/score");
            return r.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement : (JsonElement?)null;
        }, s => s is { } score && expected(score.GetProperty("score").GetDecimal()) && score.GetProperty("status").GetString() == status,
            $"the score of {planId}");
        return response!.Value;
    }
}
