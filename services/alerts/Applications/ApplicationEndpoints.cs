using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Messaging;
using Monitoring.ServiceDefaults.OpenApi;
using Monitoring.ServiceDefaults.Requests;
using Npgsql;

namespace Monitoring.Alerts.Applications;

/// <summary>
/// The two approvals of a cross-region application (浙江省职业技能等级认定申请表): first the center where the site is
/// (考点属地评价中心, a county or the city's center) assesses it, then the municipal center (市级) approves it and assigns
/// supervision (同意并实施监管). A refusal at either step ends it. The decision goes to scoring as
/// <see cref="CrossRegionApplicationDecided"/>. Operators may take either step anywhere.
/// </summary>
public static class ApplicationEndpoints
{
    public sealed record AssessmentRequest(bool? Approve, string? Opinion);

    public sealed record ApprovalRequest(bool? Approve, string? Opinion, string? Supervisor);

    public const int MaxOpinion = 2000;

    public static void MapApplicationEndpoints(this IEndpointRouteBuilder app)
    {
        var applications = app.MapGroup("/api/v1/applications").WithTags("Cross-region applications");
        applications.MapGet("", ListAsync).WithName("ListApplications").RequireAuthorization(AccessPolicies.Center);
        applications.MapGet("/{applicationId}", GetAsync).WithName("GetApplication").RequireAuthorization(AccessPolicies.Center);
        applications.MapPost("/{applicationId}/assessment", AssessAsync).WithName("AssessApplication").RequireAuthorization(AccessPolicies.Center)
            .DescribeBody<AssessmentRequest>("application/json");
        applications.MapPost("/{applicationId}/approval", ApproveAsync).WithName("ApproveApplication").RequireAuthorization(AccessPolicies.Center)
            .DescribeBody<ApprovalRequest>("application/json");
    }

    /// <summary><c>?status=filed|assessed|approved|refused</c>: the applications whose site is in the caller's jurisdiction.</summary>
    static async Task<Results<Ok<IReadOnlyList<ApplicationView>>, ValidationProblem>> ListAsync(string? status, HttpContext http, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (status is not (null or "filed" or "assessed" or "approved" or "refused"))
            return Problems.Invalid(http, "status", "filed, assessed, approved or refused");
        await using var connection = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await ApplicationStore.ListAsync(connection, AccessPolicies.CenterRegion(http.User), status, ct));
    }

    static async Task<Results<Ok<ApplicationView>, NotFoundProblem, OutsideJurisdiction>> GetAsync(string applicationId, HttpContext http,
        NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var application = await ApplicationStore.FindAsync(connection, applicationId, ct);
        if (application is null)
            return NotFound(http, applicationId);
        return AccessPolicies.MayAct(http.User, application.SiteRegionCode) ? TypedResults.Ok(application) : new OutsideJurisdiction(application.SiteRegionCode);
    }

    /// <summary><c>{"approve": true, "opinion": "…"}</c> by the center of the site's region: the application goes on to the municipal center.</summary>
    static async Task<Results<Ok<ApplicationView>, ValidationProblem, JsonRefusal, NotFoundProblem, OutsideJurisdiction, ConflictProblem>> AssessAsync(
        string applicationId, HttpContext http, ReliableMessaging messaging, TimeProvider time)
    {
        var (request, refusal) = await JsonBody.ReadAsync<AssessmentRequest>(http);
        if (request is null)
            return refusal!;
        var errors = new FieldErrors();
        if (request.Approve is null)
            errors.Add("approve", "true when the site meets the conditions, false to refuse");
        new Check(errors, "", ShanghaiTime.Day(time.GetUtcNow())).OptionalParagraph(request.Opinion, "opinion", MaxOpinion);
        if (errors.Any)
            return Problems.Invalid(http, errors, "The assessment has invalid fields");

        var ct = http.RequestAborted;
        await using var tx = await messaging.BeginAsync(ct);
        var application = await ApplicationStore.LockAsync(tx, applicationId, ct);
        if (application is null)
            return NotFound(http, applicationId);
        if (!AccessPolicies.MayAct(http.User, application.SiteRegionCode))
            return new OutsideJurisdiction(application.SiteRegionCode);
        if (application.Status != "filed")
            return Problems.Conflict(http, "conflict", "Already assessed", $"Application {applicationId} is {application.Status}.");

        var now = time.GetUtcNow();
        var actor = AccessPolicies.Actor(http.User);
        var status = request.Approve!.Value ? "assessed" : "refused";
        await ApplicationStore.AssessAsync(tx, applicationId, status, actor, request.Opinion, now, ct);
        if (status == "refused")
            tx.Publish(Decided(application, approved: false, actor, now));
        await tx.CommitAsync(ct);
        return TypedResults.Ok(application with { Status = status, AssessedBy = actor, AssessedAt = now, Assessment = request.Opinion });
    }

    /// <summary>
    /// <c>{"approve": true, "supervisor": "…", "opinion": "…"}</c> by the municipal center of the site's city (a center key of a
    /// city, not a county), after the assessment: approved, with the supervision it assigns; or refused.
    /// </summary>
    static async Task<Results<Ok<ApplicationView>, ValidationProblem, JsonRefusal, NotFoundProblem, OutsideJurisdiction, ConflictProblem>> ApproveAsync(
        string applicationId, HttpContext http, ReliableMessaging messaging, TimeProvider time)
    {
        var (request, refusal) = await JsonBody.ReadAsync<ApprovalRequest>(http);
        if (request is null)
            return refusal!;
        var errors = new FieldErrors();
        var check = new Check(errors, "", ShanghaiTime.Day(time.GetUtcNow()));
        if (request.Approve is null)
            errors.Add("approve", "true to approve and supervise, false to refuse");
        check.OptionalParagraph(request.Opinion, "opinion", MaxOpinion);
        if (request.Approve == true)
            check.Text(request.Supervisor, "supervisor", 100);
        else if (request.Supervisor is not null)
            errors.Add("supervisor", "only with approve: true");
        if (errors.Any)
            return Problems.Invalid(http, errors, "The approval has invalid fields");

        var ct = http.RequestAborted;
        await using var tx = await messaging.BeginAsync(ct);
        var application = await ApplicationStore.LockAsync(tx, applicationId, ct);
        if (application is null)
            return NotFound(http, applicationId);
        // The municipal center: a county's center assesses, only the city's (or an operator) approves.
        var center = AccessPolicies.CenterRegion(http.User);
        if (!AccessPolicies.MayAct(http.User, application.SiteRegionCode) || (center is not null && center != Jurisdiction.CityOf(application.SiteRegionCode)))
            return new OutsideJurisdiction(application.SiteRegionCode);
        if (application.Status != "assessed")
            return Problems.Conflict(http, "conflict", application.Status == "filed" ? "Not assessed yet" : "Already decided",
                application.Status == "filed"
                    ? $"Application {applicationId} waits for the assessment of the center where its site is."
                    : $"Application {applicationId} is {application.Status}.");

        var now = time.GetUtcNow();
        var actor = AccessPolicies.Actor(http.User);
        var approved = request.Approve!.Value;
        var status = approved ? "approved" : "refused";
        await ApplicationStore.ApproveAsync(tx, applicationId, status, actor, request.Opinion, request.Supervisor, now, ct);
        tx.Publish(Decided(application, approved, actor, now));
        await tx.CommitAsync(ct);
        return TypedResults.Ok(application with { Status = status, ApprovedBy = actor, ApprovedAt = now, Approval = request.Opinion, Supervisor = request.Supervisor });
    }

    static CrossRegionApplicationDecided Decided(ApplicationView application, bool approved, string actor, DateTimeOffset now) =>
        new(application.ApplicationId, application.OrgCode, application.SiteRegionCode, approved, application.Lines, actor, now);

    static NotFoundProblem NotFound(HttpContext http, string applicationId) =>
        Problems.NotFound(http, "No such application", $"No cross-region application {applicationId} has been filed.");
}
