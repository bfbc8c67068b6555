using System.Net;
using System.Text.Json;

namespace Monitoring.Demo.Scenario;

/// <summary>What the running system made of a scenario, read back through its APIs with an operator key.</summary>
public sealed record Outcome(
    int PlansFinal,
    int BelowSixty,
    IReadOnlyList<string> ScoreMismatches,
    IReadOnlyDictionary<string, int> WarningsByLevel,
    IReadOnlyDictionary<string, int> WarningsByCity,
    IReadOnlyList<string> WarningMismatches,
    int RectificationTasks,
    IReadOnlyDictionary<string, int> NoticesByKind,
    IReadOnlyList<string> DocumentNumbers)
{
    /// <summary>The warnings of the day by kind (<c>outside-region-unapproved</c>, …).</summary>
    public IReadOnlyDictionary<string, int> WarningsByKind { get; init; } = new Dictionary<string, int>();

    public int Notices(string kind) => NoticesByKind.GetValueOrDefault(kind);

    public override string ToString() =>
        $"{PlansFinal} final, {BelowSixty} below 60, {RectificationTasks} tasks, notices {string.Join(", ", NoticesByKind.Select(n => $"{n.Key} {n.Value}"))}; "
        + string.Join("; ", ScoreMismatches.Concat(WarningMismatches).Take(20));

    /// <summary>Everything the generator planted came out as planted.</summary>
    public bool Matches(GeneratedScenario scenario) =>
        PlansFinal == scenario.Plans.Count && BelowSixty == scenario.BelowSixty && ScoreMismatches.Count == 0 && WarningMismatches.Count == 0
        && RectificationTasks == scenario.BelowSixty && Notices("rectification") == scenario.BelowSixty;

    /// <summary>
    /// A cheap look (two requests): scoring has made at least as many first final scores as there are plans, and
    /// every notice the day should bring is issued. Necessary for <see cref="Matches"/>, not sufficient.
    /// </summary>
    public static async Task<bool> LooksSettledAsync(GeneratedScenario scenario, HttpClient scoring, HttpClient notice, CancellationToken ct)
    {
        var metrics = await scoring.GetStringAsync("metrics", ct);
        if (Sample(metrics, "monitoring_scoring_plans_scored_total", "status=\"final\",changed=\"yes\"") < scenario.Plans.Count)
            return false;
        var prefix = $"D{scenario.Tag}-";
        var notices = JsonDocument.Parse(await notice.GetStringAsync("api/v1/notices", ct)).RootElement.EnumerateArray()
            .Count(n => n.GetProperty("planId").GetString()?.StartsWith(prefix, StringComparison.Ordinal) == true);
        return notices >= scenario.BelowSixty;
    }

    /// <summary>The sum of every series of one metric in a Prometheus text exposition.</summary>
    public static double Sample(string metrics, string name, string? label = null) => metrics.Split('\n')
        .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
        .Where(l => label is null || l.Contains(label, StringComparison.Ordinal))
        .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    public static async Task<Outcome> ReadAsync(GeneratedScenario scenario, HttpClient scoring, HttpClient alerts, HttpClient notice, CancellationToken ct)
    {
        var prefix = $"D{scenario.Tag}-";
        var final = 0;
        var below = 0;
        var scoreMismatches = new List<string>();
        foreach (var plan in scenario.Plans)
        {
            using var response = await scoring.GetAsync($"api/v1/plans/{plan.PlanId}/score", ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                scoreMismatches.Add($"{plan.PlanId}: no score");
                continue;
            }
            var score = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
            if (score.GetProperty("status").GetString() == "final")
                final++;
            var value = score.GetProperty("score").GetDecimal();
            if (value < 60)
                below++;
            if (value != plan.ExpectedScore)
                scoreMismatches.Add($"{plan.PlanId} ({plan.Fault}): {value}, planted {plan.ExpectedScore}");
        }

        var warnings = JsonDocument.Parse(await alerts.GetStringAsync("api/v1/warnings", ct)).RootElement.EnumerateArray()
            .Where(w => w.GetProperty("planId").GetString()!.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var cityOf = Geography.Cities.ToDictionary(c => c.Code[..4], c => c.Name);
        var actual = warnings.Select(w => (Plan: w.GetProperty("planId").GetString()!, Level: w.GetProperty("level").GetString()!, Kind: w.GetProperty("kind").GetString()!)).ToHashSet();
        var expected = scenario.Plans.SelectMany(p => p.ExpectedWarnings.Select(w => (Plan: p.PlanId, w.Level, w.Kind))).ToHashSet();
        var warningMismatches = expected.Except(actual).Select(w => $"missing {w.Level} {w.Kind} on {w.Plan}")
            .Concat(actual.Except(expected).Select(w => $"unexpected {w.Level} {w.Kind} on {w.Plan}")).ToList();

        var tasks = JsonDocument.Parse(await alerts.GetStringAsync("api/v1/rectifications", ct)).RootElement.EnumerateArray()
            .Count(t => t.GetProperty("planId").GetString()!.StartsWith(prefix, StringComparison.Ordinal));
        var notices = JsonDocument.Parse(await notice.GetStringAsync("api/v1/notices", ct)).RootElement.EnumerateArray()
            .Where(n => n.GetProperty("planId").GetString()?.StartsWith(prefix, StringComparison.Ordinal) == true).ToList();

        return new Outcome(final, below, scoreMismatches,
            warnings.GroupBy(w => w.GetProperty("level").GetString()!).ToDictionary(g => g.Key, g => g.Count()),
            warnings.GroupBy(w => cityOf[w.GetProperty("regionCode").GetString()![..4]]).ToDictionary(g => g.Key, g => g.Count()),
            warningMismatches, tasks,
            notices.GroupBy(n => n.GetProperty("kind").GetString()!).ToDictionary(g => g.Key, g => g.Count()),
            notices.Select(n => n.GetProperty("documentNo").GetString()!).Order().ToList())
        {
            WarningsByKind = warnings.GroupBy(w => w.GetProperty("kind").GetString()!).ToDictionary(g => g.Key, g => g.Count()),
        };
    }
}
