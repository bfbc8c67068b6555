using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Monitoring.Contracts;
using Npgsql;
using Monitoring.ServiceDefaults;

namespace Monitoring.ServiceDefaults.Access;

/// <summary>
/// The keys this service accepts: those in configuration and those in its own <c>api_keys</c> table, which
/// <see cref="ApiKeyIssued"/> and <see cref="ApiKeyRevoked"/> keep up to date. Found keys are cached for
/// <see cref="AccessOptions.CacheDuration"/>; unknown ones for <see cref="AccessOptions.UnknownKeyCacheDuration"/>, in a
/// cache of their own bounded by <see cref="AccessOptions.UnknownKeyCacheSize"/> (a full one stores no more: the
/// look-up then only costs a query). <see cref="Forget"/> drops a key from both.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource, IMemoryCache cache, IOptions<AccessOptions> options, AccessMetrics metrics) : IDisposable
{
    readonly Dictionary<string, AccessGrant> configured = options.Value.Keys.ToDictionary(
        k => k.Hash, k => new AccessGrant("config:" + k.Name, k.Name, k.Role, k.Region));

    readonly MemoryCache unknown = new(new MemoryCacheOptions { SizeLimit = options.Value.UnknownKeyCacheSize });

    // Counts Forget calls. A look-up caches its answer only if no key was forgotten while it queried: an answer read just
    // before an issue or a revocation committed must not outlive the Forget that followed the commit.
    long forgotten;

    public async Task<AccessGrant?> FindAsync(string keyHash, CancellationToken cancellationToken)
    {
        if (configured.TryGetValue(keyHash, out var grant))
            return grant;
        if (cache.TryGetValue(keyHash, out grant))
            return grant;
        if (unknown.TryGetValue(keyHash, out _))
            return null;

        var before = Interlocked.Read(ref forgotten);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            "SELECT key_id AS KeyId, name AS Name, role AS Role, region_code AS RegionCode FROM api_keys WHERE key_hash = @keyHash AND revoked_at IS NULL",
            new { keyHash }, cancellationToken: cancellationToken));
        metrics.Lookups.WithLabels(row is null ? "unknown" : "found").Inc();
        var current = Interlocked.Read(ref forgotten) == before;
        if (row is null)
        {
            if (current && options.Value.UnknownKeyCacheDuration > TimeSpan.Zero)
                unknown.Set(keyHash, true, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = options.Value.UnknownKeyCacheDuration, Size = 1 });
            return null;
        }

        grant = new AccessGrant(row.KeyId.ToString(), row.Name, Enum.Parse<AccessRole>(row.Role, ignoreCase: true), row.RegionCode);
        if (current)
            cache.Set(keyHash, grant, options.Value.CacheDuration);
        return grant;
    }

    /// <summary>Records an issued key; a repeat of the same key changes nothing.</summary>
    public static Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ApiKeyIssued key, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO api_keys (key_id, name, role, region_code, key_hash, issued_at)
            VALUES (@KeyId, @Name, @Role, @RegionCode, @KeyHash, @IssuedAt)
            ON CONFLICT (key_id) DO NOTHING
            """,
            new { key.KeyId, key.Name, Role = EnumText.Of(key.Role), key.RegionCode, key.KeyHash, key.IssuedAt },
            transaction, cancellationToken: cancellationToken));

    /// <summary>Records a revoked key, whether or not its issue arrived first.</summary>
    public static Task RevokeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ApiKeyRevoked key, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO api_keys (key_id, name, role, region_code, key_hash, issued_at, revoked_at)
            VALUES (@KeyId, @Name, @Role, @RegionCode, @KeyHash, @IssuedAt, @RevokedAt)
            ON CONFLICT (key_id) DO UPDATE SET revoked_at = coalesce(api_keys.revoked_at, excluded.revoked_at)
            """,
            new { key.KeyId, key.Name, Role = EnumText.Of(key.Role), key.RegionCode, key.KeyHash, key.IssuedAt, key.RevokedAt },
            transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Forgets what this instance cached of a key, found or unknown, at once; other instances when their cache expires.
    /// Call it after the change is committed, or a look-up in between caches the old answer again.
    /// </summary>
    public void Forget(string keyHash)
    {
        Interlocked.Increment(ref forgotten);
        cache.Remove(keyHash);
        unknown.Remove(keyHash);
    }

    /// <summary>A stored key, locked until the transaction ends (to revoke it); null when there is none.</summary>
    public static async Task<ApiKeyRecord?> LockAsync(Messaging.MessagingTransaction tx, Guid keyId, CancellationToken cancellationToken) =>
        (await tx.Connection.QuerySingleOrDefaultAsync<RecordRow>(new CommandDefinition(Select + " WHERE key_id = @keyId FOR UPDATE",
            new { keyId }, tx.Transaction, cancellationToken: cancellationToken)))?.Record();

    /// <summary>Every stored key, revoked ones included, oldest first.</summary>
    public static async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<RecordRow>(new CommandDefinition(Select + " ORDER BY issued_at", cancellationToken: cancellationToken)))
            .Select(r => r.Record()).ToList();
    }

    const string Select = """
        SELECT key_id AS KeyId, name AS Name, role AS Role, region_code AS RegionCode, key_hash AS KeyHash, issued_at AS IssuedAt, revoked_at AS RevokedAt
        FROM api_keys
        """;

    // Npgsql reads timestamptz as a UTC DateTime; Dapper matches constructors by exact type.
    sealed record RecordRow(Guid KeyId, string Name, string Role, string? RegionCode, string KeyHash, DateTime IssuedAt, DateTime? RevokedAt)
    {
        public ApiKeyRecord Record() => new(KeyId, Name, EnumText.Parse<AccessRole>(Role), RegionCode, KeyHash,
            Data.UtcDateTimeOffsetHandler.FromDatabase(IssuedAt), Data.UtcDateTimeOffsetHandler.FromDatabase(RevokedAt));
    }

    /// <summary>Stores a key issued at ingest; this instance forgets that it did not know the key once the transaction commits.</summary>
    public async Task ApplyIssueAsync(Messaging.MessagingTransaction tx, ApiKeyIssued key, CancellationToken cancellationToken)
    {
        await SaveAsync(tx.Connection, tx.Transaction, key, cancellationToken);
        tx.OnCommitted(() => Forget(key.KeyHash));
    }

    /// <summary>Stores a revocation announced by ingest; this instance forgets the key once the transaction commits.</summary>
    public async Task ApplyRevocationAsync(Messaging.MessagingTransaction tx, ApiKeyRevoked key, CancellationToken cancellationToken)
    {
        await RevokeAsync(tx.Connection, tx.Transaction, key, cancellationToken);
        tx.OnCommitted(() => Forget(key.KeyHash));
    }

    public void Dispose() => unknown.Dispose();

    sealed record KeyRow(Guid KeyId, string Name, string Role, string? RegionCode);
}

/// <summary>A key as stored: its hash, never the key.</summary>
public sealed record ApiKeyRecord(Guid KeyId, string Name, AccessRole Role, string? RegionCode, string KeyHash, DateTimeOffset IssuedAt,
    DateTimeOffset? RevokedAt);
