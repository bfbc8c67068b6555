using Dapper;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Ingest.Keys;

/// <summary>
/// Issues and revokes API keys. Ingest's table and the announcement to the other services commit in one
/// transaction (the outbox), so no service is left out.
/// </summary>
public sealed class KeyIssuer(ReliableMessaging messaging, ApiKeyStore store, TimeProvider time)
{
    public static void Validate(KeyRequest request, Check check)
    {
        check.Text(request.Name, "name", 100);
        check.OneOf(request.Role, "role", "platform", "center", "operator");
        if (request.Role == "center")
            check.Region(request.Region, "region");
        else if (request.Region is not null && request.Role is not null)
            check.Fail("region", "only for the center role");
    }

    public async Task<CreatedKey> IssueAsync(KeyRequest request, CancellationToken cancellationToken)
    {
        var key = ApiKeys.Generate();
        var issued = new ApiKeyIssued(Guid.CreateVersion7(), request.Name!, Enum.Parse<AccessRole>(request.Role!, ignoreCase: true),
            request.Region, ApiKeys.Hash(key), time.GetUtcNow());
        await using var tx = await messaging.BeginAsync(cancellationToken);
        await ApiKeyStore.SaveAsync(tx.Connection, tx.Transaction, issued, cancellationToken);
        tx.Publish(issued);
        await tx.CommitAsync(cancellationToken);
        return new CreatedKey(issued.KeyId, issued.Name, request.Role!, issued.RegionCode, key);
    }

    /// <summary>False when there is no such key.</summary>
    public async Task<bool> RevokeAsync(Guid keyId, CancellationToken cancellationToken)
    {
        await using var tx = await messaging.BeginAsync(cancellationToken);
        var row = await tx.Connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition("""
            SELECT key_id AS KeyId, name AS Name, role AS Role, region_code AS RegionCode, key_hash AS KeyHash, issued_at AS IssuedAt
            FROM api_keys WHERE key_id = @keyId FOR UPDATE
            """, new { keyId }, tx.Transaction, cancellationToken: cancellationToken));
        if (row is null)
            return false;

        var revoked = new ApiKeyRevoked(row.KeyId, row.Name, Enum.Parse<AccessRole>(row.Role, ignoreCase: true), row.RegionCode,
            row.KeyHash, UtcDateTimeOffsetHandler.FromDatabase(row.IssuedAt), time.GetUtcNow());
        await ApiKeyStore.RevokeAsync(tx.Connection, tx.Transaction, revoked, cancellationToken);
        tx.Publish(revoked);
        await tx.CommitAsync(cancellationToken);
        // This instance stops accepting the key now; the others when ApiKeyRevoked reaches them or their cache expires.
        store.Forget(row.KeyHash);
        return true;
    }

    public async Task<IReadOnlyList<KeySummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var tx = await messaging.BeginAsync(cancellationToken);
        var rows = await tx.Connection.QueryAsync<SummaryRow>(new CommandDefinition("""
            SELECT key_id AS KeyId, name AS Name, role AS Role, region_code AS Region, issued_at AS IssuedAt, revoked_at AS RevokedAt
            FROM api_keys ORDER BY issued_at
            """, transaction: tx.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => new KeySummary(r.KeyId, r.Name, r.Role, r.Region, UtcDateTimeOffsetHandler.FromDatabase(r.IssuedAt),
            UtcDateTimeOffsetHandler.FromDatabase(r.RevokedAt))).ToList();
    }

    // Npgsql reads timestamptz as a UTC DateTime; Dapper matches constructors by exact type.
    sealed record KeyRow(Guid KeyId, string Name, string Role, string? RegionCode, string KeyHash, DateTime IssuedAt);

    sealed record SummaryRow(Guid KeyId, string Name, string Role, string? Region, DateTime IssuedAt, DateTime? RevokedAt);
}
