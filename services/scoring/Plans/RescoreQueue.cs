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
            """, new { planIds = planIds.Distinct().ToArray(), dueAt }, tx.Transaction, cancellationToken: ct));

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

    /// <summary>Up to 100 plans whose time has come, the longest waiting first.</summary>
    public static async Task<IReadOnlyList<string>> DueAsync(MessagingTransaction tx, DateTimeOffset now, CancellationToken ct) =>
        (await tx.Connection.QueryAsync<string>(new CommandDefinition(
            "SELECT plan_id FROM rescore_queue WHERE due_at <= @now ORDER BY due_at LIMIT 100", new { now }, tx.Transaction, cancellationToken: ct))).ToList();

    /// <summary>Takes the plan's turn; false when another replica took it or it is no longer due.</summary>
    public static async Task<bool> TakeAsync(MessagingTransaction tx, string planId, DateTimeOffset now, CancellationToken ct) =>
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM rescore_queue WHERE plan_id = @planId AND due_at <= @now", new { planId, now }, tx.Transaction, cancellationToken: ct)) > 0;

    /// <summary>Moves the plan's turn to <paramref name="dueAt"/>, earlier or later.</summary>
    public static Task RescheduleAsync(MessagingTransaction tx, string planId, DateTimeOffset dueAt, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO rescore_queue (plan_id, due_at) VALUES (@planId, @dueAt)
            ON CONFLICT (plan_id) DO UPDATE SET due_at = excluded.due_at
            """, new { planId, dueAt }, tx.Transaction, cancellationToken: ct));
}
