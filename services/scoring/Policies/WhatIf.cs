using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Plans;
using Npgsql;

namespace Monitoring.Scoring.Policies;

/// <summary>The difference a draft would make to the plans of a period, against the policy in force.</summary>
public sealed record WhatIfReport(
    string Draft,
    string Baseline,
    DateTimeOffset From,
    DateTimeOffset To,
    int Plans,
    decimal MeanDelta,
    IReadOnlyList<WhatIfCrossing> Crossings,
    IReadOnlyList<WhatIfIndicator> Indicators,
    IReadOnlyList<WhatIfRegion> Regions)
{
    /// <summary>Plans left out because a rule of either policy failed on them (each plan's failure spoils no other).</summary>
    public int Failed { get; init; }
}

/// <summary>A plan whose outcome changes side of 60 (a rectification task appears or disappears).</summary>
public sealed record WhatIfCrossing(string PlanId, string RegionCode, decimal Baseline, decimal Draft, string Direction);

public sealed record WhatIfIndicator(string Indicator, decimal MeanDelta, int PlansChanged);

public sealed record WhatIfRegion(string RegionCode, int Plans, int Below60Baseline, int Below60Draft, decimal MeanDelta);

/// <summary>
/// Re-scores every plan whose exam starts in [from, to) under the draft and under the policy in force, on
/// the same facts at the same moment, so the difference is the policy's alone. Nothing is stored.
/// </summary>
public sealed class WhatIf(NpgsqlDataSource dataSource, FactsBuilder builder, PolicyCatalog catalog, TimeProvider time)
{
    public async Task<WhatIfReport> RunAsync(CompiledPolicy draft, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var baseline = await catalog.ActiveAtAsync(now, ct);
        IReadOnlyList<string> planIds;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
            planIds = await PlanStore.ExamsStartingAsync(connection, from, to, ct);

        // The next page loads while this one is scored: the database and the rules work side by side.
        var rows = new List<(string PlanId, string Region, PolicyEvaluation Before, PolicyEvaluation After)>(planIds.Count);
        var failed = 0;
        var pages = planIds.Chunk(BatchSize).ToList();
        var next = pages.Count > 0 ? LoadAsync(pages[0], now, ct) : null;
        for (var i = 0; next is not null; i++)
        {
            var facts = await next;
            next = i + 1 < pages.Count ? LoadAsync(pages[i + 1], now, ct) : null;
            failed += Evaluate(facts, baseline, draft, rows);
        }

        var crossings = rows.Where(r => (r.Before.Score < 60) != (r.After.Score < 60))
            .Select(r => new WhatIfCrossing(r.PlanId, r.Region, r.Before.Score, r.After.Score, r.After.Score < 60 ? "below-60" : "above-60"))
            .ToList();
        var indicators = Indicators.All.Select(code =>
        {
            var deltas = rows.Select(r => Score(r.After, code) - Score(r.Before, code)).ToList();
            return new WhatIfIndicator(code, Mean(deltas), deltas.Count(d => d != 0));
        }).ToList();
        var regions = rows.GroupBy(r => r.Region).OrderBy(g => g.Key).Select(g => new WhatIfRegion(g.Key, g.Count(),
            g.Count(r => r.Before.Score < 60), g.Count(r => r.After.Score < 60), Mean(g.Select(r => r.After.Score - r.Before.Score)))).ToList();
        return new WhatIfReport(draft.Version, baseline.Version, from, to, rows.Count,
            Mean(rows.Select(r => r.After.Score - r.Before.Score)), crossings, indicators, regions) { Failed = failed };
    }

    async Task<List<PlanFacts>> LoadAsync(string[] page, DateTimeOffset now, CancellationToken ct)
    {
        await Task.Yield();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var raws = await FactStore.LoadManyAsync(connection, null, page, builder.Draws, builder.Staffing, ct);
        return [.. raws.Select(raw => builder.Build(raw, now))];
    }

    /// <summary>Plans loaded (set-based) and scored per NRules session: enough to spread a round trip and a session's setup, few enough to stay in cache.</summary>
    const int BatchSize = 200;

    /// <summary>Scores a batch under both policies; a plan a rule of either fails on is left out. Returns how many were.</summary>
    static int Evaluate(List<PlanFacts> batch, CompiledPolicy baseline, CompiledPolicy draft,
        List<(string PlanId, string Region, PolicyEvaluation Before, PolicyEvaluation After)> rows)
    {
        var before = baseline.EvaluateBatch(batch);
        var after = draft.EvaluateBatch(batch);
        var failed = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            if (before[i].Evaluation is { } b && after[i].Evaluation is { } a)
                rows.Add((batch[i].PlanId, batch[i].RegionCode, b, a));
            else
                failed++;
        }
        return failed;
    }

    static decimal Score(PolicyEvaluation evaluation, string indicator) =>
        evaluation.Indicators.FirstOrDefault(i => i.Indicator == indicator)?.Score ?? 0;

    static decimal Mean(IEnumerable<decimal> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? 0 : Math.Round(list.Average(), 2);
    }
}
