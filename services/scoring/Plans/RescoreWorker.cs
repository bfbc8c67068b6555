using Microsoft.Extensions.Options;
using Monitoring.Scoring.Policies;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;
using Prometheus;

namespace Monitoring.Scoring.Plans;

/// <summary>
/// Rescores plans whose <c>rescore_queue</c> time has come, a batch of them a transaction (<c>Scoring:RescoreBatchSize</c>):
/// their plan rows are locked without waiting, so replicas share the work (a plan another replica holds is skipped),
/// their facts are loaded set-based and scored in one policy session (<see cref="PlanScorer"/>). Queue rows are only
/// touched at the end, version-checked (<see cref="RescoreQueue"/>), so fact writes asking for rescores never wait
/// for a batch being scored, and a request made meanwhile is never lost. A rule that throws on a plan leaves that plan's
/// previous score, is logged and counted, and that plan is retried later; the rest of the batch is stored. Any
/// other failure of a batch (the database refusing one plan's row) is isolated by scoring the batch one plan a
/// transaction, so one plan cannot hold up the others.
/// </summary>
public sealed class RescoreWorker(
    ReliableMessaging messaging,
    PlanScorer scorer,
    PolicyStore policies,
    RescoreWake wake,
    TimeProvider time,
    IOptions<ScoringOptions> options,
    ScoringMetrics metrics,
    IOptions<DatabaseOptions> database,
    ILogger<RescoreWorker> logger) : BackgroundService
{
    static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A database restarting as this replica starts is waited for; it must not stop the host.
        await StartupRetry.RunAsync("Storing the default policy", database.Value.StartupPatience, time, logger, policies.EnsureDefaultAsync,
            stoppingToken);
        while (true)
        {
            DateTimeOffset? nextDue = null;
            try
            {
                while (await ScoreDueAsync(stoppingToken) > 0)
                {
                    // Keep going while plans are due; the wait only paces an idle worker.
                }
                // A wait as short as the batch window cannot be shortened: no look-up for it (the defaults).
                if (options.Value.RescorePollInterval > options.Value.RescoreBatchWindow)
                    nextDue = await NextDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The rescore worker failed; trying again at the next poll");
            }
            // Until the queue's next turn comes due, a sooner one asked for in this replica, or the poll.
            await wake.WaitAsync(options.Value.RescorePollInterval, options.Value.RescoreBatchWindow, nextDue, stoppingToken);
        }
    }

    /// <summary>
    /// Dispatches and filings committed since the last turn: the org's later plans whose draws window holds them, and the
    /// plans certifying their staff, are due now (<see cref="Draws.DrawStore"/>). Read after those commits, so nothing a
    /// concurrent dispatch, filing or staffing wrote is missed.
    /// </summary>
    async Task ExpandDrawChangesAsync(CancellationToken ct)
    {
        await using var tx = await messaging.BeginAsync(ct);
        var later = await Draws.DrawStore.ExpandChangesAsync(tx, options.Value.ExaminerDrawWindow, ct);
        await RescoreQueue.EnqueueAsync(tx, later, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
    }

    async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var tx = await messaging.BeginAsync(ct);
        return await RescoreQueue.NextDueAsync(tx, ct);
    }

    /// <summary>Scores one batch of due plans; returns how many turns it took (0 when none was due or free).</summary>
    public async Task<int> ScoreDueAsync(CancellationToken ct)
    {
        await ExpandDrawChangesAsync(ct);
        var now = time.GetUtcNow();
        IReadOnlyList<string> claimed = [];
        try
        {
            return await ScoreAsync(now, options.Value.RescoreBatchSize, null, c => claimed = c, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && claimed.Count > 0)
        {
            if (claimed.Count == 1)
                return await FailedAsync(claimed[0], ex, now, ct);
            logger.LogWarning(ex, "A batch of {Count} plans could not be stored; scoring them one plan a transaction", claimed.Count);
            var taken = 0;
            foreach (var planId in claimed)
                taken += await ScoreOneAsync(planId, now, ct);
            return taken;
        }
    }

    async Task<int> ScoreOneAsync(string planId, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            return await ScoreAsync(now, 1, [planId], _ => { }, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await FailedAsync(planId, ex, now, ct);
        }
    }

    /// <summary>A plan that cannot be scored for a reason other than a rule: counted, logged, and tried again a minute later.</summary>
    async Task<int> FailedAsync(string planId, Exception failure, DateTimeOffset now, CancellationToken ct)
    {
        metrics.Failures.WithLabels("", "").Inc();
        logger.LogError(failure, "Plan {PlanId} could not be scored; the previous score stands", planId);
        await using var tx = await messaging.BeginAsync(ct);
        await RescoreQueue.RescheduleAsync(tx, [planId], now + RetryAfterFailure, ct);
        await tx.CommitAsync(ct);
        return 1;
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due plans (of <paramref name="only"/> when given) and scores them, in one
    /// transaction. Plan rows are locked with <c>SKIP LOCKED</c> and queue rows only at the very end (to remove the
    /// turns taken, if not asked for again meanwhile): fact writes never wait for a batch being scored.
    /// </summary>
    async Task<int> ScoreAsync(DateTimeOffset now, int limit, IReadOnlyList<string>? only, Action<IReadOnlyList<string>> onClaimed, CancellationToken ct)
    {
        using var timing = metrics.Duration.NewTimer();
        await using var tx = await messaging.BeginAsync(ct);
        var claimed = await RescoreQueue.ClaimAsync(tx, now, limit, only, ct);
        // Facts of a plan not filed yet need no score: PlanFiled asks for one when it comes.
        var unfiled = await RescoreQueue.UnfiledAsync(tx, now, limit, only, ct);
        onClaimed([.. claimed.Select(c => c.PlanId)]);
        if (only is null)
            metrics.QueueDue.Set(claimed.Count < limit ? claimed.Count : await RescoreQueue.CountDueAsync(tx, now, ct));
        if (claimed.Count + unfiled.Count == 0)
            return 0;

        var pass = await scorer.ScoreAsync(tx, [.. claimed.Select(c => c.PlanId)], now, ct, claimed.ToDictionary(c => c.PlanId, c => c.TraceParent));
        foreach (var (planId, failure) in pass.Failures)
        {
            metrics.Failures.WithLabels(failure.PolicyVersion, failure.RuleId ?? "unknown").Inc();
            logger.LogError(failure, "Plan {PlanId} could not be scored: rule {RuleId} of policy {PolicyVersion} failed; the previous score stands",
                planId, failure.RuleId, failure.PolicyVersion);
        }
        // One plan that cannot be scored must not hold up the others: it waits a minute and the worker goes on.
        if (pass.Failures.Count > 0)
            await RescoreQueue.RescheduleAsync(tx, [.. pass.Failures.Select(f => f.PlanId)], now + RetryAfterFailure, ct);
        await RescoreQueue.RemoveAsync(tx, [.. claimed, .. unfiled], ct);
        await RescoreQueue.EnqueueAsync(tx, [.. pass.Next.Select(n => (n.PlanId, n.DueAt, (string?)null))], ct);
        await tx.CommitAsync(ct);
        if (claimed.Count > 0)
            metrics.BatchPlans.Observe(claimed.Count);
        return claimed.Count + unfiled.Count;
    }
}
