using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Messaging;
using Npgsql;

namespace Monitoring.Scoring.Plans;

public static class ScoreEndpoints
{
    public static void MapScoreEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/plans/{planId}/score", GetAsync)
            .WithName("GetPlanScore")
            .RequireAuthorization(AccessPolicies.AnyKey)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>The latest score of a plan, in the shape of API.md.</summary>
    static async Task<IResult> GetAsync(string planId, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ScoreRow>(new CommandDefinition(
            """
            SELECT plan_id AS PlanId, score AS Score, status AS Status, policy_version AS PolicyVersion,
                   indicators::text AS Indicators, scored_at AS ScoredAt, p.region_code AS RegionCode
            FROM plan_scores s JOIN plans p USING (plan_id) WHERE plan_id = @planId
            """, new { planId }, cancellationToken: cancellationToken));
        if (row is null)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No score for this plan yet",
                detail: $"Plan {planId} has not been scored.");
        if (!AccessPolicies.MayAct(user, row.RegionCode))
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The plan is outside your jurisdiction",
                detail: $"Plan {planId} is held in region {row.RegionCode}.");

        var indicators = JsonSerializer.Deserialize<List<IndicatorScore>>(row.Indicators, ContractSerialization.Options) ?? [];
        return Results.Ok(new
        {
            planId = row.PlanId,
            score = row.Score,
            status = row.Status,
            policyVersion = row.PolicyVersion,
            scoredAt = row.ScoredAt,
            indicators,
        });
    }

    sealed record ScoreRow(string PlanId, decimal Score, string Status, string PolicyVersion, string Indicators, DateTime ScoredAt, string RegionCode);
}
