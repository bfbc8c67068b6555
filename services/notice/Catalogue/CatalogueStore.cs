using Dapper;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;
using Npgsql;
using Monitoring.ServiceDefaults;

namespace Monitoring.Notice.Catalogue;

/// <summary>Notice's copy of every change of an org's place in the catalogue, for the public list.</summary>
public static class CatalogueStore
{
    public static Task RecordAsync(MessagingTransaction tx, OrgStatusChanged change, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO catalogue_actions (org_code, from_status, to_status, reason, plan_id, changed_at)
            VALUES (@OrgCode, @from, @to, @Reason, @PlanId, @ChangedAt)
            """, new
        {
            change.OrgCode, from = EnumText.Of(change.From), to = EnumText.Of(change.To),
            change.Reason, change.PlanId, change.ChangedAt,
        }, tx.Transaction, cancellationToken: ct));

    /// <summary>Orgs suspended or revoked now, each with its whole history.</summary>
    public static async Task<IReadOnlyList<CatalogueEntry>> SuspendedOrRevokedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition("""
            SELECT org_code AS OrgCode, from_status AS FromStatus, to_status AS ToStatus, reason AS Reason, plan_id AS PlanId, changed_at AS ChangedAt
            FROM catalogue_actions ORDER BY org_code, changed_at, id
            """, cancellationToken: ct));
        return rows.GroupBy(r => r.OrgCode).Select(g =>
        {
            var history = g.Select(r => new CatalogueAction(UtcDateTimeOffsetHandler.FromDatabase(r.ChangedAt),
                r.FromStatus, r.ToStatus, r.Reason, r.PlanId)).ToList();
            var status = history[^1].To;
            return new CatalogueEntry(g.Key, status, status != "revoked", history);
        }).Where(e => e.Status != "active").ToList();
    }

    sealed record Row(string OrgCode, string FromStatus, string ToStatus, string Reason, string? PlanId, DateTime ChangedAt);
}

public sealed record CatalogueAction(DateTimeOffset At, string From, string To, string Reason, string? PlanId);

public sealed record CatalogueEntry(string OrgCode, string Status, bool InCatalogue, IReadOnlyList<CatalogueAction> History);
