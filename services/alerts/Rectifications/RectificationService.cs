using Dapper;
using Monitoring.Alerts.Orgs;
using Monitoring.Alerts.Warnings;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Messaging;
using Npgsql;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults;

namespace Monitoring.Alerts.Rectifications;

/// <summary>A rectification task as API.md lists it.</summary>
public sealed record RectificationView(Guid TaskId, string PlanId, string OrgCode, string RegionCode, decimal Score, DateTimeOffset OpenedAt,
    DateTimeOffset DueAt, string Status, DateTimeOffset? SubmittedAt, string? Summary, DateTimeOffset? ReviewedAt, string? Reviewer);

/// <summary>Why a step on a task was refused: no such task, or not in a state that allows it.</summary>
public enum StepRefusal { None, NotFound, WrongState }

/// <summary>
/// Rectification (整改): a final score below 60 opens a task due one calendar month later
/// (<see cref="RectificationDeadline"/>). The org submits; the center reviews: passed closes it, failed or
/// refused suspends the org; a deadline passing without a passed review makes it overdue and suspends the org.
/// </summary>
public sealed class RectificationService(OrgCatalogue catalogue)
{
    public const decimal PassingScore = 60;

    /// <summary>A plan's score arrived: its org enters the catalogue, and a final score below 60 opens the plan's task.</summary>
    public static async Task OnPlanScoredAsync(MessagingTransaction tx, PlanScored score, DateTimeOffset now, CancellationToken ct)
    {
        await OrgCatalogue.EnsureAsync(tx, score.OrgCode, score.OrgName, now, ct);
        if (score.Status == ScoreStatus.Final && score.Score < PassingScore)
            await OpenAsync(tx, score, now, ct);
    }

    /// <summary>Opens the plan's task (once), asks for the rectification notice and warns the centers.</summary>
    static async Task OpenAsync(MessagingTransaction tx, PlanScored score, DateTimeOffset now, CancellationToken ct)
    {
        var taskId = Guid.CreateVersion7(now);
        var dueAt = RectificationDeadline.DueAt(now);
        var opened = await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO rectifications (task_id, plan_id, org_code, region_code, score, opened_at, due_at, status)
            VALUES (@taskId, @PlanId, @OrgCode, @RegionCode, @Score, @now, @dueAt, 'open')
            ON CONFLICT (plan_id) DO NOTHING
            """, new { taskId, score.PlanId, score.OrgCode, score.RegionCode, score.Score, now, dueAt }, tx.Transaction, cancellationToken: ct));
        if (opened == 0)
            return;

        tx.Publish(new RectificationOpened(taskId, score.PlanId, score.OrgCode, score.RegionCode, score.Score, now, dueAt));
        tx.Publish(new IssueNotice(taskId, NoticeKind.Rectification, score.OrgCode, score.OrgName, score.RegionCode, score.PlanId, score.Score,
            score.Indicators.SelectMany(i => i.Deductions).ToList(),
            $"认定计划系统评分{score.Score}分，低于{PassingScore}分，限期一个月整改", dueAt, now));
        await WarningStore.RaiseAsync(tx, new WarningInput(score.PlanId, score.OrgCode, score.RegionCode, WarningLevel.Orange, "score-below-60",
            $"认定计划最终评分{score.Score}分，低于{PassingScore}分，已下达整改任务，{ShanghaiTime.Day(dueAt.AddTicks(-1)):yyyy-MM-dd}前完成"), "alerts", now, ct);
    }

    public static async Task<RectificationView?> FindAsync(MessagingTransaction tx, Guid taskId, CancellationToken ct) =>
        (await tx.Connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE task_id = @taskId FOR UPDATE", new { taskId }, tx.Transaction, cancellationToken: ct)))?.View();

    /// <summary>Tasks of an org (all when null) in a center's jurisdiction (everywhere when null).</summary>
    public static async Task<IReadOnlyList<RectificationView>> ListAsync(NpgsqlConnection connection, string? orgCode, string? centerRegion, CancellationToken ct) =>
        (await connection.QueryAsync<Row>(new CommandDefinition(
            Select + " WHERE (@orgCode::text IS NULL OR org_code = @orgCode) AND region_code LIKE @prefix ORDER BY opened_at DESC",
            new { orgCode, prefix = Jurisdiction.LikePattern(centerRegion) }, cancellationToken: ct))).Select(r => r.View()).ToList();

    /// <summary>The org hands in its rectification; only an open task takes a submission.</summary>
    public static async Task<StepRefusal> SubmitAsync(MessagingTransaction tx, RectificationView task, DateTimeOffset submittedAt, string summary, CancellationToken ct)
    {
        if (task.Status != "open")
            return StepRefusal.WrongState;
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE rectifications SET status = 'submitted', submitted_at = @submittedAt, summary = @summary WHERE task_id = @TaskId",
            new { submittedAt, summary, task.TaskId }, tx.Transaction, cancellationToken: ct));
        tx.Publish(new RectificationSubmitted(task.TaskId, task.PlanId, task.OrgCode, submittedAt, summary));
        return StepRefusal.None;
    }

    /// <summary>
    /// The center's review: passed (of a submitted task) closes it; failed (of a submitted task) or refused
    /// (the org declined, submitted or not) suspends the org.
    /// </summary>
    public async Task<StepRefusal> ReviewAsync(MessagingTransaction tx, RectificationView task, RectificationOutcome outcome, DateTimeOffset reviewedAt,
        string reviewer, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var allowed = outcome == RectificationOutcome.Refused ? task.Status is "open" or "submitted" : task.Status == "submitted";
        if (!allowed)
            return StepRefusal.WrongState;
        var status = EnumText.Of(outcome);
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE rectifications SET status = @status, reviewed_at = @reviewedAt, reviewer = @reviewer WHERE task_id = @TaskId",
            new { status, reviewedAt, reviewer, task.TaskId }, tx.Transaction, cancellationToken: ct));
        tx.Publish(new RectificationReviewed(task.TaskId, task.PlanId, task.OrgCode, outcome, reviewedAt, reviewer));
        if (outcome != RectificationOutcome.Passed)
        {
            var reason = outcome == RectificationOutcome.Refused ? "拒不整改" : "整改不到位";
            await catalogue.SuspendAsync(tx, task.OrgCode, task.RegionCode, task.PlanId, $"{reason}（认定计划{task.PlanId}），暂停评价活动", actor, now, ct);
        }
        return StepRefusal.None;
    }

    /// <summary>Marks one task overdue and suspends its org (the sweeper calls it for each task it claims).</summary>
    public async Task OverdueAsync(MessagingTransaction tx, RectificationView task, DateTimeOffset now, CancellationToken ct)
    {
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE rectifications SET status = 'overdue' WHERE task_id = @TaskId", new { task.TaskId }, tx.Transaction, cancellationToken: ct));
        tx.Publish(new RectificationOverdue(task.TaskId, task.PlanId, task.OrgCode, task.DueAt, now));
        await catalogue.SuspendAsync(tx, task.OrgCode, task.RegionCode, task.PlanId,
            $"逾期未完成整改（认定计划{task.PlanId}，期限{ShanghaiTime.Day(task.DueAt.AddTicks(-1)):yyyy-MM-dd}），暂停评价活动", "sweeper", now, ct);
    }

    internal const string Select = """
        SELECT task_id AS TaskId, plan_id AS PlanId, org_code AS OrgCode, region_code AS RegionCode, score AS Score, opened_at AS OpenedAt,
               due_at AS DueAt, status AS Status, submitted_at AS SubmittedAt, summary AS Summary, reviewed_at AS ReviewedAt, reviewer AS Reviewer
        FROM rectifications
        """;

    internal sealed record Row(Guid TaskId, string PlanId, string OrgCode, string RegionCode, decimal Score, DateTime OpenedAt, DateTime DueAt,
        string Status, DateTime? SubmittedAt, string? Summary, DateTime? ReviewedAt, string? Reviewer)
    {
        public RectificationView View() => new(TaskId, PlanId, OrgCode, RegionCode, Score, UtcDateTimeOffsetHandler.FromDatabase(OpenedAt), UtcDateTimeOffsetHandler.FromDatabase(DueAt), Status,
            UtcDateTimeOffsetHandler.FromDatabase(SubmittedAt), Summary, UtcDateTimeOffsetHandler.FromDatabase(ReviewedAt), Reviewer);
    }
}
