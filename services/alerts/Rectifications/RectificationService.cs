using Monitoring.Alerts.Notices;
using Monitoring.Alerts.Orgs;
using Monitoring.Alerts.Warnings;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Alerts.Rectifications;

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
    /// <summary>
    /// Scores of many plans: their orgs enter the catalogue (each once, in org order, so two batches never wait for each
    /// other in a circle), then each final score below 60 opens its plan's task.
    /// </summary>
    public async Task OnPlansScoredAsync(MessagingTransaction tx, IReadOnlyList<BatchItem<PlanScored>> scores, DateTimeOffset now, CancellationToken ct)
    {
        await OrgStore.EnsureAsync(tx, [.. scores.Select(s => (s.Message.OrgCode, s.Message.OrgName))], now, ct);
        foreach (var score in scores.Where(s => s.Message.Status == ScoreStatus.Final && s.Message.Score < PassingScore))
        {
            // What the task sets off (the notice, the warning) continues the trace of the score that opened it.
            using var span = MessageTrace.Continue("open rectification", score.TraceParent)?.SetTag("plan.id", score.Message.PlanId);
            await OpenAsync(tx, score.Message, now, ct);
        }
    }

    /// <summary>Opens the plan's task (once), asks for the rectification notice and warns the centers.</summary>
    static async Task OpenAsync(MessagingTransaction tx, PlanScored score, DateTimeOffset now, CancellationToken ct)
    {
        var taskId = Guid.CreateVersion7(now);
        var dueAt = RectificationDeadline.DueAt(now);
        if (!await RectificationStore.OpenAsync(tx, taskId, score, now, dueAt, ct))
            return;

        tx.Publish(new RectificationOpened(taskId, score.PlanId, score.OrgCode, score.RegionCode, score.Score, now, dueAt));
        NoticeRequests.Ask(tx, taskId, NoticeKind.Rectification, score.OrgCode, score.OrgName, score.RegionCode, score.PlanId,
            $"认定计划系统评分{score.Score}分，低于{PassingScore}分，限期一个月整改", now, score, dueAt);
        await WarningStore.RaiseAsync(tx, new WarningInput(score.PlanId, score.OrgCode, score.RegionCode, WarningLevel.Orange, "score-below-60",
            $"认定计划最终评分{score.Score}分，低于{PassingScore}分，已下达整改任务，{ShanghaiTime.Day(dueAt.AddTicks(-1)):yyyy-MM-dd}前完成"), "alerts", now, ct);
    }

    /// <summary>The org hands in its rectification; only an open task takes a submission.</summary>
    public async Task<StepRefusal> SubmitAsync(MessagingTransaction tx, RectificationView task, DateTimeOffset submittedAt, string summary, CancellationToken ct)
    {
        if (task.Status != "open")
            return StepRefusal.WrongState;
        await RectificationStore.SubmittedAsync(tx, task.TaskId, submittedAt, summary, ct);
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
        await RectificationStore.ReviewedAsync(tx, task.TaskId, outcome, reviewedAt, reviewer, ct);
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
        await RectificationStore.OverdueAsync(tx, task.TaskId, ct);
        tx.Publish(new RectificationOverdue(task.TaskId, task.PlanId, task.OrgCode, task.DueAt, now));
        await catalogue.SuspendAsync(tx, task.OrgCode, task.RegionCode, task.PlanId,
            $"逾期未完成整改（认定计划{task.PlanId}，期限{ShanghaiTime.Day(task.DueAt.AddTicks(-1)):yyyy-MM-dd}），暂停评价活动", "sweeper", now, ct);
    }
}
