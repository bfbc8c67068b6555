using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Ingest.Keys;

/// <summary>
/// Issues and revokes API keys. Ingest's table and the announcement to the other services commit in one
/// transaction (the outbox), so no service is left out.
/// </summary>
public sealed class KeyIssuer(ReliableMessaging messaging, ApiKeyStore store, Npgsql.NpgsqlDataSource dataSource, TimeProvider time)
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
        var key = await ApiKeyStore.LockAsync(tx, keyId, cancellationToken);
        if (key is null)
            return false;

        var revoked = new ApiKeyRevoked(key.KeyId, key.Name, key.Role, key.RegionCode, key.KeyHash, key.IssuedAt, time.GetUtcNow());
        await ApiKeyStore.RevokeAsync(tx.Connection, tx.Transaction, revoked, cancellationToken);
        tx.Publish(revoked);
        await tx.CommitAsync(cancellationToken);
        // This instance stops accepting the key now; the others when ApiKeyRevoked reaches them or their cache expires.
        store.Forget(key.KeyHash);
        return true;
    }

    /// <summary>Every key issued, never the key itself. A read: no transaction.</summary>
    public async Task<IReadOnlyList<KeySummary>> ListAsync(CancellationToken cancellationToken) =>
        (await ApiKeyStore.ListAsync(dataSource, cancellationToken))
            .Select(k => new KeySummary(k.KeyId, k.Name, EnumText.Of(k.Role), k.RegionCode, k.IssuedAt, k.RevokedAt)).ToList();
}
