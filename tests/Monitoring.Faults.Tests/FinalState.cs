using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Monitoring.Testing;

namespace Monitoring.Faults.Tests;

/// <summary>
/// What a day left in the four services' tables, as sorted lines of what must not depend on timing: scores with their
/// deductions, breaches, certificates, warnings, tasks, org status and history, terminations, notices and catalogue
/// actions. Times, generated ids and document numbers (assigned in the order notices happen to be issued) are left
/// out; a duplicate shows as a line twice.
/// </summary>
public sealed record FinalState(IReadOnlyDictionary<string, IReadOnlyList<string>> Tables)
{
    static readonly (string Name, string Sql)[] Queries =
    [
        ("scores", "SELECT plan_id, score, status, policy_version, indicators::text FROM scoring.plan_scores"),
        ("breaches", "SELECT plan_id, rule_id FROM scoring.plan_breaches"),
        ("certificates", "SELECT certificate_no, plan_id FROM scoring.certificates"),
        ("warnings", "SELECT plan_id, kind, level, status, org_code, region_code, message FROM alerts.warnings"),
        ("rectifications", "SELECT plan_id, org_code, region_code, score, status FROM alerts.rectifications"),
        ("orgs", "SELECT org_code, status FROM alerts.orgs"),
        ("org history", "SELECT org_code, from_status, to_status, reason, plan_id, actor FROM alerts.org_history"),
        ("terminations", "SELECT plan_id, org_code, region_code, sampled, non_qualifying, status FROM alerts.terminations"),
        ("notices", "SELECT kind, issuer_code, org_code, plan_id, region_code FROM notice.notices"),
        ("catalogue", "SELECT org_code, from_status, to_status, reason, plan_id FROM notice.catalogue_actions"),
        ("applications", "SELECT application_id, status, assessed_by, assessment, approved_by, supervisor FROM alerts.applications"),
        ("region approvals", "SELECT application_id, line, org_code, site_region_prefix, occupation_code, level, exam_date FROM scoring.region_approvals"),
        ("exam sites", "SELECT org_code, site_code, status, decided_by FROM alerts.exam_sites"),
        ("registered sites", "SELECT org_code, site_code, region_code, confirmed FROM scoring.registered_sites"),
    ];

    public static async Task<FinalState> ReadAsync(TestEnvironment environment)
    {
        var tables = new Dictionary<string, IReadOnlyList<string>>();
        await using var connection = environment.OpenConnection();
        foreach (var (name, sql) in Queries)
        {
            var rows = await connection.QueryAsync(sql);
            tables[name] = [.. rows.Select(row => string.Join(" | ", ((IDictionary<string, object?>)row).Values.Select(Text))).Order(StringComparer.Ordinal)];
        }
        return new FinalState(tables);
    }

    static string Text(object? value) => value switch
    {
        null => "null",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    /// <summary>Where this state differs from <paramref name="expected"/>: lines missing and lines extra, per table.</summary>
    public IReadOnlyList<string> Differences(FinalState expected)
    {
        var differences = new List<string>();
        foreach (var (table, lines) in expected.Tables)
        {
            var actual = Tables[table];
            var missing = lines.ToList();
            var extra = new List<string>();
            foreach (var line in actual)
                if (!missing.Remove(line))
                    extra.Add(line);
            differences.AddRange(missing.Select(l => $"{table}: missing  {l}"));
            differences.AddRange(extra.Select(l => $"{table}: extra    {l}"));
        }
        return differences;
    }

    public override string ToString() => string.Join(", ", Tables.Select(t => $"{t.Value.Count} {t.Key}"));

    /// <summary>Document numbers that break "1, 2, 3 … without gaps" per issuer and year.</summary>
    public static async Task<IReadOnlyList<string>> DocumentNumberGapsAsync(TestEnvironment environment)
    {
        await using var connection = environment.OpenConnection();
        var numbers = await connection.QueryAsync<(string Issuer, string DocumentNo)>("SELECT issuer_code, document_no FROM notice.notices");
        var gaps = new List<string>();
        foreach (var issuer in numbers.GroupBy(n => (n.Issuer, Year: Between(n.DocumentNo, '〔', '〕'))))
        {
            var serials = issuer.Select(n => int.Parse(Between(n.DocumentNo, '〕', '号'), CultureInfo.InvariantCulture)).Order().ToList();
            if (!serials.SequenceEqual(Enumerable.Range(1, serials.Count)))
                gaps.Add($"{issuer.Key.Issuer} {issuer.Key.Year}: {string.Join(", ", serials)}");
        }
        return gaps;
    }

    static string Between(string text, char open, char close)
    {
        var start = text.IndexOf(open, StringComparison.Ordinal) + 1;
        return text[start..text.IndexOf(close, start)];
    }

    /// <summary>Rows of the four outboxes not yet relayed to the broker.</summary>
    public static Task<long> OutboxPendingAsync(TestEnvironment environment) => environment.CountAsync(
        "SELECT (SELECT count(*) FROM ingest.outbox) + (SELECT count(*) FROM scoring.outbox) + (SELECT count(*) FROM alerts.outbox) + (SELECT count(*) FROM notice.outbox)");

    /// <summary>Queues of the environment's virtual host holding messages a consumer gave up on (<c>_error</c>) or had no consumer for (<c>_skipped</c>).</summary>
    public static async Task<IReadOnlyList<string>> DeadLettersAsync(TestEnvironment environment)
    {
        using var http = environment.Infrastructure.ManagementClient();
        var queues = await http.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(environment.VirtualHost)}");
        return [.. queues.EnumerateArray()
            .Where(q => q.GetProperty("name").GetString() is { } name && (name.EndsWith("_error", StringComparison.Ordinal) || name.EndsWith("_skipped", StringComparison.Ordinal)))
            .Where(q => q.TryGetProperty("messages", out var messages) && messages.GetInt64() > 0)
            .Select(q => $"{q.GetProperty("name").GetString()}: {q.GetProperty("messages").GetInt64()} messages")];
    }
}
