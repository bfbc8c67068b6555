using Microsoft.Extensions.Time.Testing;
using Monitoring.Scoring.Plans;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// The rescore worker's wait: until the queue's next due time, the earliest rescore asked for in this replica, or the
/// poll, whichever comes first, and the batch window at least.
/// </summary>
public sealed class RescoreWakeTests
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    readonly FakeTimeProvider time = new();
    readonly RescoreWake wake;

    public RescoreWakeTests() => wake = new RescoreWake(time);

    Task WaitAsync(DateTimeOffset? nextDue = null, TimeSpan window = default, CancellationToken ct = default) =>
        wake.WaitAsync(Poll, window, nextDue, ct);

    /// <summary>Moves the clock by <paramref name="after"/>: the wait must end exactly then, not a millisecond sooner.</summary>
    async Task EndsAfterAsync(Task wait, TimeSpan after)
    {
        time.Advance(after - Ms(1));
        Assert.False(wait.IsCompleted, $"the wait ended before {after.TotalMilliseconds} ms");
        time.Advance(Ms(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public Task Without_a_request_the_wait_is_the_poll() => EndsAfterAsync(WaitAsync(), Poll);

    [Fact]
    public async Task A_request_due_before_the_poll_ends_the_wait_at_its_due_time_even_when_asked_for_during_the_wait()
    {
        var wait = WaitAsync();
        time.Advance(Ms(50));
        wake.At(time.GetUtcNow() + Ms(100));
        await EndsAfterAsync(wait, Ms(100));

        // Served: the next wait is a full poll again.
        await EndsAfterAsync(WaitAsync(), Poll);
    }

    [Fact]
    public async Task A_request_already_due_returns_at_once_and_a_later_one_does_not_delay_an_earlier_one()
    {
        wake.At(time.GetUtcNow() + Ms(20));
        wake.At(time.GetUtcNow() + Ms(200));
        await EndsAfterAsync(WaitAsync(), Ms(20));

        wake.At(time.GetUtcNow() - Ms(1));
        Assert.True(WaitAsync().IsCompleted);
    }

    [Fact]
    public async Task The_queues_next_due_time_shortens_the_wait_and_one_already_past_does_not_spin_the_worker()
    {
        await EndsAfterAsync(WaitAsync(time.GetUtcNow() + Ms(100)), Ms(100));
        // Due but not claimable (another replica holds those plans): wait for the poll, do not spin.
        await EndsAfterAsync(WaitAsync(time.GetUtcNow() - TimeSpan.FromSeconds(1)), Poll);
    }

    [Fact]
    public async Task A_request_made_while_the_worker_scores_is_waited_for_next()
    {
        await EndsAfterAsync(WaitAsync(), Poll);
        // Awake (scoring): a fact asks for a rescore 30 ms from now.
        wake.At(time.GetUtcNow() + Ms(30));
        await EndsAfterAsync(WaitAsync(), Ms(30));
    }

    [Fact]
    public async Task Due_times_a_few_milliseconds_apart_wait_for_the_batch_window_so_they_are_scored_together()
    {
        // The queue's next turn is 2 ms away, and a fact asks for one 5 ms away during the wait: both wait for the window.
        var wait = WaitAsync(time.GetUtcNow() + Ms(2), window: Ms(50));
        wake.At(time.GetUtcNow() + Ms(5));
        await EndsAfterAsync(wait, Ms(50));
        // A turn due after the window is waited for exactly.
        await EndsAfterAsync(WaitAsync(time.GetUtcNow() + Ms(120), window: Ms(50)), Ms(120));
    }

    [Fact]
    public async Task Stopping_cancels_the_wait()
    {
        using var stopping = new CancellationTokenSource();
        var wait = WaitAsync(ct: stopping.Token);
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}
