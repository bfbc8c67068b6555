using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitoring.Contracts;
using Monitoring.Scoring;
using Monitoring.Scoring.Policies;
using Monitoring.ServiceDefaults;
using Monitoring.ServiceDefaults.Messaging;
using Npgsql;
using NpgsqlTypes;

namespace Monitoring.Bench.Scoring;

/// <summary>
/// What-if over a year of stored plans: the scoring service itself (its host, migrations and DI, on a database of
/// its own) holds <c>PLANS</c> (100,000) plans with realistic facts (about 40 results, 16 survey answers, 4 video
/// segments, a review, a paper, disclosures each; about a tenth still to come), and the bench times
/// <see cref="WhatIf.RunAsync"/> of a draft over all of them, <c>RUNS</c> times. Beside it, in the same run, the raw
/// baseline: the same rows read by the same statements, page by page, with a bare <see cref="NpgsqlDataReader"/>
/// (no mapping, no facts, no rules). Prints one line a run; bench/README.md records the medians.
/// </summary>
public static class WhatIfBenchmark
{
    public static async Task<int> RunAsync()
    {
        var plans = int.Parse(Environment.GetEnvironmentVariable("PLANS") ?? "100000", CultureInfo.InvariantCulture);
        var runs = int.Parse(Environment.GetEnvironmentVariable("RUNS") ?? "3", CultureInfo.InvariantCulture);
        var server = Environment.GetEnvironmentVariable("Database__ConnectionString")
            ?? throw new InvalidOperationException("Database__ConnectionString is not set: run bench/what-if.sh, which starts the local servers");
        var database = $"bench_whatif_{Environment.ProcessId}";
        await using (var admin = new NpgsqlConnection(server))
            await admin.ExecuteAsync($"CREATE DATABASE \"{database}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        try
        {
            var builder = WebApplication.CreateBuilder([]);
            builder.Configuration["Database:ConnectionString"] = connectionString;
            builder.Configuration["Urls"] = "http://127.0.0.1:0";
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddServiceDefaults();
            builder.AddScoring();
            await using var app = builder.Build();
            await app.StartAsync();

            var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
            var seeding = Stopwatch.StartNew();
            await SeedAsync(dataSource, plans);
            Console.Error.WriteLine($"seeded {plans:N0} plans in {seeding.Elapsed.TotalSeconds:F1} s");

            var draft = new CompiledPolicy(DefaultPolicy.Document() with { Version = "bench-draft" } is var d
                ? d with { Indicators = [.. d.Indicators.Select(i => i.Indicator == "exam-questions"
                    ? i with { Rules = [.. i.Rules.Select(r => r.Id == "questions.theory-on-paper" ? r with { Points = "6" } : r)] }
                    : i)] }
                : d);
            var whatIf = app.Services.GetRequiredService<WhatIf>();
            var (from, to) = (From, From.AddYears(1));
            await whatIf.RunAsync(draft, from, from.AddDays(7), CancellationToken.None); // warm the JIT on a week

            for (var run = 1; run <= runs; run++)
            {
                var raw = await RawReadAsync(dataSource, from, to);
                var timer = Stopwatch.StartNew();
                var report = await whatIf.RunAsync(draft, from, to, CancellationToken.None);
                var seconds = timer.Elapsed.TotalSeconds;
                Console.WriteLine($"run {run}: what-if {report.Plans:N0} plans ({report.Failed} failed, {report.Crossings.Count:N0} crossings) " +
                    $"{seconds:F2} s, {report.Plans / seconds:N0} plans/s; raw read {raw.Seconds:F2} s ({raw.Rows:N0} rows); ratio {raw.Seconds / seconds:F3}");
            }
            await app.StopAsync();
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
        return 0;
    }

    static readonly DateTimeOffset From = new(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    static readonly string[] Regions = ["330106", "330203", "330302", "330402", "330502", "330602", "330702", "330802", "330902", "331002", "331102"];

    /// <summary>
    /// The plans through binary COPY (their filing as the service stores it), then every fact table set-based from
    /// them in SQL, with the spread of a real year: most plans compliant, some with each fault.
    /// </summary>
    static async Task SeedAsync(NpgsqlDataSource dataSource, int count)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var random = new Random(20261128);
        await using (var copy = await connection.BeginBinaryImportAsync("COPY plans (plan_id, org_code, org_name, region_code, filed) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                // Exams spread over the year, 08:30 or 13:30, half a day long; a quarter are still to come or running.
                var start = From.AddDays(random.Next(365)).AddHours(random.Next(2) == 0 ? 8.5 : 13.5);
                var region = Regions[i % Regions.Length];
                var orgCode = $"S{region[..4]}{i % 500:D4}";
                var plan = new PlanFiled($"P-{i:D6}", orgCode, "某职业技能培训学校", OrgKind.Social, region, "4-03-02-01", "中式烹调师", 1 + i % 5,
                    20 + random.Next(41), start, start.AddHours(4), $"KD{region}{i % 100:D3}", random.Next(50) > 0, random.Next(100) > 0,
                    start.AddDays(-(10 + random.Next(15))));
                await copy.StartRowAsync();
                await copy.WriteAsync(plan.PlanId);
                await copy.WriteAsync(plan.OrgCode);
                await copy.WriteAsync(plan.OrgName);
                await copy.WriteAsync(plan.RegionCode);
                await copy.WriteAsync(JsonSerializer.Serialize(plan, ContractSerialization.Options), NpgsqlDbType.Jsonb);
            }
            await copy.CompleteAsync();
        }

        await connection.ExecuteAsync("""
            CREATE TEMP TABLE seed AS
            SELECT plan_id, (filed ->> 'examStart')::timestamptz AS exam_start, (filed ->> 'examEnd')::timestamptz AS exam_end,
                   (filed ->> 'candidateCount')::int AS candidates, filed ->> 'siteCode' AS site_code, hashtext(plan_id) AS h
            FROM plans;
            INSERT INTO plan_executions SELECT plan_id, exam_start, exam_end, CASE WHEN abs(h) % 40 = 0 THEN 'KD-OTHER' ELSE site_code END, candidates
                FROM seed WHERE exam_end < now();
            INSERT INTO plan_reviews SELECT plan_id, 20, (abs(h) / 7) % 5 + CASE WHEN abs(h) % 60 = 0 THEN 5 ELSE 0 END, exam_start - interval '5 days' FROM seed;
            INSERT INTO plan_examiners SELECT plan_id, (CASE WHEN abs(h) % 30 = 0 THEN @outsidePool ELSE @pool END)::jsonb FROM seed;
            INSERT INTO plan_papers SELECT plan_id, 'national', (abs(h) / 11) % 4 / 3, abs(h) % 10 > 0, false FROM seed;
            INSERT INTO plan_supervisions SELECT plan_id, CASE WHEN abs(h) % 25 = 0 THEN NULL ELSE 'SV-1' END,
                (CASE WHEN abs(h) % 8 = 0 THEN @openFinding ELSE '[]' END)::jsonb
                FROM seed WHERE exam_end < now();
            INSERT INTO plan_results
            SELECT plan_id, 'c-' || plan_id || '-' || n, 40 + (abs(h) + n * 37) % 60, 40 + (abs(h) + n * 53) % 60,
                   (40 + (abs(h) + n * 37) % 60) >= 60 AND (40 + (abs(h) + n * 53) % 60) >= 60,
                   exam_end + CASE WHEN abs(h) % 20 = 0 THEN interval '12 days' ELSE interval '2 days' END, (abs(h) + n) % 997 = 0
            FROM seed, generate_series(1, candidates) AS n WHERE exam_end + interval '2 days' < now();
            INSERT INTO plan_videos
            SELECT plan_id, 'R' || room, 'C' || room, exam_start, exam_end - CASE WHEN abs(h) % 15 = 0 THEN interval '20 minutes' ELSE interval '0' END,
                   CASE WHEN abs(h) % 12 = 0 THEN 480 ELSE 1080 END, 10, 10
            FROM seed, generate_series(1, 4) AS room WHERE exam_start < now();
            INSERT INTO plan_disclosures SELECT plan_id, 'plan', exam_start - interval '20 days', NULL FROM seed WHERE abs(h) % 30 > 0;
            INSERT INTO plan_disclosures SELECT plan_id, 'fees', exam_start - interval '20 days', NULL FROM seed WHERE abs(h) % 30 > 0;
            INSERT INTO plan_disclosures SELECT plan_id, 'results', exam_end + interval '3 days', exam_end + interval '3 days' + (abs(h) % 8) * interval '1 day'
                FROM seed WHERE exam_end + interval '3 days' < now();
            INSERT INTO plan_surveys
            SELECT plan_id, 'c-' || plan_id || '-' || n, 3 + (abs(h) + n) % 3, (abs(h) + n) % 97 = 0
            FROM seed, generate_series(1, candidates * 2 / 5) AS n WHERE exam_end < now();
            INSERT INTO plan_closures (plan_id, closed_at, final_from) SELECT plan_id, exam_end + interval '15 days', exam_end + interval '15 days'
                FROM seed WHERE exam_end + interval '15 days' < now();
            INSERT INTO plan_warnings SELECT gen_random_uuid(), plan_id, 'orange', exam_start, CASE WHEN abs(h) % 2 = 0 THEN exam_start + interval '1 day' END
                FROM seed WHERE abs(h) % 30 = 0;
            DROP TABLE seed;
            ANALYZE;
            """, new
        {
            pool = Json([new DispatchedExaminer("E-1", ExaminerSource.Pool, null, false), new DispatchedExaminer("E-2", ExaminerSource.Pool, null, false)]),
            outsidePool = Json([new DispatchedExaminer("E-1", ExaminerSource.OutsidePool, null, false), new DispatchedExaminer("E-2", ExaminerSource.Pool, null, false)]),
            openFinding = Json([new SupervisionFinding("F-1", false)]),
        }, commandTimeout: 600);
    }

    static string Json<T>(IReadOnlyList<T> items) => JsonSerializer.Serialize(items, ContractSerialization.Options);

    /// <summary>The rows the what-if reads, page by page with the same statements, and nothing done with them.</summary>
    static async Task<(double Seconds, long Rows)> RawReadAsync(NpgsqlDataSource dataSource, DateTimeOffset from, DateTimeOffset to)
    {
        var timer = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync();
        var planIds = (await Monitoring.Scoring.Plans.PlanStore.ExamsStartingAsync(connection, from, to, CancellationToken.None)).ToList();
        var statements = Monitoring.Scoring.Facts.FactStore.AllLoadStatements;
        long rows = 0;
        foreach (var page in planIds.Chunk(200))
        {
            await using var command = new NpgsqlCommand(statements, connection);
            command.Parameters.AddWithValue("planIds", page);
            command.Parameters.AddWithValue("drawWindow", Monitoring.Scoring.Draws.DrawTest.Default.Window);
            command.Parameters.AddWithValue("drawMinimum", Monitoring.Scoring.Draws.DrawTest.Default.Minimum);
            command.Parameters.AddWithValue("staffWindow", Monitoring.Scoring.Staffing.StaffingRules.Default.StaffCertificateWindow);
            await using var reader = await command.ExecuteReaderAsync();
            do
            {
                while (await reader.ReadAsync())
                {
                    for (var c = 0; c < reader.FieldCount; c++)
                        _ = reader.GetValue(c);
                    rows++;
                }
            }
            while (await reader.NextResultAsync());
        }
        return (timer.Elapsed.TotalSeconds, rows);
    }
}
