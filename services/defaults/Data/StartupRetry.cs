using Microsoft.Extensions.Logging;
using Monitoring.ServiceDefaults.Requests;

namespace Monitoring.ServiceDefaults.Data;

/// <summary>
/// Start-up work against the database (migrations, the shipped default policy, resealing secrets) outlives a database
/// that is restarting or failing over: while the failure says the database is out of reach
/// (<see cref="DependencyUnavailable.Dependency"/>), it is logged as a warning and tried again, waiting 0.25 s and
/// doubling up to 5 s, for at most <see cref="DatabaseOptions.StartupPatience"/>. Any other failure, or one that lasts
/// longer, is thrown: the service then fails to start, as it should.
/// </summary>
public static class StartupRetry
{
    static readonly TimeSpan FirstWait = TimeSpan.FromMilliseconds(250);
    static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(string what, TimeSpan patience, TimeProvider time, ILogger logger, Func<CancellationToken, Task> work,
        CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var wait = FirstWait;
        while (true)
        {
            try
            {
                await work(ct);
                return;
            }
            catch (Exception ex) when (DependencyUnavailable.Dependency(ex) is { } dependency && !ct.IsCancellationRequested
                                       && time.GetElapsedTime(started) + wait < patience)
            {
                logger.LogWarning("{What}: the {Dependency} is unavailable ({Reason}); trying again in {Wait}", what, dependency,
                    ex.GetBaseException().Message, wait);
                await Task.Delay(wait, time, ct);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestWait.Ticks));
            }
        }
    }
}
