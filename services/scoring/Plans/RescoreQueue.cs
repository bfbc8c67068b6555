using Dapper;
using Monitoring.ServiceDefaults.Messaging;
using Npgsql;

namespace Monitoring.Scoring.Plans;

/// <summary>
/// Scoring's queue of plans to rescore and when: written by fact changes, milestones and activations, taken by the
/// rescore worker. Every request bumps its row's <c>version</c>: the worker removes a row only if its version is the
/// one it claimed, so a request made while the plan was being scored is never lost, and the worker needs no lock on
/// queue rows while it scores.
/// </summary>
public static class RescoreQueue
{
    /// <summary>
    /// Asks for a rescore of <paramref name="planIds"/> at <paramref name="dueAt"/>, or earlier if one is already
    /// asked for: the first change of a burst sets the time, the rest of the burst rides along. Rows are written in
    /// plan order, so two writers of overlapping plans never wait for each other in a circle.
    /// </summary>
    public static Task EnqueueAsync(MessagingTransaction tx, IReadOnlyCollection<string> planIds, DateTimeOffset dueAt, CancellationToken ct) =>
        EnqueueAsync(tx, [.. planIds.Select(p => (p, dueAt, (string?)null))], ct);

    /// <summary>
    /// Asks for each plan's rescore at its own time, or earlier if one is already asked for (rows in plan order, as
    /// above). A request made in a trace (a fact's W3C <c>traceparent</c>) makes the plan's scoring continue that
    /// trace; one made without (a milestone) keeps the trace already asked for.
    /// </summary>
    public static Task EnqueueAsync(MessagingTransaction tx, IReadOnlyList<(string PlanId, DateTimeOffset DueAt, string? TraceParent)> plans, CancellationToken ct)
    {
        if (plans.Count == 0)
            return Task.CompletedTask;
        var earliest = plans.GroupBy(p => p.PlanId, StringComparer.Ordinal)
            .Select(g => (PlanId: g.Key, DueAt: g.Min(p => p.DueAt), TraceParent: g.LastOrDefault(p => p.TraceParent is not null).TraceParent))
            .OrderBy(p => p.PlanId, StringComparer.Ordinal).ToList();
        return tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO rescore_queue (plan_id, due_at, trace_parent) SELECT * FROM unnest(@planIds, @dueAt, @traceParents)
            ON CONFLICT (plan_id) DO UPDATE SET due_at = least(rescore_queue.due_at, excluded.due_at), version = rescore_queue.version + 1,
                trace_parent = coalesce(excluded.trace_parent, rescore_queue.trace_parent)
            """, new
            {
                planIds = earliest.Select(p => p.PlanId).ToArray(),
                dueAt = earliest.Select(p => p.DueAt.UtcDateTime).ToArray(),
                traceParents = earliest.Select(p => p.TraceParent).ToArray(),
            },
            tx.Transaction, cancellationToken: ct));
    }

    /// <summary>Every plan not closed yet, rescored from <paramref name="dueAt"/> (a new policy in force).</summary>
    /// <summary>Asks for a rescore of every plan of <paramref name="orgCode"/> (a decision about the org changed what its plans are judged by).</summary>
    public static async Task EnqueueOrgPlansAsync(MessagingTransaction tx, string orgCode, DateTimeOffset dueAt, CancellationToken ct)
    {
        var plans = (await tx.Connection.QueryAsync<string>(new CommandDefinition(
            "SELECT plan_id FROM plans WHERE org_code = @orgCode ORDER BY plan_id", new { orgCode }, tx.Transaction, cancellationToken: ct))).ToList();
        await EnqueueAsync(tx, plans, dueAt, ct);
    }

    public static async Task EnqueueOpenPlansAsync(NpgsqlDataSource db, DateTimeOffset dueAt, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO rescore_queue (plan_id, due_at)
            SELECT plan_id, @dueAt FROM plans WHERE plan_id NOT IN (SELECT plan_id FROM plan_closures) ORDER BY plan_id
            ON CONFLICT (plan_id) DO UPDATE SET due_at = least(rescore_queue.due_at, excluded.due_at), version = rescore_queue.version + 1
            """, new { dueAt }, cancellationToken: ct));
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> filed plans whose time has come, the longest waiting first (of
    /// <paramref name="only"/> when given), by locking their plan rows until the transaction ends; plans another
    /// transaction holds are skipped (another replica's batch, a re-filing), so claiming never waits and replicas
    /// claim different plans. Queue rows are read, not locked: <see cref="RemoveAsync"/> settles them at the end.
    /// </summary>
    public static async Task<IReadOnlyList<RescoreClaim>> ClaimAsync(MessagingTransaction tx, DateTimeOffset now, int limit,
        IReadOnlyList<string>? only, CancellationToken ct) =>
        (await tx.Connection.QueryAsync<RescoreClaim>(new CommandDefinition("""
            SELECT q.plan_id AS PlanId, q.version AS Version, q.trace_parent AS TraceParent FROM rescore_queue q JOIN plans p ON p.plan_id = q.plan_id
            WHERE q.due_at <= @now AND (@only::text[] IS NULL OR q.plan_id = ANY(@only))
            ORDER BY q.due_at LIMIT @limit FOR UPDATE OF p SKIP LOCKED
            """, new { now, limit, only = only?.ToArray() }, tx.Transaction, cancellationToken: ct))).ToList();

    /// <summary>Due turns of plans never filed (facts that came first): nothing to score, PlanFiled asks again when it comes.</summary>
    public static async Task<IReadOnlyList<RescoreClaim>> UnfiledAsync(MessagingTransaction tx, DateTimeOffset now, int limit,
        IReadOnlyList<string>? only, CancellationToken ct) =>
        (await tx.Connection.QueryAsync<RescoreClaim>(new CommandDefinition("""
            SELECT q.plan_id AS PlanId, q.version AS Version, q.trace_parent AS TraceParent FROM rescore_queue q
            WHERE q.due_at <= @now AND (@only::text[] IS NULL OR q.plan_id = ANY(@only))
              AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.plan_id = q.plan_id)
            ORDER BY q.due_at LIMIT @limit
            """, new { now, limit, only = only?.ToArray() }, tx.Transaction, cancellationToken: ct))).ToList();

    /// <summary>The earliest due time in the queue (the rescore worker's next wake), if any.</summary>
    public static Task<DateTimeOffset?> NextDueAsync(MessagingTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
            "SELECT min(due_at) FROM rescore_queue", transaction: tx.Transaction, cancellationToken: ct));

    /// <summary>How many plans are due and not taken yet (the rescore worker's lag).</summary>
    public static Task<int> CountDueAsync(MessagingTransaction tx, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM rescore_queue WHERE due_at <= @now", new { now }, tx.Transaction, cancellationToken: ct));

    /// <summary>
    /// Removes the claimed turns whose version is still the claimed one; a turn asked for again since (a fact that
    /// came while the plan was scored) stays, so the plan is scored again with it. Run it last in the transaction: it
    /// locks the rows it removes, in plan order like every writer of the queue, so it never deadlocks with them.
    /// </summary>
    public static Task RemoveAsync(MessagingTransaction tx, IReadOnlyList<RescoreClaim> claims, CancellationToken ct)
    {
        if (claims.Count == 0)
            return Task.CompletedTask;
        var ordered = claims.OrderBy(c => c.PlanId, StringComparer.Ordinal).ToList();
        return tx.Connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM rescore_queue WHERE plan_id IN (
                SELECT q.plan_id FROM rescore_queue q JOIN unnest(@planIds, @versions) AS c(plan_id, version)
                    ON q.plan_id = c.plan_id AND q.version = c.version
                ORDER BY q.plan_id FOR UPDATE OF q)
            """, new { planIds = ordered.Select(c => c.PlanId).ToArray(), versions = ordered.Select(c => c.Version).ToArray() },
            tx.Transaction, cancellationToken: ct));
    }

    /// <summary>Moves the plans' turns to <paramref name="dueAt"/>, earlier or later.</summary>
    public static Task RescheduleAsync(MessagingTransaction tx, IReadOnlyList<string> planIds, DateTimeOffset dueAt, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO rescore_queue (plan_id, due_at) SELECT p, @dueAt FROM unnest(@planIds) AS p
            ON CONFLICT (plan_id) DO UPDATE SET due_at = excluded.due_at, version = rescore_queue.version + 1
            """, new { planIds = planIds.Distinct().Order(StringComparer.Ordinal).ToArray(), dueAt }, tx.Transaction, cancellationToken: ct));
}

/// <summary>
/// A plan's turn as the worker claimed it: the version tells whether it was asked for again since; the trace is the
/// latest fact's that asked for it, if any.
/// </summary>
public sealed record RescoreClaim(string PlanId, long Version, string? TraceParent);
