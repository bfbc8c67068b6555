using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.EndToEnd.Tests;

public sealed class WalkingSkeletonTests
{
    [Fact]
    public async Task A_plan_filed_at_ingest_is_scored_and_its_breach_becomes_a_warning_at_alerts()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var pipeline = await Pipeline.StartAsync(environment, asPlatform: false);
        var (scoring, alerts, notice, ingest) = pipeline;

        var filed = await ingest.Http.PostAsJsonAsync("api/v1/plans", Plans.Filed("P-SKELETON-1", siteRegistered: false));
        Assert.Equal(HttpStatusCode.Accepted, filed.StatusCode);

        var score = await Eventually.ReturnsAsync(
            () => scoring.Http.GetAsync("api/v1/plans/P-SKELETON-1/score"), r => r.StatusCode == HttpStatusCode.OK, "the plan's score");
        using var body = JsonDocument.Parse(await score.Content.ReadAsStringAsync());
        Assert.Equal(95m, body.RootElement.GetProperty("score").GetDecimal());
        Assert.Equal("provisional", body.RootElement.GetProperty("status").GetString());
        var plan = body.RootElement.GetProperty("indicators").EnumerateArray().First(i => i.GetProperty("indicator").GetString() == "plan-announcement");
        Assert.Equal("plan.unregistered-site", plan.GetProperty("deductions")[0].GetProperty("ruleId").GetString());

        var warnings = await Eventually.ReturnsAsync(async () => JsonDocument.Parse(await alerts.Http.GetStringAsync("api/v1/warnings?region=330000"))
            .RootElement.EnumerateArray().Where(w => w.GetProperty("planId").GetString() == "P-SKELETON-1").ToList(), w => w.Count == 1,
            "alerts to warn of the unregistered site");
        Assert.Equal("unregistered-site", warnings[0].GetProperty("kind").GetString());

        Assert.Equal(1, await ingest.MetricAsync("monitoring_ingest_requests_total", "endpoint=\"FilePlan\",outcome=\"accepted\""));
        Assert.Equal(1, await scoring.MetricAsync("monitoring_messages_consumed_total", "consumer=\"PlanFiledConsumer\",message_type=\"PlanFiled\""));
        Assert.Equal(1, await scoring.MetricAsync("monitoring_outbox_relayed_total", "message_type=\"PlanScored\""));
        Assert.Equal(1, await alerts.MetricAsync("monitoring_messages_consumed_total", "consumer=\"PlanScoredConsumer\",message_type=\"PlanScored\""));
        foreach (var service in new[] { ingest, scoring, alerts, notice })
            Assert.Equal(HttpStatusCode.OK, (await service.Http.GetAsync("health/ready")).StatusCode);
    }

    [Fact]
    public async Task A_plan_with_invalid_fields_is_refused_with_problem_details_naming_them()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var ingest = await ServiceProcess.StartAsync("ingest", environment);

        var response = await ingest.Http.PostAsJsonAsync("api/v1/plans", new { planId = "not valid!", level = 9, regionCode = "110101" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        foreach (var field in new[] { "planId", "level", "regionCode", "orgCode", "examStart" })
            Assert.True(errors.TryGetProperty(field, out _), $"problem details should name {field}: {errors}");
    }
}
