using Dapper;
using Npgsql;

namespace Monitoring.Ingest.Idempotency;

/// <summary>
/// Idempotency keys in ingest's schema. A key is claimed before publishing and completed with the answer
/// after the broker confirmed; a failed request releases it so the retry is served afresh.
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    // Longer than the longest request (publish timeout plus a 10,000-item body), shorter than a client's patience.
    static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

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

    public async Task CompleteAsync(string caller, string key, int statusCode, string? body, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE idempotency_keys SET status_code = @statusCode, response_body = @body WHERE caller = @caller AND idempotency_key = @key",
            new { caller, key, statusCode, body }, cancellationToken: cancellationToken));
    }

    /// <summary>Gives the key back after a request that stored nothing (503), so the retry is served.</summary>
    public async Task ReleaseAsync(string caller, string key)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "DELETE FROM idempotency_keys WHERE caller = @caller AND idempotency_key = @key AND status_code IS NULL",
            new { caller, key });
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
