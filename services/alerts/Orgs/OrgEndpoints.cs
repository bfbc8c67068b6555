using Monitoring.ServiceDefaults.Access;
using Npgsql;

namespace Monitoring.Alerts.Orgs;

public static class OrgEndpoints
{
    public static void MapOrgEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/orgs/{orgCode}", async (string orgCode, NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            return await OrgCatalogue.FindAsync(connection, orgCode, ct) is { } org
                ? Results.Ok(org)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such org", detail: $"Org {orgCode} is not known to the platform.");
        }).WithName("GetOrg").WithTags("Orgs").RequireAuthorization(AccessPolicies.AnyKey);
}
