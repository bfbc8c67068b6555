using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Alerts.Notices;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.OpenApi;
using Monitoring.ServiceDefaults.Messaging;
using Monitoring.ServiceDefaults.Requests;
using Npgsql;

namespace Monitoring.Alerts.Terminations;

/// <summary>
/// The center of a plan's region lists the recommended terminations and decides them: rejected, or confirmed as the plan
/// terminated or returned to its org (可直接终止或退回认定计划); a confirmed one asks for the notice of its outcome.
/// </summary>
public static class TerminationEndpoints
{
    /// <summary><c>outcome</c> (with <c>confirm: true</c>): <c>terminate</c> (the default) or <c>return</c>.</summary>
    public sealed record Decision(bool? Confirm, string? Reason, string? Outcome = null);

    /// <summary>A reason is a paragraph of the plan-termination notice.</summary>
    public const int MaxReason = 2000;

    public static void MapTerminationEndpoints(this IEndpointRouteBuilder app)
    {
        var terminations = app.MapGroup("/api/v1/terminations").WithTags("Terminations").RequireAuthorization(AccessPolicies.Center);
        terminations.MapGet("", ListAsync).WithName("ListTerminations");
        terminations.MapPost("/{planId}/decision", DecideAsync).WithName("DecideTermination").DescribeBody<Decision>("application/json");
    }

    static async Task<Ok<IReadOnlyList<TerminationView>>> ListAsync(HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await TerminationStore.ListAsync(connection, AccessPolicies.CenterRegion(http.User), ct));
    }

    /// <summary>
    /// <c>{"confirm": true}</c> terminates the plan, <c>{"confirm": true, "outcome": "return"}</c> returns it to its org;
    /// <c>false</c> rejects the recommendation.
    /// </summary>
    static async Task<Results<Ok<TerminationView>, ValidationProblem, JsonRefusal, NotFoundProblem, OutsideJurisdiction, ConflictProblem>> DecideAsync(
        string planId, HttpContext http, ReliableMessaging messaging, TimeProvider time)
    {
        var (decision, refusal) = await JsonBody.ReadAsync<Decision>(http);
        if (decision is null)
            return refusal!;
        var errors = new FieldErrors();
        if (decision.Confirm is null)
            errors.Add("confirm", "true to terminate or return the plan, false to reject");
        if (decision.Outcome is not (null or "terminate" or "return"))
            errors.Add("outcome", "terminate or return");
        else if (decision.Outcome is not null && decision.Confirm == false)
            errors.Add("outcome", "only with confirm: true");
        new Check(errors, "", ShanghaiTime.Day(time.GetUtcNow())).OptionalParagraph(decision.Reason, "reason", MaxReason);
        if (errors.Any)
            return Problems.Invalid(http, errors, "The decision has invalid fields");

        var ct = http.RequestAborted;
        await using var tx = await messaging.BeginAsync(ct);
        var termination = await TerminationStore.LockAsync(tx, planId, ct);
        if (termination is null)
            return Problems.NotFound(http, "No termination recommended", $"Nothing is pending for plan {planId}.");
        if (!AccessPolicies.MayAct(http.User, termination.RegionCode))
            return new OutsideJurisdiction(termination.RegionCode);
        if (termination.Status != "pending")
            return Problems.Conflict(http, "conflict", "Already decided", $"The termination of {planId} is {termination.Status}.");

        var now = time.GetUtcNow();
        var confirm = decision.Confirm!.Value;
        var status = confirm ? "confirmed" : "rejected";
        var returned = decision.Outcome == "return";
        var outcome = confirm ? (returned ? "returned" : "terminated") : null;
        var actor = AccessPolicies.Actor(http.User);
        await TerminationStore.DecideAsync(tx, planId, status, outcome, actor, now, ct);
        if (confirm)
        {
            var facts = $"资格审核抽查{termination.Sampled}人中{termination.NonQualifying}人不符合报名条件，达到抽查总数1/3";
            NoticeRequests.Ask(tx, Guid.CreateVersion7(now), returned ? NoticeKind.PlanReturn : NoticeKind.PlanTermination, termination.OrgCode, null,
                termination.RegionCode, planId, decision.Reason ?? (returned ? $"{facts}，退回该认定计划" : $"{facts}，终止该认定计划"), now);
        }
        await tx.CommitAsync(ct);
        return TypedResults.Ok(termination with { Status = status, DecidedBy = actor, DecidedAt = now, Outcome = outcome });
    }
}
