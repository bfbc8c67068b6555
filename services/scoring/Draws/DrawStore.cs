using Dapper;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Draws;

/// <summary>
/// Where the examiner draws of an org's plans meet (<c>plan_pool_draws</c>). A plan's draw finding depends on the org's
/// earlier plans in the window (<see cref="DrawTest"/>), which may be filed or dispatched after it was scored (queues
/// run side by side). A dispatch or a filing records its plans in <c>draw_changes</c>, in its own transaction; the
/// rescore worker, which reads committed data only, then asks for the rescore of the org's later plans whose window
/// holds them (<see cref="ExpandChangesAsync"/>). Of two dispatches of one org at once, the one expanded last sees the
/// other's draws, and the plan it dispatched is rescored after its own commit anyway: no turns per org are needed.
/// Transactions about the same plan take turns (<see cref="LockPlansAsync"/>), so a draw row always ends with its plan's
/// org and exam start.
/// </summary>
public static class DrawStore
{
    /// <summary>The advisory-lock class of plans (two-key locks: a key space apart from the certificates' one-key locks).</summary>
    const int PlanLocks = 1701;

    /// <summary>The most changes one worker turn expands.</summary>
    const int ChangesATurn = 500;

    /// <summary>Makes transactions about the draws of the same plans take turns: a dispatch and the plan's filing at once.</summary>
    public static Task LockPlansAsync(MessagingTransaction tx, IEnumerable<string> planIds, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            SELECT pg_advisory_xact_lock(@lockClass, k) FROM (SELECT DISTINCT hashtext(key) AS k FROM unnest(@keys) AS key ORDER BY k) AS keys
            """, new { lockClass = PlanLocks, keys = planIds.Distinct(StringComparer.Ordinal).ToArray() }, tx.Transaction, cancellationToken: ct));

    /// <summary>
    /// Records that the draws of <paramref name="planIds"/> changed (<paramref name="dispatched"/>) or that they were filed,
    /// for the worker to expand to the org's later plans once this transaction has committed.
    /// </summary>
    public static Task ChangedAsync(MessagingTransaction tx, IReadOnlyList<string> planIds, bool dispatched, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO draw_changes (plan_id, dispatched) SELECT DISTINCT p, @dispatched FROM unnest(@planIds) AS p ORDER BY 1
            ON CONFLICT (plan_id) DO UPDATE SET dispatched = draw_changes.dispatched OR excluded.dispatched
            """, new { planIds = planIds.ToArray(), dispatched }, tx.Transaction, cancellationToken: ct));

    /// <summary>
    /// Takes up to 500 recorded changes (rows another worker holds are skipped) and returns the org's other plans with
    /// pool draws whose window holds one of them (exam from the changed plan's to <paramref name="window"/> after it);
    /// a filed plan counts only when it has draws itself.
    /// </summary>
    public static async Task<IReadOnlyCollection<string>> ExpandChangesAsync(MessagingTransaction tx, TimeSpan window, CancellationToken ct) =>
        (await tx.Connection.QueryAsync<string>(new CommandDefinition("""
            WITH taken AS (
                DELETE FROM draw_changes WHERE plan_id IN (
                    SELECT plan_id FROM draw_changes ORDER BY plan_id LIMIT @limit FOR UPDATE SKIP LOCKED)
                RETURNING plan_id, dispatched)
            SELECT DISTINCT o.plan_id
            FROM taken t
            JOIN plans x ON x.plan_id = t.plan_id
            JOIN plan_pool_draws o ON o.org_code = x.org_code AND o.exam_start >= x.exam_start AND o.exam_start < x.exam_start + @window
                AND o.plan_id <> x.plan_id
            WHERE t.dispatched OR EXISTS (SELECT 1 FROM plan_pool_draws d WHERE d.plan_id = x.plan_id)
            ORDER BY 1
            """, new { window, limit = ChangesATurn }, tx.Transaction, cancellationToken: ct))).ToList();

    /// <summary>Gives the draws of <paramref name="planIds"/> their plans' org and exam start as filed now (a filing, or a re-filing that moved them).</summary>
    public static Task FiledAsync(MessagingTransaction tx, IReadOnlyList<string> planIds, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE plan_pool_draws d SET org_code = p.org_code, exam_start = p.exam_start
            FROM plans p
            WHERE p.plan_id = d.plan_id AND d.plan_id = ANY(@planIds)
              AND (d.org_code, d.exam_start) IS DISTINCT FROM (p.org_code, p.exam_start)
            """, new { planIds = planIds.ToArray() }, tx.Transaction, cancellationToken: ct));
}
