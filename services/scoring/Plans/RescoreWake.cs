namespace Monitoring.Scoring.Plans;

/// <summary>
/// When the <see cref="RescoreWorker"/> looks at the queue again: at the next due time the queue holds (which the
/// worker reads after each drain), sooner if a rescore asked for in this replica comes due earlier, and at the poll
/// at the latest (requests other replicas write meanwhile). So a plan is scored at its due time, not at a poll, but
/// never sooner than a batch window after the worker went to sleep: due times a few milliseconds apart would otherwise
/// make a pass a plan, and at a peak the passes' own cost (a transaction, a policy session) would be the bottleneck.
/// </summary>
public sealed class RescoreWake(TimeProvider time)
{
    readonly Lock gate = new();
    // When the waiting worker wakes (MinValue while it is awake), and the earliest request not waited for yet.
    DateTimeOffset target = DateTimeOffset.MinValue;
    DateTimeOffset requested = DateTimeOffset.MaxValue;
    // The earliest the waiting worker may wake: the batch window after it went to sleep.
    DateTimeOffset floor = DateTimeOffset.MinValue;
    TaskCompletionSource sooner = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A rescore asked for in this replica, due at <paramref name="due"/>: wakes the worker then if it would sleep longer.</summary>
    public void At(DateTimeOffset due)
    {
        TaskCompletionSource woken;
        lock (gate)
        {
            if (due < requested)
                requested = due;
            if (due < floor)
                due = floor;
            if (due >= target)
                return;
            target = due;
            woken = sooner;
            sooner = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        woken.TrySetResult();
    }

    /// <summary>
    /// Waits until <paramref name="nextDue"/> (the queue's earliest due time, if it is in the future), the earliest
    /// <see cref="At"/> (made while the worker was awake, or during the wait), or <paramref name="poll"/>, whichever
    /// comes first, and <paramref name="window"/> at least.
    /// </summary>
    public async Task WaitAsync(TimeSpan poll, TimeSpan window, DateTimeOffset? nextDue, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            target = nextDue is { } due && due > now && due < now + poll ? due : now + poll;
            if (requested < target)
                target = requested;
            floor = now + window;
            if (target < floor)
                target = floor;
            requested = DateTimeOffset.MaxValue;
        }
        while (true)
        {
            TimeSpan wait;
            Task interrupted;
            lock (gate)
            {
                wait = target - time.GetUtcNow();
                if (wait <= TimeSpan.Zero)
                    break;
                interrupted = sooner.Task;
            }
            var elapsed = Task.Delay(wait, time, ct);
            if (await Task.WhenAny(elapsed, interrupted) == elapsed)
            {
                await elapsed; // throws when stopping
                break;
            }
            // A sooner request: wait again, for it.
        }
        lock (gate)
        {
            // Awake: the worker scores everything due now; requests due later, or made while it scores, are kept in
            // `requested` for the next wait.
            target = DateTimeOffset.MinValue;
            floor = DateTimeOffset.MinValue;
            if (requested <= time.GetUtcNow())
                requested = DateTimeOffset.MaxValue;
        }
    }
}
