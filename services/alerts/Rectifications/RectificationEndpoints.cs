using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.OpenApi;
using Monitoring.ServiceDefaults.Messaging;
using Monitoring.ServiceDefaults.Requests;
using Npgsql;

namespace Monitoring.Alerts.Rectifications;

/// <summary>API.md's rectification endpoints: the org submits (platform), the center of the task's region reviews.</summary>
public static class RectificationEndpoints
{
    public sealed record SubmissionRequest(DateTimeOffset? SubmittedAt, string? Summary);

    public sealed record ReviewRequest(string? Outcome, DateTimeOffset? ReviewedAt, string? Reviewer);

    public static void MapRectificationEndpoints(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/v1/rectifications").WithTags("Rectifications");
        tasks.MapGet("", ListAsync).WithName("ListRectifications").RequireAuthorization(AccessPolicies.AnyKey);
        tasks.MapPost("/{taskId}/submission", SubmitAsync).WithName("SubmitRectification").RequireAuthorization(AccessPolicies.Platform)
            .DescribeBody<SubmissionRequest>("application/json");
        tasks.MapPost("/{taskId}/review", ReviewAsync).WithName("ReviewRectification").RequireAuthorization(AccessPolicies.Center)
            .DescribeBody<ReviewRequest>("application/json");
    }

    /// <summary><c>?org=S0001</c>: an org's tasks; a center sees only those of its jurisdiction.</summary>
    static async Task<Ok<IReadOnlyList<RectificationView>>> ListAsync(string? org, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await RectificationStore.ListAsync(connection, org, AccessPolicies.CenterRegion(http.User), ct));
    }

    static async Task<Results<Ok<RectificationView>, ValidationProblem, JsonRefusal, NotFoundProblem, ConflictProblem>> SubmitAsync(Guid taskId,
        HttpContext http, ReliableMessaging messaging, RectificationService rectifications, TimeProvider time)
    {
        var (request, refusal) = await JsonBody.ReadAsync<SubmissionRequest>(http);
        if (request is null)
            return refusal!;
        var errors = new FieldErrors();
        var check = new Check(errors, "", ShanghaiTime.Day(time.GetUtcNow()));
        check.Time(request.SubmittedAt, "submittedAt");
        check.Paragraph(request.Summary, "summary", 4000);
        if (errors.Any)
            return Problems.Invalid(http, errors, "The submission has invalid fields");

        var ct = http.RequestAborted;
        await using var tx = await messaging.BeginAsync(ct);
        var task = await RectificationStore.LockAsync(tx, taskId, ct);
        if (task is null)
            return NotFound(http, taskId);
        if (await rectifications.SubmitAsync(tx, task, request.SubmittedAt!.Value, request.Summary!, ct) != StepRefusal.None)
            return WrongState(http, task, "submitted");
        await tx.CommitAsync(ct);
        return TypedResults.Ok(task with { Status = "submitted", SubmittedAt = request.SubmittedAt, Summary = request.Summary });
    }

    static async Task<Results<Ok<RectificationView>, ValidationProblem, JsonRefusal, NotFoundProblem, OutsideJurisdiction, ConflictProblem>> ReviewAsync(
        Guid taskId, HttpContext http, ReliableMessaging messaging, RectificationService rectifications, TimeProvider time)
    {
        var (request, refusal) = await JsonBody.ReadAsync<ReviewRequest>(http);
        if (request is null)
            return refusal!;
        var errors = new FieldErrors();
        var check = new Check(errors, "", ShanghaiTime.Day(time.GetUtcNow()));
        check.OneOf(request.Outcome, "outcome", EnumText.Values<RectificationOutcome>());
        check.Time(request.ReviewedAt, "reviewedAt");
        check.Text(request.Reviewer, "reviewer", 100);
        if (errors.Any)
            return Problems.Invalid(http, errors, "The review has invalid fields");

        var ct = http.RequestAborted;
        await using var tx = await messaging.BeginAsync(ct);
        var task = await RectificationStore.LockAsync(tx, taskId, ct);
        if (task is null)
            return NotFound(http, taskId);
        if (!AccessPolicies.MayAct(http.User, task.RegionCode))
            return new OutsideJurisdiction(task.RegionCode);
        var outcome = EnumText.Parse<RectificationOutcome>(request.Outcome!);
        if (await rectifications.ReviewAsync(tx, task, outcome, request.ReviewedAt!.Value, request.Reviewer!, AccessPolicies.Actor(http.User),
                time.GetUtcNow(), ct) != StepRefusal.None)
            return WrongState(http, task, request.Outcome!);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(task with { Status = request.Outcome!, ReviewedAt = request.ReviewedAt, Reviewer = request.Reviewer });
    }

    static NotFoundProblem NotFound(HttpContext http, Guid id) => Problems.NotFound(http, "No such rectification task", $"There is no task {id}.");

    static ConflictProblem WrongState(HttpContext http, RectificationView task, string step) => Problems.Conflict(http, "conflict",
        "The task does not allow this step", $"Task {task.TaskId} is {task.Status}; it cannot be {step} now.");
}
