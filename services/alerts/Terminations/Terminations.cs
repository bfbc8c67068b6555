using System.Security.Claims;
using Dapper;
using Monitoring.Alerts.Warnings;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults.Messaging;
using Npgsql;
using Monitoring.ServiceDefaults.Data;

namespace Monitoring.Alerts.Terminations;

/// <summary>
/// Plan terminations scoring recommends (non-qualifying applicants ≥ 1/3 of the sample): a red warning at
/// once, and a decision the center of the plan's region takes. A confirmed termination asks notice for a
/// plan-termination notice.
/// </summary>
public static class Terminations
{
    public sealed record Decision(bool? Confirm, string? Reason);

    /// <summary>A reason is a paragraph of the plan-termination notice.</summary>
    public const int MaxReason = 2000;

    public sealed record TerminationView(string PlanId, string OrgCode, string RegionCode, int Sampled, int NonQualifying,
        DateTimeOffset RecommendedAt, string Status, string? DecidedBy, DateTimeOffset? DecidedAt);

    public static async Task RecommendAsync(MessagingTransaction tx, PlanTerminationRecommended m, DateTimeOffset now, CancellationToken ct)
    {
        await Orgs.OrgCatalogue.EnsureAsync(tx, m.OrgCode, null, now, ct);
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO terminations (plan_id, org_code, region_code, sampled, non_qualifying, recommended_at, status)
            VALUES (@PlanId, @OrgCode, @RegionCode, @Sampled, @NonQualifying, @RecommendedAt, 'pending')
            ON CONFLICT (plan_id) DO NOTHING
            """, m, tx.Transaction, cancellationToken: ct));
        await WarningStore.RaiseAsync(tx, new WarningInput(m.PlanId, m.OrgCode, m.RegionCode, WarningLevel.Red, "plan-termination-recommended",
            $"资格审核抽查{m.Sampled}人中{m.NonQualifying}人不符合报名条件，达到1/3，建议终止或退回认定计划，待属地评价中心确认"), "alerts", now, ct);
    }

    public static void MapTerminationEndpoints(this IEndpointRouteBuilder app)
    {
        var terminations = app.MapGroup("/api/v1/terminations").WithTags("Terminations").RequireAuthorization(AccessPolicies.Center);
        terminations.MapGet("", ListAsync).WithName("ListTerminations");
        terminations.MapPost("/{planId}/decision", DecideAsync).WithName("DecideTermination")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    static async Task<IResult> ListAsync(ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            Select + " WHERE region_code LIKE @prefix ORDER BY recommended_at DESC",
            new { prefix = Jurisdiction.LikePattern(AccessPolicies.CenterRegion(user)) }, cancellationToken: ct));
        return Results.Ok(rows.Select(r => r.View()));
    }

    /// <summary><c>{"confirm": true}</c> terminates the plan; <c>false</c> rejects the recommendation.</summary>
    static async Task<IResult> DecideAsync(string planId, HttpContext http, ReliableMessaging messaging, TimeProvider time)
    {
        var (decision, refusal) = await JsonBody.ReadAsync<Decision>(http);
        if (decision is null)
            return refusal!;
        var errors = new FieldErrors();
        if (decision.Confirm is null)
            errors.Add("confirm", "true to terminate the plan, false to reject");
        new Check(errors, "", ShanghaiTime.Day(time.GetUtcNow())).OptionalParagraph(decision.Reason, "reason", MaxReason);
        if (errors.Any)
            return Problems.Invalid(http, errors, "The decision has invalid fields");
        var ct = http.RequestAborted;
        await using var tx = await messaging.BeginAsync(ct);
        var row = await tx.Connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE plan_id = @planId FOR UPDATE", new { planId }, tx.Transaction, cancellationToken: ct));
        if (row is null)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No termination recommended", detail: $"Nothing is pending for plan {planId}.");
        var termination = row.View();
        if (!AccessPolicies.MayAct(http.User, termination.RegionCode))
            return WarningEndpoints.Forbidden(termination.RegionCode);
        if (termination.Status != "pending")
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already decided", detail: $"The termination of {planId} is {termination.Status}.");

        var now = time.GetUtcNow();
        var confirm = decision.Confirm!.Value;
        var status = confirm ? "confirmed" : "rejected";
        var actor = WarningEndpoints.Actor(http);
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE terminations SET status = @status, decided_by = @actor, decided_at = @now WHERE plan_id = @planId",
            new { status, actor, now, planId }, tx.Transaction, cancellationToken: ct));
        if (confirm)
        {
            tx.Publish(new IssueNotice(Guid.CreateVersion7(now), NoticeKind.PlanTermination, termination.OrgCode, null, termination.RegionCode, planId, null, [],
                decision.Reason ?? $"资格审核抽查{termination.Sampled}人中{termination.NonQualifying}人不符合报名条件，达到抽查总数1/3，终止该认定计划", null, now));
        }
        await tx.CommitAsync(ct);
        return Results.Ok(termination with { Status = status, DecidedBy = actor, DecidedAt = now });
    }

    const string Select = """
        SELECT plan_id AS PlanId, org_code AS OrgCode, region_code AS RegionCode, sampled AS Sampled, non_qualifying AS NonQualifying,
               recommended_at AS RecommendedAt, status AS Status, decided_by AS DecidedBy, decided_at AS DecidedAt
        FROM terminations
        """;

    sealed record Row(string PlanId, string OrgCode, string RegionCode, int Sampled, int NonQualifying, DateTime RecommendedAt, string Status,
        string? DecidedBy, DateTime? DecidedAt)
    {
        public TerminationView View() => new(PlanId, OrgCode, RegionCode, Sampled, NonQualifying, UtcDateTimeOffsetHandler.FromDatabase(RecommendedAt),
            Status, DecidedBy, UtcDateTimeOffsetHandler.FromDatabase(DecidedAt));
    }
}
