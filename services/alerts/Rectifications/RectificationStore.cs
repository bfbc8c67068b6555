using Dapper;
using Monitoring.ServiceDefaults;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;
using Npgsql;

namespace Monitoring.Alerts.Rectifications;

/// <summary>A rectification task as API.md lists it.</summary>
public sealed record RectificationView(Guid TaskId, string PlanId, string OrgCode, string RegionCode, decimal Score, DateTimeOffset OpenedAt,
    DateTimeOffset DueAt, string Status, DateTimeOffset? SubmittedAt, string? Summary, DateTimeOffset? ReviewedAt, string? Reviewer);

/// <summary>Alerts' table of rectification tasks.</summary>
public static class RectificationStore
{
    /// <summary>Opens the plan's task; false when the plan has one already.</summary>
    public static async Task<bool> OpenAsync(MessagingTransaction tx, Guid taskId, Contracts.PlanScored score, DateTimeOffset now, DateTimeOffset dueAt,
        CancellationToken ct) =>
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO rectifications (task_id, plan_id, org_code, region_code, score, opened_at, due_at, status)
            VALUES (@taskId, @PlanId, @OrgCode, @RegionCode, @Score, @now, @dueAt, 'open')
            ON CONFLICT (plan_id) DO NOTHING
            """, new { taskId, score.PlanId, score.OrgCode, score.RegionCode, score.Score, now, dueAt }, tx.Transaction, cancellationToken: ct)) == 1;

    /// <summary>A task, locked until the transaction ends, for a step on it.</summary>
    public static async Task<RectificationView?> LockAsync(MessagingTransaction tx, Guid taskId, CancellationToken ct) =>
        (await tx.Connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE task_id = @taskId FOR UPDATE", new { taskId }, tx.Transaction, cancellationToken: ct)))?.View();

    /// <summary>One task whose deadline passed without a passed review, locked; one another sweeper holds is skipped.</summary>
    public static async Task<RectificationView?> ClaimOverdueAsync(MessagingTransaction tx, DateTimeOffset now, CancellationToken ct) =>
        (await tx.Connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select + """
             WHERE status IN ('open', 'submitted') AND due_at <= @now
            ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED
            """, new { now }, tx.Transaction, cancellationToken: ct)))?.View();

    /// <summary>Tasks of an org (all when null) in a center's jurisdiction (everywhere when null).</summary>
    public static async Task<IReadOnlyList<RectificationView>> ListAsync(NpgsqlConnection connection, string? orgCode, string? centerRegion, CancellationToken ct) =>
        (await connection.QueryAsync<Row>(new CommandDefinition(
            Select + " WHERE (@orgCode::text IS NULL OR org_code = @orgCode) AND region_code LIKE @prefix ORDER BY opened_at DESC",
            new { orgCode, prefix = Jurisdiction.LikePattern(centerRegion) }, cancellationToken: ct))).Select(r => r.View()).ToList();

    public static Task SubmittedAsync(MessagingTransaction tx, Guid taskId, DateTimeOffset submittedAt, string summary, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE rectifications SET status = 'submitted', submitted_at = @submittedAt, summary = @summary WHERE task_id = @taskId",
            new { submittedAt, summary, taskId }, tx.Transaction, cancellationToken: ct));

    public static Task ReviewedAsync(MessagingTransaction tx, Guid taskId, Contracts.RectificationOutcome outcome, DateTimeOffset reviewedAt, string reviewer,
        CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE rectifications SET status = @status, reviewed_at = @reviewedAt, reviewer = @reviewer WHERE task_id = @taskId",
            new { status = EnumText.Of(outcome), reviewedAt, reviewer, taskId }, tx.Transaction, cancellationToken: ct));

    public static Task OverdueAsync(MessagingTransaction tx, Guid taskId, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE rectifications SET status = 'overdue' WHERE task_id = @taskId", new { taskId }, tx.Transaction, cancellationToken: ct));

    const string Select = """
        SELECT task_id AS TaskId, plan_id AS PlanId, org_code AS OrgCode, region_code AS RegionCode, score AS Score, opened_at AS OpenedAt,
               due_at AS DueAt, status AS Status, submitted_at AS SubmittedAt, summary AS Summary, reviewed_at AS ReviewedAt, reviewer AS Reviewer
        FROM rectifications
        """;

    sealed record Row(Guid TaskId, string PlanId, string OrgCode, string RegionCode, decimal Score, DateTime OpenedAt, DateTime DueAt,
        string Status, DateTime? SubmittedAt, string? Summary, DateTime? ReviewedAt, string? Reviewer)
    {
        public RectificationView View() => new(TaskId, PlanId, OrgCode, RegionCode, Score, UtcDateTimeOffsetHandler.FromDatabase(OpenedAt),
            UtcDateTimeOffsetHandler.FromDatabase(DueAt), Status, UtcDateTimeOffsetHandler.FromDatabase(SubmittedAt), Summary,
            UtcDateTimeOffsetHandler.FromDatabase(ReviewedAt), Reviewer);
    }
}
