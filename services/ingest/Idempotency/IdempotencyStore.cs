using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Monitoring.Ingest.Idempotency;

/// <summary>
/// Idempotency keys in ingest's schema. A key is claimed before publishing and completed with the answer
/// after the broker confirmed; a failed request releases it so the retry is served afresh. The claim is a lease
/// that the serving request renews (<see cref="KeepLeased"/>): when the process serving it dies, the claim lapses
/// within <see cref="IngestOptions.IdempotencyLease"/> and the client's retry is served, instead of being told for
/// minutes that a request nobody serves any more is in progress.
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource, TimeProvider time, IOptions<IngestOptions> options, ILogger<IdempotencyStore> logger)
{
    TimeSpan Lease => options.Value.IdempotencyLease;

    public async Task<IdempotencyDecision> BeginAsync(string caller, string key, string requestHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var claimed = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO idempotency_keys (caller, idempotency_key, request_hash, lease_until, created_at)
            VALUES (@caller, @key, @requestHash, @leaseUntil, @now)
            ON CONFLICT (caller, idempotency_key) DO UPDATE
                SET request_hash = excluded.request_hash, lease_until = excluded.lease_until, created_at = excluded.created_at
                WHERE idempotency_keys.status_code IS NULL AND idempotency_keys.lease_until < @now
                  AND idempotency_keys.request_hash = excluded.request_hash
            """, new { caller, key, requestHash, leaseUntil = now + Lease, now }, cancellationToken: cancellationToken));
        if (claimed == 1)
            return new IdempotencyDecision.Proceed();

        var stored = await connection.QuerySingleOrDefaultAsync<StoredRow>(new CommandDefinition("""
            SELECT request_hash AS RequestHash, status_code AS StatusCode, response_body AS ResponseBody
            FROM idempotency_keys WHERE caller = @caller AND idempotency_key = @key
            """, new { caller, key }, cancellationToken: cancellationToken));
        return stored switch
        {
            null => new IdempotencyDecision.InProgress(),
            _ when stored.RequestHash != requestHash => new IdempotencyDecision.Mismatch(),
            { StatusCode: { } status } => new IdempotencyDecision.Replay(status, stored.ResponseBody),
            _ => new IdempotencyDecision.InProgress(),
        };
    }

    /// <summary>
    /// Remembers the answer to a key, after its request was served. When the database cannot be reached just then, the
    /// request still stands (its messages are with the broker): the claim lapses with its lease, and a retry is served
    /// afresh, sending the same facts again, which every consumer takes once.
    /// </summary>
    public Task CompleteAsync(string caller, string key, int statusCode, string? body, CancellationToken cancellationToken) =>
        BestEffortAsync("remember the answer to", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE idempotency_keys SET status_code = @statusCode, response_body = @body WHERE caller = @caller AND idempotency_key = @key",
                new { caller, key, statusCode, body }, cancellationToken: cancellationToken));
        });

    /// <summary>Renews the claim on a key every third of the lease until disposed (when its request ends).</summary>
    public IAsyncDisposable KeepLeased(string caller, string key) => new LeaseRenewal(ct => RenewAsync(caller, key, ct), Lease / 3, time, logger);

    async Task RenewAsync(string caller, string key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE idempotency_keys SET lease_until = @leaseUntil WHERE caller = @caller AND idempotency_key = @key AND status_code IS NULL",
            new { caller, key, leaseUntil = time.GetUtcNow() + Lease }, cancellationToken: cancellationToken));
    }

    sealed class LeaseRenewal : IAsyncDisposable
    {
        readonly CancellationTokenSource stop = new();
        readonly Task renewing;

        public LeaseRenewal(Func<CancellationToken, Task> renew, TimeSpan period, TimeProvider time, ILogger logger) =>
            renewing = RenewUntilStoppedAsync(renew, period, time, logger);

        async Task RenewUntilStoppedAsync(Func<CancellationToken, Task> renew, TimeSpan period, TimeProvider time, ILogger logger)
        {
            using var timer = new PeriodicTimer(period, time);
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    try
                    {
                        await renew(stop.Token);
                    }
                    catch (NpgsqlException ex)
                    {
                        // A lapsed lease lets a retry run beside this request: its facts are sent twice, which every
                        // consumer takes once. Better than failing a request the broker may already have confirmed.
                        logger.LogWarning(ex, "Could not renew the lease on an idempotency key; trying again");
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The request ended.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await renewing;
            stop.Dispose();
        }
    }

    /// <summary>
    /// Gives the key back after a request that stored nothing (503), so the retry is served; when the database cannot be
    /// reached, the claim lapses with its lease instead.
    /// </summary>
    public Task ReleaseAsync(string caller, string key) =>
        BestEffortAsync("release", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await connection.ExecuteAsync(
                "DELETE FROM idempotency_keys WHERE caller = @caller AND idempotency_key = @key AND status_code IS NULL",
                new { caller, key });
        });

    async Task BestEffortAsync(string what, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (NpgsqlException ex)
        {
            logger.LogWarning("Could not {What} an idempotency key ({Reason}); its claim lapses within {Lease}", what, ex.GetBaseException().Message, Lease);
        }
    }

    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM idempotency_keys WHERE created_at < @before AND (status_code IS NOT NULL OR lease_until < @before)",
            new { before }, cancellationToken: cancellationToken));
    }

    sealed record StoredRow(string RequestHash, int? StatusCode, string? ResponseBody);
}
