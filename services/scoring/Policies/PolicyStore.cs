using Dapper;
using Npgsql;
using Monitoring.ServiceDefaults.Data;

namespace Monitoring.Scoring.Policies;

/// <summary>Policies in scoring's schema: drafts, activations (from a given time) and their audit trail.</summary>
public sealed class PolicyStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>When the default policy is active from on a fresh database: before any plan.</summary>
    public static readonly DateTimeOffset Beginning = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Stores the shipped default policy: active on a fresh database; on a database that has policies already,
    /// a default of a version it does not know arrives as a draft, for an operator to compare (what-if) and
    /// activate. A start with a known version changes nothing.
    /// </summary>
    public async Task EnsureDefaultAsync(CancellationToken ct)
    {
        var document = DefaultPolicy.Document();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            WITH fresh AS (SELECT NOT EXISTS (SELECT 1 FROM policies) AS empty)
            INSERT INTO policies (version, document, status, uploaded_by, uploaded_at, active_from, activated_by, activated_at)
            SELECT @version, @document::jsonb, CASE WHEN empty THEN 'active' ELSE 'draft' END, 'default', @now,
                   CASE WHEN empty THEN @beginning END, CASE WHEN empty THEN 'default' END, CASE WHEN empty THEN @now END
            FROM fresh
            ON CONFLICT (version) DO NOTHING
            """, new { version = document.Version, document = DefaultPolicy.Json(), now = time.GetUtcNow(), beginning = Beginning }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<ActivePolicy>> ScheduleAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Version, DateTime ActiveFrom)>(new CommandDefinition(
            "SELECT version, active_from FROM policies WHERE status = 'active' ORDER BY active_from", cancellationToken: ct));
        return rows.Select(r => new ActivePolicy(r.Version, UtcDateTimeOffsetHandler.FromDatabase(r.ActiveFrom))).ToList();
    }

    public async Task<string?> DocumentAsync(string version, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT document::text FROM policies WHERE version = @version", new { version }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<PolicySummary>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition("""
            SELECT version AS Version, status AS Status, uploaded_by AS UploadedBy, uploaded_at AS UploadedAt,
                   active_from AS ActiveFrom, activated_by AS ActivatedBy
            FROM policies ORDER BY uploaded_at
            """, cancellationToken: ct));
        return rows.Select(r => new PolicySummary(r.Version, r.Status, r.UploadedBy, UtcDateTimeOffsetHandler.FromDatabase(r.UploadedAt),
            UtcDateTimeOffsetHandler.FromDatabase(r.ActiveFrom), r.ActivatedBy)).ToList();
    }

    /// <summary>Stores a validated draft; false when the version exists already (versions are never overwritten).</summary>
    public async Task<bool> SaveDraftAsync(PolicyDocument document, string json, string actor, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO policies (version, document, status, uploaded_by, uploaded_at) VALUES (@version, @json::jsonb, 'draft', @actor, @now)
            ON CONFLICT (version) DO NOTHING
            """, new { version = document.Version, json, actor, now }, tx, cancellationToken: ct));
        if (inserted == 0)
            return false;
        await AuditAsync(connection, tx, document.Version, "uploaded", actor, now, null, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Activates a draft from <paramref name="activeFrom"/>; false when there is no such draft.</summary>
    public async Task<bool> ActivateAsync(string version, DateTimeOffset activeFrom, string actor, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var updated = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE policies SET status = 'active', active_from = @activeFrom, activated_by = @actor, activated_at = @now
            WHERE version = @version AND status = 'draft'
            """, new { version, activeFrom, actor, now }, tx, cancellationToken: ct));
        if (updated == 0)
            return false;
        await AuditAsync(connection, tx, version, "activated", actor, now, $$"""{"activeFrom":"{{activeFrom:O}}"}""", ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task AuditAsync(string version, string action, string actor, string? detail, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await AuditAsync(connection, tx, version, action, actor, time.GetUtcNow(), detail, ct);
        await tx.CommitAsync(ct);
    }

    static Task AuditAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string version, string action, string actor, DateTimeOffset at, string? detail, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO policy_audit (version, action, actor, at, detail) VALUES (@version, @action, @actor, @at, @detail::jsonb)",
            new { version, action, actor, at, detail }, tx, cancellationToken: ct));

    sealed record SummaryRow(string Version, string Status, string UploadedBy, DateTime UploadedAt, DateTime? ActiveFrom, string? ActivatedBy);
}

public sealed record ActivePolicy(string Version, DateTimeOffset ActiveFrom);

public sealed record PolicySummary(string Version, string Status, string UploadedBy, DateTimeOffset UploadedAt, DateTimeOffset? ActiveFrom, string? ActivatedBy);
