using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Monitoring.ServiceDefaults.Data;

/// <summary>
/// Housekeeping that deletes what has outlived its retention: a round at start, then one every <see cref="Period"/>. A
/// round that fails is logged and the next tick tries again; the service goes on meanwhile.
/// </summary>
public abstract class PeriodicPurge(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected ILogger Logger { get; } = logger;

    /// <summary>Between two rounds.</summary>
    protected abstract TimeSpan Period { get; }

    /// <summary>What a round deletes, for the log line of a failed one ("idempotency keys and plan ledgers").</summary>
    protected abstract string What { get; }

    /// <summary>One round at <paramref name="now"/>; it logs what it deleted.</summary>
    protected abstract Task RunAsync(DateTimeOffset now, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, Time);
        do
        {
            try
            {
                await RunAsync(Time.GetUtcNow(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logger.LogWarning(ex, "Purging {What} failed; trying again in {Period}", What, Period);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
