using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Policies;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Plans;

/// <summary>
/// Scores one plan inside a transaction that holds the plan's row lock (the <see cref="RescoreWorker"/> takes it,
/// which serializes scorings of one plan across replicas; fact writes never wait for it): load its facts,
/// evaluate the policy in force, store the score and, through the outbox, publish it with any new breaches
/// and events. The next time-based rescore (exam end, deadlines) is scheduled in the same transaction.
/// </summary>
public sealed class PlanScorer(FactsBuilder builder, PolicyCatalog policies, ScoringMetrics metrics, ILogger<PlanScorer> logger)
{
    /// <summary>The plan's explanation under the policy in force now, on its facts as they are now; null for a plan never filed.</summary>
    public async Task<(PolicyExplanation Explanation, string RegionCode)?> ExplainAsync(Npgsql.NpgsqlConnection connection, string planId,
        DateTimeOffset now, CancellationToken ct)
    {
        var raw = await FactStore.LoadAsync(connection, null, planId, ct);
        if (raw is null)
            return null;
        var policy = await policies.ActiveAtAsync(now, ct);
        return (policy.Explain(builder.Build(raw, now)), raw.Plan.RegionCode);
    }

    public async Task<PlanScored?> ScoreAsync(MessagingTransaction tx, string planId, DateTimeOffset now, CancellationToken ct)
    {
        var raw = await FactStore.LoadAsync(tx.Connection, tx.Transaction, planId, ct);
        if (raw is null)
            return null;

        var facts = builder.Build(raw, now);
        var policy = await policies.ActiveAtAsync(now, ct);
        var evaluation = await policy.EvaluateAsync(facts);
        var plan = raw.Plan;
        var status = facts.Closed ? ScoreStatus.Final : ScoreStatus.Provisional;
        var scored = new PlanScored(plan.PlanId, plan.OrgCode, plan.RegionCode, evaluation.Score, status, evaluation.PolicyVersion, now,
            evaluation.Indicators, plan.OrgName);

        var changed = await PlanStore.SaveScoreAsync(tx, scored, ct);
        if (changed)
            tx.Publish(scored);
        metrics.Scored.WithLabels(status == ScoreStatus.Final ? "final" : "provisional", changed ? "yes" : "no").Inc();

        // What the engine concluded from the rules' findings, announced once per plan and grounding rule.
        foreach (var grounded in evaluation.Conclusions.GroupBy(c => c.RuleId))
        {
            if (!await BreachStore.FirstTimeAsync(tx, planId, grounded.Key, now, ct))
                continue;
            metrics.Breaches.WithLabels(grounded.Key).Inc();
            foreach (var conclusion in grounded)
            {
                switch (conclusion)
                {
                    case WarningConclusion w:
                        tx.Publish(new IndicatorBreached(plan.PlanId, plan.OrgCode, plan.RegionCode, w.Indicator, w.RuleId, w.Kind, w.Level, w.Reason, now));
                        break;
                    case TerminationConclusion t:
                        tx.Publish(new PlanTerminationRecommended(plan.PlanId, plan.OrgCode, plan.RegionCode, t.Sampled, t.NonQualifying, now));
                        break;
                    default:
                        throw new InvalidOperationException($"No message announces a {conclusion.GetType().Name}");
                }
                logger.LogWarning("Plan {PlanId}: rule {RuleId} concluded {Conclusion}", plan.PlanId, conclusion.RuleId,
                    conclusion is WarningConclusion warning ? warning.Kind : "plan-termination");
            }
        }

        var next = builder.Milestones(raw).Where(m => m > now).DefaultIfEmpty().Min();
        if (next != default)
            await RescoreQueue.EnqueueAsync(tx, [planId], next, ct);
        return scored;
    }
}
