using System.Diagnostics;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Policies;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Plans;

/// <summary>
/// Scores plans inside a transaction that holds their row locks (the <see cref="RescoreWorker"/> takes them, which
/// serializes scorings of one plan across replicas; fact writes never wait for it), many at once: their facts are
/// loaded set-based, evaluated in one session of the policy in force, and their scores and the conclusions' breach
/// records are written with one statement each; scores and conclusions are published through the outbox in the same
/// transaction.
/// </summary>
public sealed class PlanScorer(FactsBuilder builder, PolicyCatalog policies, ScoringMetrics metrics, ILogger<PlanScorer> logger)
{
    /// <summary>The plan's explanation under the policy in force now, on its facts as they are now; null for a plan never filed.</summary>
    public async Task<(PolicyExplanation Explanation, string RegionCode)?> ExplainAsync(Npgsql.NpgsqlConnection connection, string planId,
        DateTimeOffset now, CancellationToken ct)
    {
        var raw = await FactStore.LoadAsync(connection, null, planId, builder.Draws, builder.Staffing, ct);
        if (raw is null)
            return null;
        var policy = await policies.ActiveAtAsync(now, ct);
        return (policy.Explain(builder.Build(raw, now)), raw.Plan.RegionCode);
    }

    /// <summary>
    /// Scores the filed plans among <paramref name="planIds"/> as of <paramref name="now"/>. A plan a rule fails on
    /// keeps its previous score and comes back in <see cref="ScoringPass.Failures"/>; the others are stored.
    /// </summary>
    /// <remarks>
    /// Each plan's work is a span continuing <paramref name="traces"/>' entry for it (the trace of the fact that asked
    /// for the rescore), and what it announces continues that span: one trace from ingest to notice.
    /// </remarks>
    public async Task<ScoringPass> ScoreAsync(MessagingTransaction tx, IReadOnlyList<string> planIds, DateTimeOffset now, CancellationToken ct,
        IReadOnlyDictionary<string, string?>? traces = null)
    {
        var started = DateTimeOffset.UtcNow;
        await FactStore.FinalizeCompleteAsync(tx, planIds, now, ct);
        // A plan whose candidates' rows were purged keeps the score it had: its facts are no longer whole.
        var raws = (await FactStore.LoadManyAsync(tx.Connection, tx.Transaction, planIds, builder.Draws, builder.Staffing, ct)).Where(r => !r.CandidatesPurged).ToList();
        if (raws.Count == 0)
            return new ScoringPass([], [], []);
        var policy = await policies.ActiveAtAsync(now, ct);
        var facts = raws.Select(raw => builder.Build(raw, now)).ToList();
        var outcomes = policy.EvaluateBatch(facts);

        var scored = new List<(RawFacts Raw, PolicyEvaluation Evaluation, PlanScored Score)>(raws.Count);
        var failures = new List<(string PlanId, RuleEvaluationException Failure)>();
        for (var i = 0; i < raws.Count; i++)
        {
            if (outcomes[i].Failure is { } failure)
            {
                failures.Add((raws[i].Plan.PlanId, failure));
                continue;
            }
            var evaluation = outcomes[i].Evaluation!;
            var plan = raws[i].Plan;
            var status = facts[i].Closed ? ScoreStatus.Final : ScoreStatus.Provisional;
            scored.Add((raws[i], evaluation, new PlanScored(plan.PlanId, plan.OrgCode, plan.RegionCode, evaluation.Score, status,
                evaluation.PolicyVersion, now, evaluation.Indicators, plan.OrgName) { SchemaVersion = PlanScored.CurrentSchemaVersion }));
        }

        using var spans = PlanSpans.Start(scored.Select(s => s.Score.PlanId), traces, started);
        var saved = await PlanStore.SaveScoresAsync(tx, [.. scored.Select(s => (s.Score, s.Raw.Messages))], ct);
        foreach (var (_, _, score) in scored)
        {
            var isChanged = saved.Changed.Contains(score.PlanId);
            if (saved.BecameFinal.Contains(score.PlanId))
                tx.OnCommitted(() => metrics.FinalScores.WithLabels(Jurisdiction.CityOf(score.RegionCode)).Observe((double)score.Score));
            if (isChanged)
                tx.Publish(score, spans.Of(score.PlanId));
            metrics.Scored.WithLabels(score.Status == ScoreStatus.Final ? "final" : "provisional", isChanged ? "yes" : "no").Inc();
        }

        await AnnounceAsync(tx, [.. scored.SelectMany(s => s.Evaluation.Conclusions.Select(c => (s.Raw.Plan, c)))], spans, now, ct);

        var next = scored.Select(s => (s.Score.PlanId, Due: builder.Milestones(s.Raw).Where(m => m > now).DefaultIfEmpty().Min()))
            .Where(n => n.Due != default).ToList();
        return new ScoringPass([.. scored.Select(s => s.Score)], failures, next);
    }

    /// <summary>What the engine concluded from the rules' findings, announced once per plan and grounding rule.</summary>
    async Task AnnounceAsync(MessagingTransaction tx, IReadOnlyList<(PlanFiled Plan, Conclusion Conclusion)> conclusions, PlanSpans spans,
        DateTimeOffset now, CancellationToken ct)
    {
        foreach (var byRule in conclusions.GroupBy(c => c.Conclusion.RuleId))
        {
            var first = await BreachStore.FirstTimeAsync(tx, [.. byRule.Select(c => c.Plan.PlanId).Distinct()], byRule.Key, now, ct);
            metrics.Breaches.WithLabels(byRule.Key).Inc(first.Count);
            foreach (var (plan, conclusion) in byRule.Where(c => first.Contains(c.Plan.PlanId)))
            {
                switch (conclusion)
                {
                    case WarningConclusion w:
                        tx.Publish(new IndicatorBreached(plan.PlanId, plan.OrgCode, plan.RegionCode, w.Indicator, w.RuleId, w.Kind, w.Level, w.Reason, now),
                            spans.Of(plan.PlanId));
                        break;
                    case TerminationConclusion t:
                        tx.Publish(new PlanTerminationRecommended(plan.PlanId, plan.OrgCode, plan.RegionCode, t.Sampled, t.NonQualifying, now),
                            spans.Of(plan.PlanId));
                        break;
                    default:
                        throw new InvalidOperationException($"No message announces a {conclusion.GetType().Name}");
                }
                logger.LogWarning("Plan {PlanId}: rule {RuleId} concluded {Conclusion}", plan.PlanId, conclusion.RuleId,
                    conclusion is WarningConclusion warning ? warning.Kind : "plan-termination");
            }
        }
    }
}

/// <summary>
/// What a scoring pass stored, the plans a rule failed on (they keep their previous scores), and when each scored plan
/// should be scored again for time alone (its next milestone: exam end, a deadline), for the caller to queue once it
/// has settled the turns it claimed.
/// </summary>
public sealed record ScoringPass(IReadOnlyList<PlanScored> Scored, IReadOnlyList<(string PlanId, RuleEvaluationException Failure)> Failures,
    IReadOnlyList<(string PlanId, DateTimeOffset DueAt)> Next);

/// <summary>
/// A span per scored plan, each continuing the trace that asked for the plan's rescore, from the pass's start until
/// disposed. They are not made current (a batch has many): publish with <see cref="Of"/>.
/// </summary>
sealed class PlanSpans : IDisposable
{
    readonly Dictionary<string, Activity> spans = new(StringComparer.Ordinal);

    public static PlanSpans Start(IEnumerable<string> planIds, IReadOnlyDictionary<string, string?>? traces, DateTimeOffset started)
    {
        var result = new PlanSpans();
        if (traces is null)
            return result;
        var current = Activity.Current;
        foreach (var planId in planIds)
        {
            if (MessageTrace.Continue("score plan", traces.GetValueOrDefault(planId), started) is { } span)
                result.spans[planId] = span.SetTag("plan.id", planId);
        }
        Activity.Current = current;
        return result;
    }

    /// <summary>The plan's span id (a W3C traceparent) for what the plan's scoring publishes; null: the current activity's.</summary>
    public string? Of(string planId) => spans.GetValueOrDefault(planId)?.Id;

    public void Dispose()
    {
        var current = Activity.Current;
        foreach (var span in spans.Values)
            span.Stop();
        Activity.Current = current;
    }
}
