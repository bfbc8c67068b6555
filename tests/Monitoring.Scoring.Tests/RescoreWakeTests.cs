using Microsoft.Extensions.Time.Testing;
using Monitoring.Scoring.Plans;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// The rescore worker's wait: until the queue's next due time, the earliest rescore asked for in this replica, or the
/// poll, whichever comes first.
/// </summary>
public sealed class RescoreWakeTests
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task Without_a_request_the_wait_is_the_poll()
    {
        var time = new FakeTimeProvider();
        var wait = new RescoreWake(time).WaitAsync(Poll, TimeSpan.Zero, null, CancellationToken.None);
        time.Advance(Poll - TimeSpan.FromMilliseconds(1));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_request_due_before_the_poll_ends_the_wait_at_its_due_time_even_when_asked_for_during_the_wait()
    {
        var time = new FakeTimeProvider();
        var wake = new RescoreWake(time);
        var wait = wake.WaitAsync(Poll, TimeSpan.Zero, null, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(50));
        wake.At(time.GetUtcNow() + TimeSpan.FromMilliseconds(100));
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));

        // Served: the next wait is a full poll again.
        var next = wake.WaitAsync(Poll, TimeSpan.Zero, null, CancellationToken.None);
        time.Advance(Poll - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_request_already_due_returns_at_once_and_a_later_one_does_not_delay_an_earlier_one()
    {
        var time = new FakeTimeProvider();
        var wake = new RescoreWake(time);
        wake.At(time.GetUtcNow() + TimeSpan.FromMilliseconds(20));
        wake.At(time.GetUtcNow() + TimeSpan.FromMilliseconds(200));
        var wait = wake.WaitAsync(Poll, TimeSpan.Zero, null, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(20));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));

        wake.At(time.GetUtcNow() - TimeSpan.FromMilliseconds(1));
        Assert.True(wake.WaitAsync(Poll, TimeSpan.Zero, null, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task The_queues_next_due_time_shortens_the_wait_and_one_already_past_does_not_spin_the_worker()
    {
        var time = new FakeTimeProvider();
        var wake = new RescoreWake(time);
        var wait = wake.WaitAsync(Poll, TimeSpan.Zero, time.GetUtcNow() + TimeSpan.FromMilliseconds(100), CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));

        // Due but not claimable (another replica holds those plans): wait for the poll, do not spin.
        var held = wake.WaitAsync(Poll, TimeSpan.Zero, time.GetUtcNow() - TimeSpan.FromSeconds(1), CancellationToken.None);
        time.Advance(Poll - TimeSpan.FromMilliseconds(1));
        Assert.False(held.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await held.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_request_made_while_the_worker_scores_is_waited_for_next()
    {
        var time = new FakeTimeProvider();
        var wake = new RescoreWake(time);
        var first = wake.WaitAsync(Poll, TimeSpan.Zero, null, CancellationToken.None);
        time.Advance(Poll);
        await first.WaitAsync(TimeSpan.FromSeconds(5));

        // Awake (scoring): a fact asks for a rescore 30 ms from now.
        wake.At(time.GetUtcNow() + TimeSpan.FromMilliseconds(30));
        var next = wake.WaitAsync(Poll, TimeSpan.Zero, null, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(29));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Due_times_a_few_milliseconds_apart_wait_for_the_batch_window_so_they_are_scored_together()
    {
        var time = new FakeTimeProvider();
        var wake = new RescoreWake(time);
        var window = TimeSpan.FromMilliseconds(50);
        // The queue's next turn is 2 ms away, and a fact asks for one 5 ms away during the wait: both wait for the window.
        var wait = wake.WaitAsync(Poll, window, time.GetUtcNow() + TimeSpan.FromMilliseconds(2), CancellationToken.None);
        wake.At(time.GetUtcNow() + TimeSpan.FromMilliseconds(5));
        time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));

        // A turn due after the window is waited for exactly.
        var later = wake.WaitAsync(Poll, window, time.GetUtcNow() + TimeSpan.FromMilliseconds(120), CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(119));
        Assert.False(later.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await later.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Stopping_cancels_the_wait()
    {
        var time = new FakeTimeProvider();
        using var stopping = new CancellationTokenSource();
        var wait = new RescoreWake(time).WaitAsync(Poll, TimeSpan.Zero, null, stopping.Token);
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}
