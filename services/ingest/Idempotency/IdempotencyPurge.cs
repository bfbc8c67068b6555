using Microsoft.Extensions.Options;

namespace Monitoring.Ingest.Idempotency;

/// <summary>Drops stored answers older than <see cref="IngestOptions.IdempotencyRetention"/>, hourly.</summary>
public sealed class IdempotencyPurge(IdempotencyStore store, TimeProvider time, IOptions<IngestOptions> options, ILogger<IdempotencyPurge> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                var purged = await store.PurgeAsync(time.GetUtcNow() - options.Value.IdempotencyRetention, stoppingToken);
                if (purged > 0)
                    logger.LogInformation("Purged {Count} expired idempotency keys", purged);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Purging idempotency keys failed; trying again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
