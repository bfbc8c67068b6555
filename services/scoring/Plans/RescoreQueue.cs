using Dapper;
using Monitoring.ServiceDefaults.Messaging;
using Npgsql;

namespace Monitoring.Scoring.Plans;

/// <summary>Scoring's queue of plans to rescore and when: written by fact changes, milestones and activations, taken by the rescore worker.</summary>
public static class RescoreQueue
{
    /// <summary>
    /// Asks for a rescore of <paramref name="planIds"/> at <paramref name="dueAt"/>, or earlier if one is already
    /// asked for: the first change of a burst sets the time, the rest of the burst rides along.
    /// </summary>
    public static Task EnqueueAsync(MessagingTransaction tx, IReadOnlyCollection<string> planIds, DateTimeOffset dueAt, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO rescore_queue (plan_id, due_at) SELECT p, @dueAt FROM unnest(@planIds) AS p
            ON CONFLICT (plan_id) DO UPDATE SET due_at = least(rescore_queue.due_at, excluded.due_at)
            """, new { planIds = planIds.Distinct().Order(StringComparer.Ordinal).ToArray(), dueAt }, tx.Transaction, cancellationToken: ct));

    /// <summary>Asks for each plan's rescore at its own time, or earlier if one is already asked for.</summary>
    public static Task EnqueueAsync(MessagingTransaction tx, IReadOnlyList<(string PlanId, DateTimeOffset DueAt)> plans, CancellationToken ct)
    {
        if (plans.Count == 0)
            return Task.CompletedTask;
        var earliest = plans.GroupBy(p => p.PlanId, StringComparer.Ordinal).Select(g => (PlanId: g.Key, DueAt: g.Min(p => p.DueAt)))
            .OrderBy(p => p.PlanId, StringComparer.Ordinal).ToList();
        return tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO rescore_queue (plan_id, due_at) SELECT * FROM unnest(@planIds, @dueAt)
            ON CONFLICT (plan_id) DO UPDATE SET due_at = least(rescore_queue.due_at, excluded.due_at)
            """, new { planIds = earliest.Select(p => p.PlanId).ToArray(), dueAt = earliest.Select(p => p.DueAt.UtcDateTime).ToArray() },
            tx.Transaction, cancellationToken: ct));
    }

    /// <summary>Every plan not closed yet, rescored from <paramref name="dueAt"/> (a new policy in force).</summary>
    public static async Task EnqueueOpenPlansAsync(NpgsqlDataSource db, DateTimeOffset dueAt, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO rescore_queue (plan_id, due_at)
            SELECT plan_id, @dueAt FROM plans WHERE plan_id NOT IN (SELECT plan_id FROM plan_closures)
            ON CONFLICT (plan_id) DO UPDATE SET due_at = least(rescore_queue.due_at, excluded.due_at)
            """, new { dueAt }, cancellationToken: ct));
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> plans whose time has come, the longest waiting first (of
    /// <paramref name="only"/> when given), locking their queue rows until the transaction ends. Rows another
    /// transaction holds are skipped (another replica's batch, a fact write asking for a rescore right now: that row
    /// stays due and a later pass takes it), so claiming never waits, and replicas claim different plans.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ClaimAsync(MessagingTransaction tx, DateTimeOffset now, int limit, IReadOnlyList<string>? only,
        CancellationToken ct) =>
        (await tx.Connection.QueryAsync<string>(new CommandDefinition("""
            SELECT plan_id FROM rescore_queue WHERE due_at <= @now AND (@only::text[] IS NULL OR plan_id = ANY(@only))
            ORDER BY due_at LIMIT @limit FOR UPDATE SKIP LOCKED
            """, new { now, limit, only = only?.ToArray() }, tx.Transaction, cancellationToken: ct))).ToList();

    /// <summary>How many plans are due and not taken yet (the rescore worker's lag).</summary>
    public static Task<int> CountDueAsync(MessagingTransaction tx, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM rescore_queue WHERE due_at <= @now", new { now }, tx.Transaction, cancellationToken: ct));

    /// <summary>Removes the turns of <paramref name="planIds"/> (claimed by this transaction).</summary>
    public static Task RemoveAsync(MessagingTransaction tx, IReadOnlyList<string> planIds, CancellationToken ct) =>
        planIds.Count == 0
            ? Task.CompletedTask
            : tx.Connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM rescore_queue WHERE plan_id = ANY(@planIds)", new { planIds = planIds.ToArray() }, tx.Transaction, cancellationToken: ct));

    /// <summary>Moves the plans' turns to <paramref name="dueAt"/>, earlier or later.</summary>
    public static Task RescheduleAsync(MessagingTransaction tx, IReadOnlyList<string> planIds, DateTimeOffset dueAt, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO rescore_queue (plan_id, due_at) SELECT p, @dueAt FROM unnest(@planIds) AS p
            ON CONFLICT (plan_id) DO UPDATE SET due_at = excluded.due_at
            """, new { planIds = planIds.Distinct().Order(StringComparer.Ordinal).ToArray(), dueAt }, tx.Transaction, cancellationToken: ct));
}
