using Dapper;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Draws;

/// <summary>
/// Where the examiner draws of an org's plans meet (<c>plan_pool_draws</c>). A plan's draw finding depends on the org's
/// earlier plans in the window (<see cref="DrawTest"/>), which may be filed or dispatched after it was scored (queues
/// run side by side): a dispatch or a filing asks for the rescore of the org's later plans whose window it falls in.
/// Transactions take turns per plan (so a draw row always ends with its plan's org and exam start) and per org (so
/// neither of two dispatches of one org misses the other's plan): the plans' locks first, then the orgs', each in key
/// order, so two transactions never wait for each other in a circle.
/// </summary>
public static class DrawStore
{
    /// <summary>The advisory-lock classes (two-key locks: a key space apart from the certificates' one-key locks).</summary>
    const int PlanLocks = 1701, OrgLocks = 1702;

    /// <summary>Makes transactions about the draws of the same plans take turns: a dispatch and the plan's filing at once.</summary>
    public static Task LockPlansAsync(MessagingTransaction tx, IEnumerable<string> planIds, CancellationToken ct) =>
        LockAsync(tx, PlanLocks, planIds, ct);

    /// <summary>Makes transactions about the draws of the same orgs take turns: two dispatches of one org at once would each miss the other's plan.</summary>
    public static Task LockOrgsAsync(MessagingTransaction tx, IEnumerable<string> orgCodes, CancellationToken ct) =>
        LockAsync(tx, OrgLocks, orgCodes, ct);

    /// <summary>The orgs of the filed plans among <paramref name="planIds"/>.</summary>
    public static async Task<IReadOnlyList<string>> OrgsOfAsync(MessagingTransaction tx, IReadOnlyList<string> planIds, CancellationToken ct) =>
        (await tx.Connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT org_code FROM plans WHERE plan_id = ANY(@planIds)", new { planIds = planIds.ToArray() }, tx.Transaction,
            cancellationToken: ct))).ToList();

    /// <summary>Gives the draws of <paramref name="planIds"/> their plans' org and exam start as filed now (a filing, or a re-filing that moved them).</summary>
    public static Task FiledAsync(MessagingTransaction tx, IReadOnlyList<string> planIds, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE plan_pool_draws d SET org_code = p.org_code, exam_start = p.exam_start
            FROM plans p
            WHERE p.plan_id = d.plan_id AND d.plan_id = ANY(@planIds)
              AND (d.org_code, d.exam_start) IS DISTINCT FROM (p.org_code, p.exam_start)
            """, new { planIds = planIds.ToArray() }, tx.Transaction, cancellationToken: ct));

    /// <summary>
    /// The org's other plans with pool draws whose window holds one of <paramref name="planIds"/> (exam from the plan's
    /// to <paramref name="window"/> after it): their finding may change with it. Plans without a pool size have no
    /// draws, so a dispatch made in exam order (the usual case) changes none. <paramref name="withDrawsOnly"/>: only
    /// for plans of <paramref name="planIds"/> that have pool draws themselves (a filing; a new dispatch may have
    /// taken draws away, so it looks whatever it holds).
    /// </summary>
    public static async Task<IReadOnlyCollection<string>> LaterPlansAsync(MessagingTransaction tx, IReadOnlyList<string> planIds, TimeSpan window,
        bool withDrawsOnly, CancellationToken ct) =>
        (await tx.Connection.QueryAsync<string>(new CommandDefinition("""
            SELECT DISTINCT o.plan_id
            FROM plans x
            JOIN plan_pool_draws o ON o.org_code = x.org_code AND o.exam_start >= x.exam_start AND o.exam_start < x.exam_start + @window
                AND o.plan_id <> x.plan_id
            WHERE x.plan_id = ANY(@planIds)
              AND (NOT @withDrawsOnly OR EXISTS (SELECT 1 FROM plan_pool_draws d WHERE d.plan_id = x.plan_id))
            ORDER BY 1
            """, new { planIds = planIds.ToArray(), window, withDrawsOnly }, tx.Transaction, cancellationToken: ct))).ToList();

    static Task LockAsync(MessagingTransaction tx, int lockClass, IEnumerable<string> keys, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            SELECT pg_advisory_xact_lock(@lockClass, k) FROM (SELECT DISTINCT hashtext(key) AS k FROM unnest(@keys) AS key ORDER BY k) AS keys
            """, new { lockClass, keys = keys.Distinct(StringComparer.Ordinal).ToArray() }, tx.Transaction, cancellationToken: ct));
}
