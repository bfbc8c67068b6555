using Microsoft.Extensions.Options;
using Monitoring.ServiceDefaults.Data;
using Monitoring.Ingest.Publishing;

namespace Monitoring.Ingest.Idempotency;

/// <summary>
/// Hourly: drops stored answers older than <see cref="IngestOptions.IdempotencyRetention"/>, and the ledgers of plans
/// quiet for <see cref="IngestOptions.PlanLedgerRetention"/>.
/// </summary>
public sealed class IdempotencyPurge(IdempotencyStore store, PlanLedger ledger, TimeProvider time, IOptions<IngestOptions> options,
    ILogger<IdempotencyPurge> logger)
    : PeriodicPurge(time, logger)
{
    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override string What => "idempotency keys and plan ledgers";

    protected override async Task RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var purged = await store.PurgeAsync(now - options.Value.IdempotencyRetention, ct);
        if (purged > 0)
            Logger.LogInformation("Purged {Count} expired idempotency keys", purged);
        var dropped = await ledger.PurgeAsync(now - options.Value.PlanLedgerRetention, ct);
        if (dropped > 0)
            Logger.LogInformation("Dropped {Count} ledger rows of plans quiet for {Retention}", dropped, options.Value.PlanLedgerRetention);
    }
}
