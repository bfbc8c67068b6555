using Microsoft.Extensions.Options;
using Monitoring.Ingest.Publishing;

namespace Monitoring.Ingest.Idempotency;

/// <summary>
/// Hourly: drops stored answers older than <see cref="IngestOptions.IdempotencyRetention"/>, and the ledgers of plans
/// quiet for <see cref="IngestOptions.PlanLedgerRetention"/>.
/// </summary>
public sealed class IdempotencyPurge(IdempotencyStore store, PlanLedger ledger, TimeProvider time, IOptions<IngestOptions> options,
    ILogger<IdempotencyPurge> logger)
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
                var dropped = await ledger.PurgeAsync(time.GetUtcNow() - options.Value.PlanLedgerRetention, stoppingToken);
                if (dropped > 0)
                    logger.LogInformation("Dropped {Count} ledger rows of plans quiet for {Retention}", dropped, options.Value.PlanLedgerRetention);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Purging idempotency keys or plan ledgers failed; trying again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
