using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// 考点备案 (浙技评〔2023〕20号 一(二)): once an org has sites its center decided, a plan's site is checked against them, not
/// against the platform's siteRegistered flag alone; a flag that disagrees with the registry is a yellow warning of its own.
/// </summary>
public sealed class SiteRegistryTests
{
    [Fact]
    public async Task A_plan_at_a_site_its_center_did_not_confirm_loses_5_points_with_a_red_warning_and_a_mismatch_warning()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        var breaches = await environment.BindProbeQueueAsync(nameof(IndicatorBreached));
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);
        var decidedAt = Facts.T("2026-11-01T10:00:00+08:00");
        await bus.PublishAsync(new ExamSiteDecided("KD330106001", "S3301060001", "330106", true, "test-center-hangzhou", decidedAt));
        await bus.PublishAsync(new ExamSiteDecided("KD330106002", "S3301060001", "330106", false, "test-center-hangzhou", decidedAt));
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.registered_sites"), n => n == 2, "the registry");

        var examStart = Facts.T("2026-12-21T09:00:00+08:00");
        await bus.PublishAsync(Facts.Plan("P-SITE-CONFIRMED", examStart: examStart));
        await bus.PublishAsync(Facts.Plan("P-SITE-REFUSED", examStart: examStart) with { SiteCode = "KD330106002" });
        await bus.PublishAsync(Facts.Plan("P-SITE-UNKNOWN", examStart: examStart, siteRegistered: false) with { SiteCode = "KD330106003" });
        await bus.PublishAsync(Facts.Plan("P-SITE-OTHER-ORG", examStart: examStart) with { OrgCode = "S3301060002", SiteCode = "KD330106009" });

        await ScoringPipelineTests.ScoreAsync(app, environment, "P-SITE-CONFIRMED", s => s == 100m);
        await ScoringPipelineTests.ScoreAsync(app, environment, "P-SITE-REFUSED", s => s == 95m);
        await ScoringPipelineTests.ScoreAsync(app, environment, "P-SITE-UNKNOWN", s => s == 95m);
        // An org without a registry: the flag alone tells.
        await ScoringPipelineTests.ScoreAsync(app, environment, "P-SITE-OTHER-ORG", s => s == 100m);

        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.outbox"), n => n == 0, "the outbox to drain");
        var warned = (await environment.DrainAtLeastAsync(breaches, 3))
            .Select(m => $"{m.Message.GetProperty("planId").GetString()} {m.Message.GetProperty("kind").GetString()} {m.Message.GetProperty("level").GetString()}")
            .Order().ToList();
        Assert.Equal(["P-SITE-REFUSED site-registration-mismatch yellow", "P-SITE-REFUSED unregistered-site red", "P-SITE-UNKNOWN unregistered-site red"], warned);
    }
}
