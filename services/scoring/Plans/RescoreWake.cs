namespace Monitoring.Scoring.Plans;

/// <summary>
/// Wakes this replica's <see cref="RescoreWorker"/> when a rescore asked for here comes due, so a plan is scored at
/// its due time instead of at the worker's next poll (which stays, for requests other replicas wrote and for the
/// final scorings after a closing's grace). Only the earliest due time is kept: the worker scores everything due
/// when it wakes, and the next wake is asked for by the next fact.
/// </summary>
public sealed class RescoreWake(TimeProvider time)
{
    readonly Lock gate = new();
    DateTimeOffset? earliest;
    TaskCompletionSource sooner = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Asks for the worker to look at <paramref name="due"/> (after the transaction asking for the rescore committed).</summary>
    public void At(DateTimeOffset due)
    {
        TaskCompletionSource woken;
        lock (gate)
        {
            if (earliest is { } known && known <= due)
                return;
            earliest = due;
            woken = sooner;
            sooner = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        // The waiting worker recomputes its wait with the sooner time.
        woken.TrySetResult();
    }

    /// <summary>Waits until the earliest due time asked for, or <paramref name="poll"/> at most.</summary>
    public async Task WaitAsync(TimeSpan poll, CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            Task interrupted;
            lock (gate)
            {
                var now = time.GetUtcNow();
                if (earliest is { } due && due <= now)
                {
                    earliest = null;
                    return;
                }
                wait = earliest is { } next && next - now < poll ? next - now : poll;
                interrupted = sooner.Task;
            }
            var elapsed = Task.Delay(wait, time, ct);
            if (await Task.WhenAny(elapsed, interrupted) == elapsed)
            {
                await elapsed; // throws when stopping
                lock (gate)
                {
                    if (earliest is { } due && due <= time.GetUtcNow())
                        earliest = null;
                }
                return;
            }
        }
    }
}
