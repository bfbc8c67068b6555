using Microsoft.Extensions.Options;
using Monitoring.Scoring.Policies;
using Monitoring.ServiceDefaults.Messaging;
using Prometheus;

namespace Monitoring.Scoring.Plans;

/// <summary>
/// Rescores plans whose <c>rescore_queue</c> time has come, one transaction per plan. Replicas share the
/// work: a plan whose row another replica holds is skipped (<c>SKIP LOCKED</c>). Locks are taken plan row
/// first, queue row second, the same order as the consumer of <c>PlanFiled</c>, so the two never deadlock.
/// A rule that throws leaves the plan's previous score, is logged and counted, and the plan is retried later.
/// </summary>
public sealed class RescoreWorker(
    ReliableMessaging messaging,
    PlanScorer scorer,
    PolicyStore policies,
    TimeProvider time,
    IOptions<ScoringOptions> options,
    ScoringMetrics metrics,
    ILogger<RescoreWorker> logger) : BackgroundService
{
    static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await policies.EnsureDefaultAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.RescorePollInterval, time);
        do
        {
            try
            {
                while (await ScoreDueAsync(stoppingToken) > 0)
                {
                    // Keep going while plans are due; the timer only paces an idle worker.
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The rescore worker failed; trying again at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Scores up to one page of due plans; returns how many it took.</summary>
    public async Task<int> ScoreDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<string> due;
        await using (var tx = await messaging.BeginAsync(ct))
        {
            due = [.. await RescoreQueue.DueAsync(tx, now, ct)];
            metrics.QueueDue.Set(due.Count);
        }

        var taken = 0;
        foreach (var planId in due)
        {
            if (await ScoreOneAsync(planId, now, ct))
                taken++;
        }
        return taken;
    }

    async Task<bool> ScoreOneAsync(string planId, DateTimeOffset now, CancellationToken ct)
    {
        using var timing = metrics.Duration.NewTimer();
        Exception? failure;
        await using (var tx = await messaging.BeginAsync(ct))
        {
            var plan = await PlanStore.TryLockAsync(tx, planId, ct);
            if (plan == PlanLock.HeldElsewhere)
                return false; // another replica is scoring it
            if (!await RescoreQueue.TakeAsync(tx, planId, now, ct))
                return false;

            try
            {
                // Facts of a plan not filed yet need no score: PlanFiled asks for one when it comes.
                if (plan == PlanLock.Locked)
                    await scorer.ScoreAsync(tx, planId, now, ct);
                await tx.CommitAsync(ct);
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failure = ex;
            }
        }

        // One plan that cannot be scored must not hold up the others: it waits a minute and the worker goes on.
        if (failure is RuleEvaluationException rule)
        {
            metrics.Failures.WithLabels(rule.PolicyVersion, rule.RuleId ?? "unknown").Inc();
            logger.LogError(rule, "Plan {PlanId} could not be scored: rule {RuleId} of policy {PolicyVersion} failed; the previous score stands",
                planId, rule.RuleId, rule.PolicyVersion);
        }
        else
        {
            metrics.Failures.WithLabels("", "").Inc();
            logger.LogError(failure, "Plan {PlanId} could not be scored; the previous score stands", planId);
        }
        await RetryLaterAsync(planId, now + RetryAfterFailure, ct);
        return true;
    }

    /// <summary>Moves the plan's turn later (the failed transaction left its queue row due now).</summary>
    async Task RetryLaterAsync(string planId, DateTimeOffset dueAt, CancellationToken ct)
    {
        await using var tx = await messaging.BeginAsync(ct);
        await RescoreQueue.RescheduleAsync(tx, planId, dueAt, ct);
        await tx.CommitAsync(ct);
    }
}
