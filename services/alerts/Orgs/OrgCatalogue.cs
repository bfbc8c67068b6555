using Dapper;
using Microsoft.Extensions.Options;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults;

namespace Monitoring.Alerts.Orgs;

/// <summary>
/// The org's place in the catalogue (目录清单): active → suspended → revoked. Every step is kept in the
/// org's history, announced (<see cref="OrgStatusChanged"/>) and asks notice for a written notice
/// (<see cref="IssueNotice"/>), in the transaction that caused it. A second suspension within
/// <see cref="AlertsOptions.RevocationWindowMonths"/> revokes the qualification.
/// </summary>
public sealed class OrgCatalogue(IOptions<AlertsOptions> options)
{
    /// <summary>Adds the org to the catalogue when first heard of, and keeps its name current.</summary>
    public static Task EnsureAsync(MessagingTransaction tx, string orgCode, string? orgName, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO orgs (org_code, org_name, status, updated_at) VALUES (@orgCode, @orgName, 'active', @now)
            ON CONFLICT (org_code) DO UPDATE SET org_name = coalesce(excluded.org_name, orgs.org_name)
            """, new { orgCode, orgName, now }, tx.Transaction, cancellationToken: ct));

    /// <summary>Suspends the org (a refused or failed rectification, or one overdue) and revokes it on a second suspension.</summary>
    public async Task SuspendAsync(MessagingTransaction tx, string orgCode, string regionCode, string? planId, string reason, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var org = await LockAsync(tx, orgCode, now, ct);
        if (org.Status == OrgStatus.Revoked)
            return;

        await ChangeAsync(tx, org, OrgStatus.Suspended, regionCode, planId, reason, actor, NoticeKind.Suspension, now, ct);
        var since = now.ToOffset(ShanghaiTime.Offset).AddMonths(-options.Value.RevocationWindowMonths);
        var suspensions = await tx.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM org_history WHERE org_code = @orgCode AND to_status = 'suspended' AND at > @since",
            new { orgCode, since }, tx.Transaction, cancellationToken: ct));
        if (suspensions >= 2)
        {
            await ChangeAsync(tx, org with { Status = OrgStatus.Suspended }, OrgStatus.Revoked, regionCode, planId,
                $"{options.Value.RevocationWindowMonths}个月内第二次暂停评价活动，取消评价资质并移出目录清单", actor, NoticeKind.Revocation, now, ct);
        }
    }

    /// <summary>Revokes the org's qualification (a confirmed fraud or question leak) and takes it off the catalogue.</summary>
    public async Task RevokeAsync(MessagingTransaction tx, string orgCode, string regionCode, string? planId, string reason, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var org = await LockAsync(tx, orgCode, now, ct);
        if (org.Status != OrgStatus.Revoked)
            await ChangeAsync(tx, org, OrgStatus.Revoked, regionCode, planId, reason, actor, NoticeKind.Revocation, now, ct);
    }

    public static async Task<OrgView?> FindAsync(Npgsql.NpgsqlConnection connection, string orgCode, CancellationToken ct)
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

    static async Task ChangeAsync(MessagingTransaction tx, Org org, OrgStatus to, string regionCode, string? planId, string reason, string actor,
        NoticeKind notice, DateTimeOffset now, CancellationToken ct)
    {
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE orgs SET status = @to, updated_at = @now WHERE org_code = @OrgCode;
            INSERT INTO org_history (org_code, at, from_status, to_status, reason, plan_id, actor) VALUES (@OrgCode, @now, @from, @to, @reason, @planId, @actor);
            """, new { org.OrgCode, to = Name(to), from = Name(org.Status), reason, planId, actor, now }, tx.Transaction, cancellationToken: ct));
        tx.Publish(new OrgStatusChanged(org.OrgCode, org.Status, to, reason, planId, now));
        tx.Publish(new IssueNotice(Guid.CreateVersion7(now), notice, org.OrgCode, org.OrgName, regionCode, planId, null, [], reason, null, now));
    }

    static async Task<Org> LockAsync(MessagingTransaction tx, string orgCode, DateTimeOffset now, CancellationToken ct)
    {
        await EnsureAsync(tx, orgCode, null, now, ct);
        var row = await tx.Connection.QuerySingleAsync<(string OrgCode, string? OrgName, string Status)>(new CommandDefinition(
            "SELECT org_code, org_name, status FROM orgs WHERE org_code = @orgCode FOR UPDATE", new { orgCode }, tx.Transaction, cancellationToken: ct));
        return new Org(row.OrgCode, row.OrgName, Enum.Parse<OrgStatus>(row.Status, ignoreCase: true));
    }

    static string Name(OrgStatus status) => EnumText.Of(status);

    sealed record Org(string OrgCode, string? OrgName, OrgStatus Status);

    sealed record HistoryRow(DateTime At, string FromStatus, string ToStatus, string Reason, string? PlanId, string Actor);
}

/// <summary>An org as <c>GET /api/v1/orgs/{orgCode}</c> shows it.</summary>
public sealed record OrgView(string OrgCode, string? OrgName, string Status, bool InCatalogue, IReadOnlyList<OrgHistoryEntry> History);

public sealed record OrgHistoryEntry(DateTimeOffset At, string From, string To, string Reason, string? PlanId, string Actor);
