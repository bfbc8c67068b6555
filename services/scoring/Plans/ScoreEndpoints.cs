using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Requests;
using Npgsql;

namespace Monitoring.Scoring.Plans;

public static class ScoreEndpoints
{
    public static void MapScoreEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/plans/{planId}/score", GetAsync).WithName("GetPlanScore").WithTags("Scores").RequireAuthorization(AccessPolicies.AnyKey);

    /// <summary>The latest score of a plan, in the shape of API.md; a center reads only plans of its jurisdiction.</summary>
    static async Task<Results<Ok<PlanScoreView>, NotFoundProblem, OutsideJurisdiction>> GetAsync(string planId, HttpContext http, NpgsqlDataSource db,
        CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        if (await PlanStore.ScoreAsync(connection, planId, ct) is not { } found)
            return Problems.NotFound(http, "No score for this plan yet", $"Plan {planId} has not been scored.");
        if (!AccessPolicies.MayAct(http.User, found.RegionCode))
            return new OutsideJurisdiction(found.RegionCode);
        return TypedResults.Ok(found.Score);
    }
}
