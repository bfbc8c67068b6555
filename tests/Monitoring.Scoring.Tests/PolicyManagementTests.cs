using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Monitoring.Contracts;
using Monitoring.Scoring.Policies;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>An operator uploads a draft, asks what it would change, and activates it; every step is audited.</summary>
public sealed class PolicyManagementTests
{
    const string Draft = "zj-2027.1-draft";

    [Fact]
    public async Task A_draft_is_validated_compared_on_a_seeded_history_and_activated()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);
        using var operatorClient = app.Client(environment.Keys.Operator);

        // History: three plans with exams in December, one in November (outside the period asked about).
        var december = Facts.T("2026-12-21T09:00:00+08:00");
        await bus.PublishAsync(Facts.Plan("P-A", examStart: december) with { WithinFiledScope = false });
        await bus.PublishAsync(new QualificationReviewed("P-A", 9, 3, december.AddDays(-5)));
        await bus.PublishAsync(new ExaminersDispatched("P-A", [
            new DispatchedExaminer("E-1", ExaminerSource.OutsidePool, null, false), new DispatchedExaminer("E-2", ExaminerSource.OutsidePool, null, false)]));
        await bus.PublishAsync(new PaperUsed("P-A", PaperBank.National, 0, false, false));
        await bus.PublishAsync(Facts.Plan("P-B", examStart: december, siteRegistered: false));
        await bus.PublishAsync(Facts.Plan("P-C", region: "330203", examStart: december));
        await bus.PublishAsync(new PaperUsed("P-C", PaperBank.National, 0, false, false));
        await bus.PublishAsync(Facts.Plan("P-D", examStart: Facts.T("2026-12-31T09:00:00+08:00").AddYears(1)));
        await bus.PublishAsync(new PaperUsed("P-D", PaperBank.National, 0, false, false));
        await ScoringPipelineTests.ScoreAsync(app, environment, "P-A", s => s == 61m); // 100 − 10 − 15 − 10 − 4
        await ScoringPipelineTests.ScoreAsync(app, environment, "P-B", s => s == 95m);
        await ScoringPipelineTests.ScoreAsync(app, environment, "P-C", s => s == 96m);
        await ScoringPipelineTests.ScoreAsync(app, environment, "P-D", s => s == 96m);

        // The draft makes a paper theory exam without approval cost 6 points instead of 4.
        var draft = DraftJson(rule => rule["id"]!.GetValue<string>() == "questions.theory-on-paper" ? rule["points"] = "6" : null);
        var uploaded = await operatorClient.PostAsync("api/v1/policies", Json(draft));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await operatorClient.PostAsync("api/v1/policies", Json(draft))).StatusCode);

        var whatIf = await operatorClient.PostAsync($"api/v1/policies/{Draft}/what-if?from=2026-12-01T00:00:00%2B08:00&to=2027-01-01T00:00:00%2B08:00", null);
        Assert.Equal(HttpStatusCode.OK, whatIf.StatusCode);
        var report = JsonDocument.Parse(await whatIf.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(3, report.GetProperty("plans").GetInt32());
        var crossing = Assert.Single(report.GetProperty("crossings").EnumerateArray());
        Assert.Equal(("P-A", 61m, 59m, "below-60"), (crossing.GetProperty("planId").GetString(), crossing.GetProperty("baseline").GetDecimal(),
            crossing.GetProperty("draft").GetDecimal(), crossing.GetProperty("direction").GetString()));
        var questions = report.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("indicator").GetString() == "exam-questions");
        Assert.Equal(-1.33m, questions.GetProperty("meanDelta").GetDecimal());
        Assert.Equal(2, questions.GetProperty("plansChanged").GetInt32());
        var hangzhou = report.GetProperty("regions").EnumerateArray().Single(r => r.GetProperty("regionCode").GetString() == "330106");
        Assert.Equal((2, 0, 1), (hangzhou.GetProperty("plans").GetInt32(), hangzhou.GetProperty("below60Baseline").GetInt32(), hangzhou.GetProperty("below60Draft").GetInt32()));

        var activated = await operatorClient.PostAsJsonAsync($"api/v1/policies/{Draft}/activate", new { });
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        var rescored = await ScoringPipelineTests.ScoreAsync(app, environment, "P-A", s => s == 59m);
        Assert.Equal(Draft, rescored.GetProperty("policyVersion").GetString());

        await using var connection = environment.OpenConnection();
        var audit = (await connection.QueryAsync<(string, string)>("SELECT action, actor FROM scoring.policy_audit WHERE version = @Draft ORDER BY id", new { Draft })).ToList();
        Assert.Equal([("uploaded", "test-operator"), ("what-if", "test-operator"), ("activated", "test-operator")], audit);
    }

    public static TheoryData<string, string, string> RefusedDrafts() => new()
    {
        { "a rule that throws", "facts.ReviewNonQualifying * 100 / facts.ReviewSampled > 40", "plan.extra" },
        { "a reflection call", "facts.GetType().Assembly != null", "plan.extra" },
    };

    [Theory]
    [MemberData(nameof(RefusedDrafts))]
    public async Task A_draft_with_a_bad_rule_is_refused_naming_the_rule(string fault, string when, string ruleId)
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = ScoringApp.Start(environment);
        using var operatorClient = app.Client(environment.Keys.Operator);
        var draft = DraftJson(_ => null);
        draft["indicators"]![0]!["rules"]!.AsArray().Add(new JsonObject { ["id"] = ruleId, ["when"] = when, ["points"] = "1", ["reason"] = "新规则" });

        var response = await operatorClient.PostAsync("api/v1/policies", Json(draft));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"rule {ruleId}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(fault));
    }

    [Fact]
    public async Task Weights_not_summing_to_100_are_refused_and_only_operators_manage_policies()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = ScoringApp.Start(environment);
        var draft = DraftJson(_ => null);
        draft["indicators"]![1]!["weight"] = 16;

        using var operatorClient = app.Client(environment.Keys.Operator);
        var response = await operatorClient.PostAsync("api/v1/policies", Json(draft));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("sum to 101", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var center = app.Client(environment.Keys.Center);
        Assert.Equal(HttpStatusCode.Forbidden, (await center.PostAsync("api/v1/policies", Json(DraftJson(_ => null)))).StatusCode);
    }

    static JsonObject DraftJson(Func<JsonObject, object?> edit)
    {
        var json = JsonNode.Parse(DefaultPolicy.Json())!.AsObject();
        json["version"] = Draft;
        foreach (var indicator in json["indicators"]!.AsArray())
        {
            foreach (var rule in indicator!["rules"]!.AsArray())
                edit(rule!.AsObject());
        }
        return json;
    }

    static StringContent Json(JsonNode json) => new(json.ToJsonString(), Encoding.UTF8, "application/json");
}

/// <summary>What a new release's default policy does to a database that has policies already.</summary>
public sealed class DefaultPolicyUpgradeTests
{
    [Fact]
    public async Task A_new_shipped_default_arrives_as_a_draft_and_leaves_the_active_policy_in_force()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = ScoringApp.Start(environment);
        var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PolicyStore>(app.Services);
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.policies WHERE status = 'active'"), n => n == 1, "the default on a fresh database");

        // As if this database had been running an earlier release's default all along.
        await using (var connection = environment.OpenConnection())
            await connection.ExecuteAsync("UPDATE scoring.policies SET version = 'zj-default-2025.9'");
        await store.EnsureDefaultAsync(CancellationToken.None);
        await store.EnsureDefaultAsync(CancellationToken.None);

        await using var check = environment.OpenConnection();
        var policies = (await check.QueryAsync<(string, string)>("SELECT version, status FROM scoring.policies ORDER BY version")).ToList();
        Assert.Equal([("zj-default-2025.9", "active"), (DefaultPolicy.Document().Version, "draft")], policies);
    }

}
