using System.Net;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Alerts.Tests;

/// <summary>
/// What alerts tells the operators' dashboards and alert rules, read from its tables when scraped: unresolved warnings
/// by city, level and status, rectification tasks by status and those past due that no sweep has escalated, and
/// organizations by status; every known label value present, at 0 when empty.
/// </summary>
public sealed class AlertsMetricsTests
{
    [Fact]
    public async Task Warnings_tasks_and_orgs_are_counted_from_the_tables_at_each_scrape()
    {
        await using var s = await Scenario.CreateAsync();
        using var metrics = s.App.CreateClient();

        // Nothing yet: every city and level at 0, every status at 0.
        Assert.Equal(0, await MetricsText.SampleAsync(metrics, "monitoring_alerts_open_warnings", "city=\"331100\"", "level=\"red\"", "status=\"open\""));
        Assert.Equal(0, await MetricsText.SampleAsync(metrics, "monitoring_alerts_rectification_tasks", "status=\"refused\""));

        // Two plans below 60, in a Hangzhou and a Ningbo county: a task and an orange warning each; Ningbo's org refuses.
        await s.FinalScoreAsync("P-OBS-HZ", "S3001", 55, region: "330106");
        var ningbo = await s.FinalScoreAsync("P-OBS-NB", "S3002", 48, region: "330203");
        using var province = s.Operator;
        Assert.Equal(HttpStatusCode.OK, (await s.ReviewAsync(ningbo, "refused", province)).StatusCode);

        Assert.Equal(1, await MetricsText.SampleAsync(metrics, "monitoring_alerts_open_warnings", "city=\"330100\"", "level=\"orange\"", "status=\"open\""));
        Assert.Equal(1, await MetricsText.SampleAsync(metrics, "monitoring_alerts_open_warnings", "city=\"330200\"", "level=\"orange\"", "status=\"open\""));
        Assert.Equal(0, await MetricsText.SampleAsync(metrics, "monitoring_alerts_open_warnings", "city=\"330100\"", "level=\"red\"", "status=\"open\""));
        Assert.Equal(1, await MetricsText.SampleAsync(metrics, "monitoring_alerts_rectification_tasks", "status=\"open\""));
        Assert.Equal(1, await MetricsText.SampleAsync(metrics, "monitoring_alerts_rectification_tasks", "status=\"refused\""));
        Assert.Equal(1, await MetricsText.SampleAsync(metrics, "monitoring_alerts_orgs", "status=\"active\""));
        Assert.Equal(1, await MetricsText.SampleAsync(metrics, "monitoring_alerts_orgs", "status=\"suspended\""));
        Assert.Equal(0, await MetricsText.SampleAsync(metrics, "monitoring_alerts_rectification_tasks_past_due"));

        // A month and more later, before any sweep: Hangzhou's task is past due and not escalated; the sweep escalates it.
        s.Time.Advance(TimeSpan.FromDays(40));
        Assert.Equal(1, await MetricsText.SampleAsync(metrics, "monitoring_alerts_rectification_tasks_past_due"));
        Assert.Equal(1, await s.Sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(0, await MetricsText.SampleAsync(metrics, "monitoring_alerts_rectification_tasks_past_due"));
        Assert.Equal(1, await MetricsText.SampleAsync(metrics, "monitoring_alerts_rectification_tasks", "status=\"overdue\""));
        Assert.Equal(0, await MetricsText.SampleAsync(metrics, "monitoring_alerts_orgs", "status=\"active\""));
        Assert.Equal(2, await MetricsText.SampleAsync(metrics, "monitoring_alerts_orgs", "status=\"suspended\""));
    }
}
