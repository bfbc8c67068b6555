using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// A plan held outside its org's registered region (浙技评〔2023〕20号 一(二)) needs an approved cross-region application
/// matching it: without one, its final score loses plan announcement and execution (10) with a red warning; with one,
/// nothing. An approval that arrives after the plan was scored rescores it.
/// </summary>
public sealed class CrossRegionTests
{
    static readonly DateTimeOffset ExamStart = Facts.T("2026-12-21T09:00:00+08:00");

    static PlanFiled OutOfRegion(string planId) => Facts.Plan(planId, examStart: ExamStart) with { OrgCode = "S3302030001", OrgRegionCode = "330203" };

    static CrossRegionApplicationDecided Approval(string applicationId, bool approved, string siteRegion = "330106", int level = 4,
        DateOnly? examDate = null) =>
        new(applicationId, "S3302030001", siteRegion, approved,
            [new ApplicationLine("4-03-02-01", "中式烹调师", "社会人员", level, 40, examDate ?? new DateOnly(2026, 12, 21))], "test-center-hangzhou", ExamStart.AddDays(-10));

    [Fact]
    public async Task Out_of_region_plans_lose_10_points_and_raise_a_red_warning_unless_an_approved_application_covers_them()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        var breaches = await environment.BindProbeQueueAsync(nameof(IndicatorBreached));
        await using var app = ScoringApp.Start(environment, new Dictionary<string, string> { ["Scoring:ClosingGrace"] = "00:00:01" });
        await using var bus = await TestBus.StartAsync(environment);

        // Approved for 西湖区 on Dec 21 at level 4; refused, another level, another day and another county do not count.
        await bus.PublishAsync(Approval("A-OK", approved: true));
        await bus.PublishAsync(Approval("A-REFUSED", approved: false, siteRegion: "330102"));
        await bus.PublishAsync(Approval("A-LEVEL-3", approved: true, level: 3, siteRegion: "330105"));
        await bus.PublishAsync(Approval("A-DEC-22", approved: true, examDate: new DateOnly(2026, 12, 22), siteRegion: "330108"));
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.region_approvals"), n => n == 3, "the three approvals");

        await bus.PublishAsync(OutOfRegion("P-XR-APPROVED"));
        await bus.PublishAsync(OutOfRegion("P-XR-REFUSED") with { RegionCode = "330102" });
        await bus.PublishAsync(OutOfRegion("P-XR-LEVEL") with { RegionCode = "330105" });
        await bus.PublishAsync(OutOfRegion("P-XR-DAY") with { RegionCode = "330108" });
        await bus.PublishAsync(Facts.Plan("P-XR-HOME", examStart: ExamStart) with { OrgRegionCode = "330100" });
        string[] plans = ["P-XR-APPROVED", "P-XR-REFUSED", "P-XR-LEVEL", "P-XR-DAY", "P-XR-HOME"];
        foreach (var planId in plans)
            await bus.PublishAsync(new PlanClosed(planId, ExamStart.AddDays(9)));

        var deducted = new Dictionary<string, bool>();
        foreach (var planId in plans)
        {
            var score = await ScoringPipelineTests.ScoreAsync(app, environment, planId, _ => true, status: "final");
            deducted[planId] = score.GetProperty("indicators").EnumerateArray().SelectMany(i => i.GetProperty("deductions").EnumerateArray())
                .Any(d => d.GetProperty("ruleId").GetString() == "plan.outside-region-unapproved");
        }
        Assert.Equal(new Dictionary<string, bool>
        {
            ["P-XR-APPROVED"] = false, ["P-XR-REFUSED"] = true, ["P-XR-LEVEL"] = true, ["P-XR-DAY"] = true, ["P-XR-HOME"] = false,
        }, deducted);
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.outbox"), n => n == 0, "the outbox to drain");
        var warned = (await environment.DrainAtLeastAsync(breaches, 3))
            .Where(m => m.Message.GetProperty("kind").GetString() == "outside-region-unapproved").ToList();
        Assert.Equal(["P-XR-DAY", "P-XR-LEVEL", "P-XR-REFUSED"], warned.Select(m => m.Message.GetProperty("planId").GetString()).Order());
        Assert.All(warned, m => Assert.Equal("red", m.Message.GetProperty("level").GetString()));
    }

    [Fact]
    public async Task An_approval_that_arrives_after_the_plan_was_scored_rescores_it()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = ScoringApp.Start(environment, new Dictionary<string, string> { ["Scoring:ClosingGrace"] = "00:00:01" });
        await using var bus = await TestBus.StartAsync(environment);
        await bus.PublishAsync(OutOfRegion("P-XR-LATE"));
        await bus.PublishAsync(new PlanClosed("P-XR-LATE", ExamStart.AddDays(9)));
        var before = await ScoringPipelineTests.ScoreAsync(app, environment, "P-XR-LATE", _ => true, status: "final");

        await bus.PublishAsync(Approval("A-LATE", approved: true));

        await ScoringPipelineTests.ScoreAsync(app, environment, "P-XR-LATE", s => s == before.GetProperty("score").GetDecimal() + 10, status: "final");
    }
}
