using Dapper;
using Monitoring.ServiceDefaults.Telemetry;
using Npgsql;
using Prometheus;

namespace Monitoring.Scoring.Plans;

/// <summary>
/// How many plans, and their candidates, are examining now and within the next one and three hours, from the plans'
/// filed exam windows: the load that is coming, which the deployment scales on before a peak starts (a KEDA
/// <c>prometheus</c> trigger) and the exam-peak dashboard shows.
/// </summary>
public sealed class ExamWindowGauges(HostMetrics host, NpgsqlDataSource dataSource, TimeProvider time) : IScrapeGauges
{
    static readonly (string Window, TimeSpan Ahead)[] Windows = [("now", TimeSpan.Zero), ("next_1h", TimeSpan.FromHours(1)), ("next_3h", TimeSpan.FromHours(3))];

    readonly Gauge plans = host.Factory.CreateGauge("monitoring_scoring_exam_plans",
        "Plans whose exam runs now (window=now) or at some time within the next hour or three (the same on every replica).",
        new GaugeConfiguration { LabelNames = ["window"] });
    readonly Gauge candidates = host.Factory.CreateGauge("monitoring_scoring_exam_candidates",
        "Candidates of the plans examining in the window (the same on every replica).", new GaugeConfiguration { LabelNames = ["window"] });

    public async Task RefreshAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // An exam runs within [now, now + ahead] when it starts by the window's end and ends after now.
        var rows = (await connection.QueryAsync<(string Window, long Plans, long Candidates)>(new CommandDefinition("""
            SELECT w.name, count(p.plan_id), coalesce(sum(p.candidate_count), 0)::bigint
            FROM unnest(@names, @ends) AS w(name, window_end)
            LEFT JOIN plans p ON p.exam_end > @now AND p.exam_start <= w.window_end
            GROUP BY w.name
            """, new { names = Windows.Select(w => w.Window).ToArray(), ends = Windows.Select(w => (now + w.Ahead).UtcDateTime).ToArray(), now },
            cancellationToken: ct))).ToDictionary(r => r.Window);
        foreach (var (window, _) in Windows)
        {
            var (_, count, people) = rows.GetValueOrDefault(window);
            plans.WithLabels(window).Set(count);
            candidates.WithLabels(window).Set(people);
        }
    }
}
