using Dapper;
using Monitoring.Alerts.Orgs;
using Monitoring.Alerts.Warnings;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;
using Npgsql;

namespace Monitoring.Alerts.Terminations;

/// <summary>
/// A plan termination scoring recommended, and the center's decision on it: <see cref="Status"/> pending, confirmed or
/// rejected, and for a confirmed one its <see cref="Outcome"/>, <c>terminated</c> or <c>returned</c> (终止或退回).
/// </summary>
public sealed record TerminationView(string PlanId, string OrgCode, string RegionCode, int Sampled, int NonQualifying,
    DateTimeOffset RecommendedAt, string Status, string? DecidedBy, DateTimeOffset? DecidedAt, string? Outcome = null);

/// <summary>
/// Plan terminations scoring recommends (non-qualifying applicants ≥ 1/3 of the sample): a red warning at once,
/// and a decision the center of the plan's region takes. Alerts' table of terminations.
/// </summary>
public static class TerminationStore
{
    public static async Task RecommendAsync(MessagingTransaction tx, PlanTerminationRecommended m, DateTimeOffset now, CancellationToken ct)
    {
        await OrgStore.EnsureAsync(tx, m.OrgCode, null, now, ct);
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO terminations (plan_id, org_code, region_code, sampled, non_qualifying, recommended_at, status)
            VALUES (@PlanId, @OrgCode, @RegionCode, @Sampled, @NonQualifying, @RecommendedAt, 'pending')
            ON CONFLICT (plan_id) DO NOTHING
            """, m, tx.Transaction, cancellationToken: ct));
        await WarningStore.RaiseAsync(tx, new WarningInput(m.PlanId, m.OrgCode, m.RegionCode, WarningLevel.Red, "plan-termination-recommended",
            $"资格审核抽查{m.Sampled}人中{m.NonQualifying}人不符合报名条件，达到1/3，建议终止或退回认定计划，待属地评价中心确认"), "alerts", now, ct);
    }

    /// <summary>Terminations in a center's jurisdiction (everywhere when null), newest first.</summary>
    public static async Task<IReadOnlyList<TerminationView>> ListAsync(NpgsqlConnection connection, string? centerRegion, CancellationToken ct) =>
        (await connection.QueryAsync<Row>(new CommandDefinition(Select + " WHERE region_code LIKE @prefix ORDER BY recommended_at DESC",
            new { prefix = Jurisdiction.LikePattern(centerRegion) }, cancellationToken: ct))).Select(r => r.View()).ToList();

    /// <summary>The plan's termination, locked until the transaction ends, for a decision on it.</summary>
    public static async Task<TerminationView?> LockAsync(MessagingTransaction tx, string planId, CancellationToken ct) =>
        (await tx.Connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE plan_id = @planId FOR UPDATE", new { planId }, tx.Transaction, cancellationToken: ct)))?.View();

    public static Task DecideAsync(MessagingTransaction tx, string planId, string status, string? outcome, string actor, DateTimeOffset now,
        CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE terminations SET status = @status, outcome = @outcome, decided_by = @actor, decided_at = @now WHERE plan_id = @planId",
            new { status, outcome, actor, now, planId }, tx.Transaction, cancellationToken: ct));

    const string Select = """
        SELECT plan_id AS PlanId, org_code AS OrgCode, region_code AS RegionCode, sampled AS Sampled, non_qualifying AS NonQualifying,
               recommended_at AS RecommendedAt, status AS Status, decided_by AS DecidedBy, decided_at AS DecidedAt, outcome AS Outcome
        FROM terminations
        """;

    sealed record Row(string PlanId, string OrgCode, string RegionCode, int Sampled, int NonQualifying, DateTime RecommendedAt, string Status,
        string? DecidedBy, DateTime? DecidedAt, string? Outcome)
    {
        public TerminationView View() => new(PlanId, OrgCode, RegionCode, Sampled, NonQualifying, UtcDateTimeOffsetHandler.FromDatabase(RecommendedAt),
            Status, DecidedBy, UtcDateTimeOffsetHandler.FromDatabase(DecidedAt), Outcome);
    }
}
