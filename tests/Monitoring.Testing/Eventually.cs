using System.Diagnostics;

namespace Monitoring.Testing;

/// <summary>
/// Waits for a condition that messages make true asynchronously. The deadline only bounds a hang; a
/// failure reports the last value seen, so the test says what it found, not just that time ran out.
/// </summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? within = null, Func<string>? context = null)
    {
        var deadline = within ?? TimeSpan.FromSeconds(60);
        var clock = Stopwatch.StartNew();
        T last;
        do
        {
            last = await probe();
            if (done(last))
                return last;
            await Task.Delay(100);
        }
        while (clock.Elapsed < deadline);
        throw new TimeoutException($"Waited {deadline.TotalSeconds:0} s for {what}; last saw: {last}{(context is null ? "" : "\n" + context())}");
    }
}
