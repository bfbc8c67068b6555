using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Monitoring.Scoring.Plans;

/// <summary>
/// Hourly: drops the message ledgers (<c>plan_messages</c>) of plans final for longer than
/// <see cref="ScoringOptions.PlanLedgerRetention"/>; a final plan's count is never compared again.
/// </summary>
public sealed class LedgerPurge(NpgsqlDataSource dataSource, TimeProvider time, IOptions<ScoringOptions> options, ILogger<LedgerPurge> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                var dropped = await PurgeAsync(time.GetUtcNow() - options.Value.PlanLedgerRetention, stoppingToken);
                if (dropped > 0)
                    logger.LogInformation("Dropped {Count} ledger rows of plans final for {Retention}", dropped, options.Value.PlanLedgerRetention);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Dropping plan ledgers failed; trying again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
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
