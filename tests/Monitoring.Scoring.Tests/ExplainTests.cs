using System.Net;
using System.Text.Json;
using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>Why a plan scores what it scores: every rule, whether it held, what it deducted and the facts it read.</summary>
public sealed class ExplainTests
{
    [Fact]
    public async Task The_explanation_lists_every_rule_with_whether_it_held_its_points_and_the_facts_it_read()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);
        await bus.PublishAsync(Facts.Plan("P-EXPLAIN", examStart: Facts.T("2026-12-21T09:00:00+08:00"), siteRegistered: false));
        await bus.PublishAsync(new QualificationReviewed("P-EXPLAIN", 9, 3, Facts.T("2026-12-10T10:00:00+08:00")));
        await ScoringPipelineTests.ScoreAsync(app, environment, "P-EXPLAIN", s => s == 80m);

        using var operatorClient = app.Client(environment.Keys.Operator);
        var response = await operatorClient.GetAsync("api/v1/plans/P-EXPLAIN/score/explain");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var explanation = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(80m, explanation.GetProperty("score").GetDecimal());
        var rules = explanation.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("ruleId").GetString()!);
        Assert.Equal(Facts.DefaultPolicyRuleCount, rules.Count);

        var site = rules["plan.unregistered-site"];
        Assert.True(site.GetProperty("held").GetBoolean());
        Assert.Equal(5m, site.GetProperty("points").GetDecimal());
        Assert.False(site.GetProperty("facts").GetProperty("siteRegistered").GetBoolean());

        var third = rules["qualification.non-qualifying-third"];
        Assert.True(third.GetProperty("held").GetBoolean());
        Assert.Equal((9, 3), (third.GetProperty("facts").GetProperty("reviewSampled").GetInt32(), third.GetProperty("facts").GetProperty("reviewNonQualifying").GetInt32()));

        var video = rules["video.coverage"];
        Assert.False(video.GetProperty("held").GetBoolean());
        Assert.Equal(JsonValueKind.Null, video.GetProperty("points").ValueKind);
    }

    [Fact]
    public async Task Only_operators_and_the_center_of_the_plans_region_read_an_explanation()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);
        await bus.PublishAsync(Facts.Plan("P-EXPLAIN-NB", region: "330203"));
        await ScoringPipelineTests.ScoreAsync(app, environment, "P-EXPLAIN-NB", _ => true);

        using var hangzhou = app.Client(environment.Keys.Center);
        using var platform = app.Client(environment.Keys.Platform);
        using var operatorClient = app.Client(environment.Keys.Operator);
        Assert.Equal(HttpStatusCode.Forbidden, (await hangzhou.GetAsync("api/v1/plans/P-EXPLAIN-NB/score/explain")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.GetAsync("api/v1/plans/P-EXPLAIN-NB/score/explain")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync("api/v1/plans/P-NONE/score/explain")).StatusCode);
    }
}
