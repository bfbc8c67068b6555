using System.Security.Claims;
using Monitoring.Alerts.Warnings;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults.Messaging;
using Npgsql;

namespace Monitoring.Alerts.Rectifications;

/// <summary>API.md's rectification endpoints: the org submits (platform), the center of the task's region reviews.</summary>
public static class RectificationEndpoints
{
    public sealed record SubmissionRequest(DateTimeOffset? SubmittedAt, string? Summary);

    public sealed record ReviewRequest(string? Outcome, DateTimeOffset? ReviewedAt, string? Reviewer);

    public static void MapRectificationEndpoints(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/v1/rectifications").WithTags("Rectifications")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        tasks.MapGet("", ListAsync).WithName("ListRectifications").RequireAuthorization(AccessPolicies.AnyKey);
        tasks.MapPost("/{taskId:guid}/submission", SubmitAsync).WithName("SubmitRectification").RequireAuthorization(AccessPolicies.Platform)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapPost("/{taskId:guid}/review", ReviewAsync).WithName("ReviewRectification").RequireAuthorization(AccessPolicies.Center)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary><c>?org=S0001</c>: an org's tasks; a center sees only those of its jurisdiction.</summary>
    static async Task<IResult> ListAsync(string? org, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return Results.Ok(await RectificationService.ListAsync(connection, org, AccessPolicies.CenterRegion(user), ct));
    }

    static async Task<IResult> SubmitAsync(Guid taskId, HttpContext http, ReliableMessaging messaging, TimeProvider time)
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
        var task = await RectificationService.FindAsync(tx, taskId, ct);
        if (task is null)
            return NotFound(taskId);
        if (await RectificationService.SubmitAsync(tx, task, request.SubmittedAt!.Value, request.Summary!, ct) != StepRefusal.None)
            return WrongState(task, "submitted");
        await tx.CommitAsync(ct);
        return Results.Ok(task with { Status = "submitted", SubmittedAt = request.SubmittedAt, Summary = request.Summary });
    }

    static async Task<IResult> ReviewAsync(Guid taskId, HttpContext http, ReliableMessaging messaging,
        RectificationService rectifications, TimeProvider time)
    {
        var (request, refusal) = await JsonBody.ReadAsync<ReviewRequest>(http);
        if (request is null)
            return refusal!;
        var errors = new FieldErrors();
        var check = new Check(errors, "", ShanghaiTime.Day(time.GetUtcNow()));
        if (request.Outcome is not ("passed" or "failed" or "refused"))
            errors.Add("outcome", "passed, failed or refused");
        check.Time(request.ReviewedAt, "reviewedAt");
        check.Text(request.Reviewer, "reviewer", 100);
        if (errors.Any)
            return Problems.Invalid(http, errors, "The review has invalid fields");

        var ct = http.RequestAborted;
        await using var tx = await messaging.BeginAsync(ct);
        var task = await RectificationService.FindAsync(tx, taskId, ct);
        if (task is null)
            return NotFound(taskId);
        if (!AccessPolicies.MayAct(http.User, task.RegionCode))
            return WarningEndpoints.Forbidden(task.RegionCode);
        var outcome = Enum.Parse<RectificationOutcome>(request.Outcome!, ignoreCase: true);
        if (await rectifications.ReviewAsync(tx, task, outcome, request.ReviewedAt!.Value, request.Reviewer!, WarningEndpoints.Actor(http),
                time.GetUtcNow(), ct) != StepRefusal.None)
            return WrongState(task, request.Outcome!);
        await tx.CommitAsync(ct);
        return Results.Ok(task with { Status = request.Outcome!, ReviewedAt = request.ReviewedAt, Reviewer = request.Reviewer });
    }

    static IResult NotFound(Guid id) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such rectification task", detail: $"There is no task {id}.");

    static IResult WrongState(RectificationView task, string step) => Results.Problem(statusCode: StatusCodes.Status409Conflict,
        title: "The task does not allow this step", detail: $"Task {task.TaskId} is {task.Status}; it cannot be {step} now.");
}
