using Microsoft.Extensions.Options;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Alerts.Rectifications;

/// <summary>
/// Finds rectification deadlines that passed (open or submitted, not reviewed) and makes those tasks
/// overdue, one transaction per task. Replicas sweep at once safely: a task another sweeper holds is
/// skipped (<c>FOR UPDATE SKIP LOCKED</c>), and the status check in the same statement means a task
/// is escalated once. Time comes from <see cref="TimeProvider"/>.
/// </summary>
public sealed class RectificationSweeper(
    ReliableMessaging messaging,
    RectificationService rectifications,
    TimeProvider time,
    IOptions<AlertsOptions> options,
    AlertsMetrics metrics,
    ILogger<RectificationSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundWork)
            return;
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The rectification sweep failed; trying again at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Escalates every task whose deadline passed; returns how many this sweeper escalated.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var escalated = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            await using var tx = await messaging.BeginAsync(ct);
            var task = await RectificationStore.ClaimOverdueAsync(tx, now, ct);
            if (task is null)
                return escalated;

            await rectifications.OverdueAsync(tx, task, now, ct);
            await tx.CommitAsync(ct);
            escalated++;
            metrics.Overdue.Inc();
            logger.LogWarning("Rectification {TaskId} of plan {PlanId} passed its deadline {DueAt}: org {OrgCode} suspended",
                task.TaskId, task.PlanId, task.DueAt, task.OrgCode);
        }
    }
}
