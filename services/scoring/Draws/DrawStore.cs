using Dapper;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Draws;

/// <summary>
/// Where the examiner draws of an org's plans meet (<c>plan_pool_draws</c>). A plan's draw finding depends on the org's
/// earlier plans in the window (<see cref="DrawTest"/>), which may be filed or dispatched after it was scored (queues
/// run side by side). A dispatch or a filing records its plans in <c>plan_changes</c>, in its own transaction; the
/// rescore worker, which reads committed data only, then gives their draws their org and exam start as filed and asks
/// for the rescore of the org's later plans whose window holds them (<see cref="ExpandChangesAsync"/>). Of two
/// dispatches of one org at once, or a dispatch and the filing of its plan, the change processed last sees the
/// other's rows: no consumer needs to wait for another.
/// </summary>
public static class DrawStore
{
    /// <summary>The most changes one worker turn expands.</summary>
    const int ChangesATurn = 500;

    /// <summary>
    /// Records that the draws of <paramref name="planIds"/> changed (<paramref name="dispatched"/>) or that they were filed,
    /// for the worker to expand once this transaction has committed.
    /// </summary>
    public static Task ChangedAsync(MessagingTransaction tx, IReadOnlyList<string> planIds, bool dispatched, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO plan_changes (plan_id, dispatched) SELECT DISTINCT p, @dispatched FROM unnest(@planIds) AS p ORDER BY 1
            ON CONFLICT (plan_id) DO UPDATE SET dispatched = plan_changes.dispatched OR excluded.dispatched
            """, new { planIds = planIds.ToArray(), dispatched }, tx.Transaction, cancellationToken: ct));

    /// <summary>
    /// Takes up to 500 recorded changes (rows another worker holds are skipped), gives their plans' draws the org and exam
    /// start as filed, and returns the plans whose facts they change: the org's other plans with pool draws whose window
    /// holds one of them (exam from the changed plan's to <paramref name="window"/> after it; a filed plan counts only
    /// when it has draws itself), and the plans holding certificates issued to people who served one of them.
    /// </summary>
    public static async Task<IReadOnlyCollection<string>> ExpandChangesAsync(MessagingTransaction tx, TimeSpan window, CancellationToken ct)
    {
        var taken = (await tx.Connection.QueryAsync<(string PlanId, bool Dispatched)>(new CommandDefinition("""
            DELETE FROM plan_changes WHERE plan_id IN (SELECT plan_id FROM plan_changes ORDER BY plan_id LIMIT @limit FOR UPDATE SKIP LOCKED)
            RETURNING plan_id, dispatched
            """, new { limit = ChangesATurn }, tx.Transaction, cancellationToken: ct))).ToList();
        if (taken.Count == 0)
            return [];
        await FiledAsync(tx, [.. taken.Select(t => t.PlanId)], ct);
        return (await tx.Connection.QueryAsync<string>(new CommandDefinition("""
            SELECT o.plan_id
            FROM unnest(@plans, @dispatched) AS t(plan_id, dispatched)
            JOIN plans x ON x.plan_id = t.plan_id
            JOIN plan_pool_draws o ON o.org_code = x.org_code AND o.exam_start >= x.exam_start AND o.exam_start < x.exam_start + @window
                AND o.plan_id <> x.plan_id
            WHERE t.dispatched OR EXISTS (SELECT 1 FROM plan_pool_draws d WHERE d.plan_id = x.plan_id)
            UNION
            SELECT m.plan_id FROM staff_certificate_matches m WHERE m.served_plan_id = ANY(@plans)
            ORDER BY 1
            """, new { plans = taken.Select(t => t.PlanId).ToArray(), dispatched = taken.Select(t => t.Dispatched).ToArray(), window },
            tx.Transaction, cancellationToken: ct))).ToList();
    }

    /// <summary>Gives the draws of <paramref name="planIds"/> their plans' org and exam start as filed now (a filing, or a re-filing that moved them).</summary>
    static Task FiledAsync(MessagingTransaction tx, IReadOnlyList<string> planIds, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE plan_pool_draws d SET org_code = p.org_code, exam_start = p.exam_start
            FROM plans p
            WHERE p.plan_id = d.plan_id AND d.plan_id = ANY(@planIds)
              AND (d.org_code, d.exam_start) IS DISTINCT FROM (p.org_code, p.exam_start)
            """, new { planIds = planIds.ToArray() }, tx.Transaction, cancellationToken: ct));
}
