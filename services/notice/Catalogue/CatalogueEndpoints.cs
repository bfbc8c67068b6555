using Npgsql;

namespace Monitoring.Notice.Catalogue;

/// <summary>
/// The public list (信息公示) of evaluation organizations suspended or revoked, with their history: readable
/// by anyone, without a key, as the notice requires the revocations to be made public.
/// </summary>
public static class CatalogueEndpoints
{
    public static void MapCatalogueEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/public/catalogue-actions", async (NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            return await CatalogueStore.SuspendedOrRevokedAsync(connection, ct);
        }).WithName("PublicCatalogueActions").WithTags("Public").AllowAnonymous();
}
