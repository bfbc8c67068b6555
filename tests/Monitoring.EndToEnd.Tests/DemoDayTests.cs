using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Demo.Scenario;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.EndToEnd.Tests;

/// <summary>
/// A small generated exam period through the four services as processes: every planted outcome comes out,
/// then alerts' clock moves past the one-month deadline and the overdue tasks suspend their orgs, with notices.
/// </summary>
public sealed class DemoDayTests
{
    [Fact]
    public async Task Every_planted_outcome_comes_out_and_a_month_later_overdue_tasks_suspend_their_orgs_with_notices()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var scoring = await ServiceProcess.StartAsync("scoring", environment);
        await using var notice = await ServiceProcess.StartAsync("notice", environment);
        await using var alerts = await ServiceProcess.StartAsync("alerts", environment, new Dictionary<string, string>
        {
            ["Testing__ShiftableClock"] = "true",
            ["Alerts__SweepInterval"] = "00:00:01",
        });
        await using var ingest = await ServiceProcess.StartAsync("ingest", environment, new Dictionary<string, string>
        {
            ["Ingest__RateLimitPerSecond"] = "1000",
            ["Ingest__RateLimitBurst"] = "1000",
        });
        // 40 plans: enough for a plan of every fault and clean plans left for a pair certifying one person twice.
        var scenario = new ScenarioGenerator(seed: 7, tag: "E2E" + Guid.NewGuid().ToString("N")[..6], DateTimeOffset.UtcNow).Generate(plans: 40, candidatesPerPlan: 12);
        var failing = scenario.Plans.Where(p => p.ExpectedScore < 60).ToList();
        Assert.NotEmpty(failing);
        Assert.Contains(scenario.Plans, p => p.Fault == Fault.Termination);
        Assert.Contains(scenario.Plans, p => p.DuplicateCertificate);
        Assert.Contains(scenario.Plans, p => p.ExpectedWarnings.Contains(("orange", "examiner-draw-not-random")));
        Assert.Contains(scenario.Plans, p => p.ExpectedWarnings.Contains(("orange", "unfounded-pool-shortage")));
        Assert.Contains(scenario.Plans, p => p.Fault == Fault.SmallPool);

        Assert.Contains(scenario.Plans, p => p.Fault == Fault.OutOfRegion);
        Assert.Contains(scenario.Plans, p => p.Fault == Fault.OutOfRegionApproved);
        Assert.All(ScenarioGenerator.Rates, r => Assert.Contains(scenario.Plans, p => p.Fault == r.Fault));
        await new IngestSender(ingest.Http).SendAsync(scenario, progress: null, CancellationToken.None, alerts.Http);

        var outcome = await Eventually.ReturnsAsync(() => Outcome.ReadAsync(scenario, scoring.Http, alerts.Http, notice.Http, CancellationToken.None),
            o => o.Matches(scenario), "every planted outcome", within: TimeSpan.FromMinutes(3),
            context: () => string.Join("\n", scoring.Output.Split('\n').Where(l => l.Contains("\"Error\"", StringComparison.Ordinal)).Take(10)));
        Assert.Equal(scenario.BelowSixty, outcome.DocumentNumbers.Distinct().Count());

        // The center decides each termination recommendation (terminated or returned in turn), each with its notice.
        var terminations = CenterDecisions.Terminations(scenario);
        await CenterDecisions.DecideTerminationsAsync(alerts.Http, scenario, CancellationToken.None);
        var decided = await Eventually.ReturnsAsync(() => Outcome.ReadAsync(scenario, scoring.Http, alerts.Http, notice.Http, CancellationToken.None),
            o => o.Notices("plan-termination") + o.Notices("plan-return") == terminations.Count, "a notice per decided termination", context: () => notice.Output);
        Assert.Equal((terminations.Count(t => t.Outcome == "terminate"), terminations.Count(t => t.Outcome == "return")),
            (decided.Notices("plan-termination"), decided.Notices("plan-return")));
        Assert.All(outcome.DocumentNumbers, n => Assert.Matches(@"^.技评〔\d{4}〕\d+号$", n));

        // A month and a few days later, nobody has rectified: the sweeper makes the tasks overdue and suspends the orgs.
        var shifted = await alerts.Http.PostAsJsonAsync("testing/clock", new { advance = "35.00:00:00" });
        Assert.Equal(HttpStatusCode.OK, shifted.StatusCode);
        var prefix = $"D{scenario.Tag}-";
        await Eventually.ReturnsAsync(async () => JsonDocument.Parse(await alerts.Http.GetStringAsync("api/v1/rectifications")).RootElement.EnumerateArray()
                .Count(t => t.GetProperty("planId").GetString()!.StartsWith(prefix, StringComparison.Ordinal) && t.GetProperty("status").GetString() == "overdue"),
            n => n == failing.Count, "the tasks to become overdue", context: () => alerts.Output);
        foreach (var plan in failing)
        {
            var org = JsonDocument.Parse(await alerts.Http.GetStringAsync($"api/v1/orgs/{plan.OrgCode}")).RootElement;
            Assert.Equal("suspended", org.GetProperty("status").GetString());
        }
        var suspensions = await Eventually.ReturnsAsync(async () => JsonDocument.Parse(await notice.Http.GetStringAsync("api/v1/notices")).RootElement.EnumerateArray()
                .Where(n => n.GetProperty("kind").GetString() == "suspension" && n.GetProperty("planId").GetString()!.StartsWith(prefix, StringComparison.Ordinal)).ToList(),
            n => n.Count == failing.Count, "a suspension notice per overdue task", context: () => notice.Output);
        Assert.Equal(failing.Select(p => p.OrgCode).Order(), suspensions.Select(n => n.GetProperty("orgCode").GetString()).Order());
        using var anonymous = new HttpClient { BaseAddress = notice.BaseAddress };
        var catalogue = JsonDocument.Parse(await anonymous.GetStringAsync("api/v1/public/catalogue-actions")).RootElement;
        Assert.Equal(failing.Count, catalogue.EnumerateArray().Count(e => e.GetProperty("status").GetString() == "suspended"));
    }
}
