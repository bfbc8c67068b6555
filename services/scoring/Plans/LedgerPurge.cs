using Dapper;
using Microsoft.Extensions.Options;
using Monitoring.ServiceDefaults.Data;
using Npgsql;

namespace Monitoring.Scoring.Plans;

/// <summary>
/// Hourly: drops the message ledgers (<c>plan_messages</c>) of plans final for longer than
/// <see cref="ScoringOptions.PlanLedgerRetention"/>; a final plan's count is never compared again.
/// </summary>
public sealed class LedgerPurge(NpgsqlDataSource dataSource, TimeProvider time, IOptions<ScoringOptions> options, ILogger<LedgerPurge> logger)
    : PeriodicPurge(time, logger)
{
    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override string What => "plan ledgers";

    protected override async Task RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var dropped = await PurgeAsync(now - options.Value.PlanLedgerRetention, ct);
        if (dropped > 0)
            Logger.LogInformation("Dropped {Count} ledger rows of plans final for {Retention}", dropped, options.Value.PlanLedgerRetention);
    }

    /// <summary>Drops the ledgers of plans final before <paramref name="before"/>; returns the rows dropped.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM plan_messages WHERE plan_id IN (SELECT plan_id FROM plan_closures WHERE final_from < @before)
            """, new { before }, cancellationToken: ct));
    }
}
