using Dapper;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;
using Npgsql;

namespace Monitoring.Alerts.Orgs;

/// <summary>An org as <c>GET /api/v1/orgs/{orgCode}</c> shows it.</summary>
public sealed record OrgView(string OrgCode, string? OrgName, string Status, bool InCatalogue, IReadOnlyList<OrgHistoryEntry> History);

public sealed record OrgHistoryEntry(DateTimeOffset At, string From, string To, string Reason, string? PlanId, string Actor);

/// <summary>An org's row, locked for a change of its status.</summary>
public sealed record LockedOrg(string OrgCode, string? OrgName, OrgStatus Status);

/// <summary>Alerts' tables of the catalogue: orgs and every change of their status.</summary>
public static class OrgStore
{
    /// <summary>Adds the org to the catalogue when first heard of, and keeps its name current.</summary>
    public static Task EnsureAsync(MessagingTransaction tx, string orgCode, string? orgName, DateTimeOffset now, CancellationToken ct) =>
        EnsureAsync(tx, [(orgCode, orgName)], now, ct);

    /// <summary>
    /// As above for many orgs, in one round trip. An org already known is neither written nor locked unless its name
    /// changed: thousands of scores a day name the same few hundred orgs, and batches of them run side by side.
    /// </summary>
    public static Task EnsureAsync(MessagingTransaction tx, IReadOnlyList<(string OrgCode, string? OrgName)> orgs, DateTimeOffset now, CancellationToken ct)
    {
        var rows = orgs.GroupBy(o => o.OrgCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (OrgCode: g.Key, OrgName: g.Select(o => o.OrgName).LastOrDefault(n => n is not null))).ToList();
        return tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO orgs (org_code, org_name, status, updated_at) SELECT c, n, 'active', @now FROM unnest(@codes, @names) AS o(c, n)
            ON CONFLICT (org_code) DO NOTHING;
            UPDATE orgs o SET org_name = x.n FROM unnest(@codes, @names) AS x(c, n)
            WHERE o.org_code = x.c AND x.n IS NOT NULL AND o.org_name IS DISTINCT FROM x.n;
            """, new { codes = rows.Select(r => r.OrgCode).ToArray(), names = rows.Select(r => r.OrgName).ToArray(), now }, tx.Transaction,
            cancellationToken: ct));
    }

    public static async Task<LockedOrg> LockAsync(MessagingTransaction tx, string orgCode, DateTimeOffset now, CancellationToken ct)
    {
        await EnsureAsync(tx, orgCode, null, now, ct);
        var row = await tx.Connection.QuerySingleAsync<(string OrgCode, string? OrgName, string Status)>(new CommandDefinition(
            "SELECT org_code, org_name, status FROM orgs WHERE org_code = @orgCode FOR UPDATE", new { orgCode }, tx.Transaction, cancellationToken: ct));
        return new LockedOrg(row.OrgCode, row.OrgName, EnumText.Parse<OrgStatus>(row.Status));
    }

    public static Task ChangeAsync(MessagingTransaction tx, LockedOrg org, OrgStatus to, string? planId, string reason, string actor, DateTimeOffset now,
        CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE orgs SET status = @to, updated_at = @now WHERE org_code = @OrgCode;
            INSERT INTO org_history (org_code, at, from_status, to_status, reason, plan_id, actor) VALUES (@OrgCode, @now, @from, @to, @reason, @planId, @actor);
            """, new { org.OrgCode, to = EnumText.Of(to), from = EnumText.Of(org.Status), reason, planId, actor, now }, tx.Transaction, cancellationToken: ct));

    public static Task<int> SuspensionsSinceAsync(MessagingTransaction tx, string orgCode, DateTimeOffset since, CancellationToken ct) =>
        tx.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM org_history WHERE org_code = @orgCode AND to_status = 'suspended' AND at > @since",
            new { orgCode, since }, tx.Transaction, cancellationToken: ct));

    public static async Task<OrgView?> FindAsync(NpgsqlConnection connection, string orgCode, CancellationToken ct)
    {
        var org = await connection.QuerySingleOrDefaultAsync<(string OrgCode, string? OrgName, string Status)>(new CommandDefinition(
            "SELECT org_code, org_name, status FROM orgs WHERE org_code = @orgCode", new { orgCode }, cancellationToken: ct));
        if (org.OrgCode is null)
            return null;
        var history = await connection.QueryAsync<HistoryRow>(new CommandDefinition("""
            SELECT at AS At, from_status AS FromStatus, to_status AS ToStatus, reason AS Reason, plan_id AS PlanId, actor AS Actor
            FROM org_history WHERE org_code = @orgCode ORDER BY id
            """, new { orgCode }, cancellationToken: ct));
        return new OrgView(org.OrgCode, org.OrgName, org.Status, org.Status != "revoked",
            history.Select(h => new OrgHistoryEntry(UtcDateTimeOffsetHandler.FromDatabase(h.At), h.FromStatus, h.ToStatus, h.Reason, h.PlanId, h.Actor)).ToList());
    }

    sealed record HistoryRow(DateTime At, string FromStatus, string ToStatus, string Reason, string? PlanId, string Actor);
}
