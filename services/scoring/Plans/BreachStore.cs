using Dapper;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Plans;

/// <summary>Scoring's record of which rule has already raised its breach or event on which plan: each is announced once.</summary>
public static class BreachStore
{
    /// <summary>Records the breach; true the first time for this plan and rule.</summary>
    public static async Task<bool> FirstTimeAsync(MessagingTransaction tx, string planId, string ruleId, DateTimeOffset now, CancellationToken ct) =>
        (await FirstTimeAsync(tx, [planId], ruleId, now, ct)).Count == 1;

    /// <summary>Records the breach on every plan; returns the plans that had not had it before.</summary>
    public static async Task<IReadOnlySet<string>> FirstTimeAsync(MessagingTransaction tx, IReadOnlyList<string> planIds, string ruleId,
        DateTimeOffset now, CancellationToken ct) =>
        (await tx.Connection.QueryAsync<string>(new CommandDefinition("""
            INSERT INTO plan_breaches (plan_id, rule_id, detected_at) SELECT plan_id, @ruleId, @now FROM unnest(@planIds) AS plan_id
            ON CONFLICT DO NOTHING RETURNING plan_id
            """, new { planIds = planIds.ToArray(), ruleId, now }, tx.Transaction, cancellationToken: ct))).ToHashSet();
}
