using Dapper;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Telemetry;
using Npgsql;
using Prometheus;

namespace Monitoring.Alerts;

/// <summary>
/// What the supervision dashboard and alerts read from alerts' tables at scrape time (the same on every replica):
/// unresolved warnings by city, level and status; rectification tasks by status, and those past due that the sweeper
/// has not escalated; organizations by status. Every label value the domain knows has its series, 0 when empty.
/// </summary>
public sealed class AlertsGauges(HostMetrics host, NpgsqlDataSource dataSource, TimeProvider time) : IScrapeGauges
{
    static readonly string[] Levels = ["yellow", "orange", "red"];
    static readonly string[] WarningStatuses = ["open", "acknowledged"];
    static readonly string[] TaskStatuses = ["open", "submitted", "passed", "overdue", "failed", "refused"];
    static readonly string[] OrgStatuses = ["active", "suspended", "revoked"];

    readonly Gauge warnings = host.Factory.CreateGauge("monitoring_alerts_open_warnings",
        "Warnings not resolved, by the city of their region, level and status (the same on every replica).",
        new GaugeConfiguration { LabelNames = ["city", "level", "status"] });
    readonly Gauge tasks = host.Factory.CreateGauge("monitoring_alerts_rectification_tasks",
        "Rectification tasks by status (the same on every replica).", new GaugeConfiguration { LabelNames = ["status"] });
    readonly Gauge pastDue = host.Factory.CreateGauge("monitoring_alerts_rectification_tasks_past_due",
        "Tasks open or submitted past their due time that the sweeper has not escalated yet; stays 0 while it runs (the same on every replica).");
    readonly Gauge orgs = host.Factory.CreateGauge("monitoring_alerts_orgs",
        "Evaluation organizations by status (the same on every replica).", new GaugeConfiguration { LabelNames = ["status"] });

    public async Task RefreshAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        using var counts = await connection.QueryMultipleAsync(new CommandDefinition("""
            SELECT region_code AS Region, level AS Level, status AS Status, count(*) AS Count
            FROM warnings WHERE status <> 'resolved' GROUP BY region_code, level, status;
            SELECT status AS Status, count(*) AS Count FROM rectifications GROUP BY status;
            SELECT count(*) FROM rectifications WHERE status IN ('open', 'submitted') AND due_at <= @now;
            SELECT status AS Status, count(*) AS Count FROM orgs GROUP BY status;
            """, new { now }, cancellationToken: ct));
        var byCity = (await counts.ReadAsync<(string Region, string Level, string Status, long Count)>())
            .GroupBy(w => (City: Jurisdiction.CityOf(w.Region), w.Level, w.Status))
            .ToDictionary(g => g.Key, g => g.Sum(w => w.Count));
        var byTask = (await counts.ReadAsync<(string Status, long Count)>()).ToDictionary(t => t.Status, t => t.Count);
        var overdueNotSwept = await counts.ReadSingleAsync<long>();
        var byOrg = (await counts.ReadAsync<(string Status, long Count)>()).ToDictionary(o => o.Status, o => o.Count);

        foreach (var city in Jurisdiction.Cities.Union(byCity.Keys.Select(k => k.City)))
            foreach (var level in Levels)
                foreach (var status in WarningStatuses)
                    warnings.WithLabels(city, level, status).Set(byCity.GetValueOrDefault((city, level, status)));
        foreach (var status in TaskStatuses)
            tasks.WithLabels(status).Set(byTask.GetValueOrDefault(status));
        pastDue.Set(overdueNotSwept);
        foreach (var status in OrgStatuses)
            orgs.WithLabels(status).Set(byOrg.GetValueOrDefault(status));
    }
}
