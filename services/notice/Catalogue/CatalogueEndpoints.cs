using Dapper;
using Npgsql;
using Monitoring.ServiceDefaults.Data;

namespace Monitoring.Notice.Catalogue;

/// <summary>
/// The public list (信息公示) of evaluation organizations suspended or revoked, with their history: readable
/// by anyone, without a key, as the notice requires the revocations to be made public.
/// </summary>
public static class CatalogueEndpoints
{
    public sealed record CatalogueAction(DateTimeOffset At, string From, string To, string Reason, string? PlanId);

    public sealed record CatalogueEntry(string OrgCode, string Status, bool InCatalogue, IReadOnlyList<CatalogueAction> History);

    public static void MapCatalogueEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/public/catalogue-actions", async (NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var connection = await db.OpenConnectionAsync(ct);
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
        }).WithName("PublicCatalogueActions").WithTags("Public").AllowAnonymous();

    sealed record Row(string OrgCode, string FromStatus, string ToStatus, string Reason, string? PlanId, DateTime ChangedAt);
}
