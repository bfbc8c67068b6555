using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Policies;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// Rescoring in batches: many due plans claimed, loaded set-based and scored in one policy session and one
/// transaction, with a rule that throws on one plan failing that plan only.
/// </summary>
public sealed class BatchRescoreTests
{
    const string Draft = "zj-batch-draft";

    [Fact]
    public async Task An_activation_rescores_the_open_plans_in_batches_and_a_rule_failing_on_one_plan_spoils_no_other()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);
        using var operatorClient = app.Client(environment.Keys.Operator);
        using var metrics = app.CreateClient();

        var plans = Enumerable.Range(0, 30).Select(i => $"P-BATCH-{i:D2}").ToList();
        var examStart = Facts.T("2026-12-21T09:00:00+08:00");
        foreach (var (planId, i) in plans.Select((p, i) => (p, i)))
        {
            await bus.PublishAsync(Facts.Plan(planId, examStart: examStart));
            // Plan 13 is the one whose sample the draft's new rule cannot take.
            await bus.PublishAsync(new QualificationReviewed(planId, i == 13 ? 13 : 20, 0, examStart.AddDays(-5)));
        }
        foreach (var planId in plans)
            await ScoringPipelineTests.ScoreAsync(app, environment, planId, _ => true);

        // A draft that passes its trial run (the probes have samples of 0 and 3) but divides by zero on a sample of 13.
        var draft = JsonNode.Parse(DefaultPolicy.Json())!.AsObject();
        draft["version"] = Draft;
        draft["indicators"]![1]!["rules"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "qualification.divides-at-13", ["when"] = "100 / (facts.ReviewSampled - 13) > 1000", ["points"] = "1", ["reason"] = "测试规则",
        });
        Assert.Equal(HttpStatusCode.Created,
            (await operatorClient.PostAsync("api/v1/policies", new StringContent(draft.ToJsonString(), Encoding.UTF8, "application/json"))).StatusCode);
        var batchesBefore = await metrics.MetricAsync("monitoring_scoring_batch_plans_count", "");
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsJsonAsync($"api/v1/policies/{Draft}/activate", new { })).StatusCode);

        foreach (var planId in plans.Where(p => p != "P-BATCH-13"))
            await Eventually.ReturnsAsync(() => PolicyVersionAsync(operatorClient, planId), v => v == Draft, $"{planId} rescored under the draft");
        await Eventually.ReturnsAsync(() => metrics.MetricAsync("monitoring_scoring_failures_total", $"policy_version=\"{Draft}\",rule=\"qualification.divides-at-13\""),
            n => n >= 1, "the failure counted with its rule");

        // The failing plan keeps the score it had, and comes back a minute later rather than at once.
        Assert.Equal(DefaultPolicy.Document().Version, await PolicyVersionAsync(operatorClient, "P-BATCH-13"));
        Assert.Equal(1, await environment.CountAsync(
            "SELECT count(*) FROM scoring.rescore_queue WHERE plan_id = 'P-BATCH-13' AND due_at > now() + interval '30 seconds'"));
        // 29 plans were rescored in fewer passes than plans: several a pass.
        var batches = await metrics.MetricAsync("monitoring_scoring_batch_plans_count", "") - batchesBefore;
        Assert.InRange(batches, 1, 28);
    }

    [Fact]
    public async Task A_plan_that_breaks_its_batch_is_scored_apart_and_holds_up_no_other()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);

        // An exam filed for the last day of the calendar: its result deadline lies past the last date .NET can hold,
        // so its facts cannot be built. It comes in one batch with the others.
        var plans = Enumerable.Range(0, 8).Select(i => $"P-APART-{i}").ToList();
        foreach (var planId in plans)
            await bus.PublishAsync(Facts.Plan(planId, examStart: Facts.T("2026-12-21T09:00:00+08:00")));
        await bus.PublishAsync(Facts.Plan("P-APART-BROKEN", examStart: new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero)));

        foreach (var planId in plans)
            await ScoringPipelineTests.ScoreAsync(app, environment, planId, _ => true);
        await Eventually.ReturnsAsync(() => environment.CountAsync(
            "SELECT count(*) FROM scoring.rescore_queue WHERE plan_id = 'P-APART-BROKEN' AND due_at > now() + interval '30 seconds'"),
            n => n == 1, "the broken plan to wait a minute before it is tried again");
        Assert.Equal(0, await environment.CountAsync("SELECT count(*) FROM scoring.plan_scores WHERE plan_id = 'P-APART-BROKEN'"));
        Assert.Contains("P-APART-BROKEN could not be scored", app.Logs);
    }

    [Fact]
    public async Task Facts_of_many_plans_load_as_each_plan_alone()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);

        var examStart = Facts.T("2026-11-02T09:00:00+08:00");
        var plans = Enumerable.Range(0, 12).Select(i => $"P-LOAD-{i:D2}").ToList();
        foreach (var (planId, i) in plans.Select((p, i) => (p, i)))
        {
            await bus.PublishAsync(Facts.Plan(planId, examStart: examStart.AddDays(i % 3)));
            // Each plan has a different subset of facts, so a row of one plan never stands in for another's missing one.
            if (i % 2 == 0)
                await bus.PublishAsync(new QualificationReviewed(planId, 10 + i, i % 4, examStart.AddDays(-5)));
            if (i % 3 == 0)
                await bus.PublishAsync(new PaperUsed(planId, PaperBank.National, i, i % 2 == 0, false));
            for (var c = 0; c < i; c++)
                await bus.PublishAsync(Facts.Result(planId, c, theory: 55 + c, recordedAt: c % 2 == 0 ? "2026-11-03T10:00:00+08:00" : "2026-11-20T10:00:00+08:00"));
            if (i % 4 == 1)
            {
                await bus.PublishAsync(new VideoSegmentRecorded(planId, "R1", "C1", examStart, examStart.AddHours(1), 720 + i, 8, 8));
                await bus.PublishAsync(new SurveyResponded(planId, $"hash-{i}", 1 + i % 5, i % 2 == 1));
            }
            if (i % 5 == 2)
                await bus.PublishAsync(new DisclosurePublished(planId, DisclosureKind.Plan, examStart.AddDays(-20), null));
            if (i % 6 == 3)
                await bus.PublishAsync(new PlanClosed(planId, examStart.AddDays(10)));
        }
        await bus.PublishAsync(new QualificationReviewed("P-NEVER-FILED", 5, 1, examStart));
        foreach (var (planId, i) in plans.Select((p, i) => (p, i)))
            await ScoringPipelineTests.ScoreAsync(app, environment, planId, _ => true, status: i % 6 == 3 ? "final" : "provisional");
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.plan_reviews WHERE plan_id = 'P-NEVER-FILED'"),
            n => n == 1, "the review of a plan never filed");

        await using var connection = environment.OpenConnection();
        await connection.ExecuteAsync("SET search_path TO scoring");
        var asked = (IReadOnlyList<string>)[.. plans.AsEnumerable().Reverse(), "P-NEVER-FILED", plans[3]];
        var many = await FactStore.LoadManyAsync(connection, null, asked, CancellationToken.None);

        Assert.Equal([.. plans.AsEnumerable().Reverse()], many.Select(r => r.Plan.PlanId));
        foreach (var loaded in many)
        {
            var alone = await FactStore.LoadAsync(connection, null, loaded.Plan.PlanId, CancellationToken.None);
            Assert.Equal(Canonical(alone!), Canonical(loaded));
        }
        Assert.Null(await FactStore.LoadAsync(connection, null, "P-NEVER-FILED", CancellationToken.None));
        Assert.Contains(many, r => r.Results.Count > 0 && r.Results.Days.Count == 2);
        Assert.Contains(many, r => r.FinalFrom is not null);
    }

    /// <summary>The facts as JSON with their lists in a fixed order (SQL returns rows in no particular order).</summary>
    static string Canonical(RawFacts raw) => JsonSerializer.Serialize(raw with
    {
        Results = raw.Results with { Days = [.. raw.Results.Days.OrderBy(d => d.Day)] },
        Videos = [.. raw.Videos.OrderBy(v => v.Room).ThenBy(v => v.From)],
        Disclosures = [.. raw.Disclosures.OrderBy(d => d.Kind)],
        Warnings = [.. raw.Warnings.OrderBy(w => w.RaisedAt)],
    });

    static async Task<string?> PolicyVersionAsync(HttpClient client, string planId)
    {
        var response = await client.GetAsync($"api/v1/plans/{planId}/score");
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("policyVersion").GetString()
            : null;
    }
}
