using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.Scoring.Policies;
using Npgsql;

namespace Monitoring.Scoring.Plans;

public static class ScoreEndpoints
{
    public static void MapScoreEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/plans/{planId}/score", GetAsync).WithName("GetPlanScore").WithTags("Scores").RequireAuthorization(AccessPolicies.AnyKey);
        app.MapGet("/api/v1/plans/{planId}/score/explain", ExplainAsync).WithName("ExplainPlanScore").WithTags("Scores")
            .RequireAuthorization(AccessPolicies.Center);
    }

    /// <summary>
    /// Every rule of the policy in force on the plan's facts as they are now: whether its condition held, the points
    /// it deducts and the fact values it read. For operators and the center of the plan's region.
    /// </summary>
    static async Task<Results<Ok<PolicyExplanation>, NotFoundProblem, OutsideJurisdiction>> ExplainAsync(string planId, HttpContext http,
        NpgsqlDataSource db, PlanScorer scorer, TimeProvider time, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        if (await scorer.ExplainAsync(connection, planId, time.GetUtcNow(), ct) is not { } found)
            return Problems.NotFound(http, "No such plan", $"Plan {planId} has not been filed.");
        if (!AccessPolicies.MayAct(http.User, found.RegionCode))
            return new OutsideJurisdiction(found.RegionCode);
        return TypedResults.Ok(found.Explanation);
    }

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
