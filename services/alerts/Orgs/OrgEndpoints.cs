using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Requests;
using Npgsql;

namespace Monitoring.Alerts.Orgs;

/// <summary>
/// An org's catalogue entry: public information (信息公示), so any valid key reads any org whatever its
/// center's region; notice's keyless public list shows the same steps.
/// </summary>
public static class OrgEndpoints
{
    public static void MapOrgEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/orgs/{orgCode}", GetAsync).WithName("GetOrg").WithTags("Orgs").RequireAuthorization(AccessPolicies.AnyKey);

    static async Task<Results<Ok<OrgView>, NotFoundProblem>> GetAsync(string orgCode, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await OrgStore.FindAsync(connection, orgCode, ct) is { } org
            ? TypedResults.Ok(org)
            : Problems.NotFound(http, "No such org", $"Org {orgCode} is not known to the platform.");
    }
}
