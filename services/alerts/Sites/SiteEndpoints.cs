using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Messaging;
using Monitoring.ServiceDefaults.OpenApi;
using Monitoring.ServiceDefaults.Requests;
using Npgsql;

namespace Monitoring.Alerts.Sites;

/// <summary>
/// The exam-site registry's confirmations (考点备案): a new or changed site of an org waits for the org's center (the center
/// of the region the org is registered in, 隶属技能评价（鉴定）中心) to confirm or refuse it; scoring hears each decision.
/// </summary>
public static class SiteEndpoints
{
    public sealed record ConfirmationRequest(bool? Confirm, string? Opinion);

    public static void MapSiteEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/sites", ListAsync).WithName("ListSites").WithTags("Exam sites").RequireAuthorization(AccessPolicies.Center);
        app.MapPost("/api/v1/orgs/{orgCode}/sites/{siteCode}/confirmation", ConfirmAsync).WithName("ConfirmSite").WithTags("Exam sites")
            .RequireAuthorization(AccessPolicies.Center).DescribeBody<ConfirmationRequest>("application/json");
    }

    /// <summary><c>?status=pending|confirmed|refused&amp;org=…</c>: the sites of orgs registered in the caller's jurisdiction.</summary>
    static async Task<Results<Ok<IReadOnlyList<SiteView>>, ValidationProblem>> ListAsync(string? status, string? org, HttpContext http, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (status is not (null or "pending" or "confirmed" or "refused"))
            return Problems.Invalid(http, "status", "pending, confirmed or refused");
        await using var connection = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await SiteStore.ListAsync(connection, AccessPolicies.CenterRegion(http.User), status, org, ct));
    }

    /// <summary><c>{"confirm": true}</c> registers the site for the org; <c>false</c> refuses it.</summary>
    static async Task<Results<Ok<SiteView>, ValidationProblem, JsonRefusal, NotFoundProblem, OutsideJurisdiction, ConflictProblem>> ConfirmAsync(
        string orgCode, string siteCode, HttpContext http, ReliableMessaging messaging, TimeProvider time)
    {
        var (request, refusal) = await JsonBody.ReadAsync<ConfirmationRequest>(http);
        if (request is null)
            return refusal!;
        var errors = new FieldErrors();
        if (request.Confirm is null)
            errors.Add("confirm", "true to register the site, false to refuse it");
        new Check(errors, "", ShanghaiTime.Day(time.GetUtcNow())).OptionalParagraph(request.Opinion, "opinion", 2000);
        if (errors.Any)
            return Problems.Invalid(http, errors, "The confirmation has invalid fields");

        var ct = http.RequestAborted;
        await using var tx = await messaging.BeginAsync(ct);
        var site = await SiteStore.LockAsync(tx, orgCode, siteCode, ct);
        if (site is null)
            return Problems.NotFound(http, "No such site", $"No exam site {siteCode} has been filed for {orgCode}.");
        if (!AccessPolicies.MayAct(http.User, site.OrgRegionCode))
            return new OutsideJurisdiction(site.OrgRegionCode);
        if (site.Status != "pending")
            return Problems.Conflict(http, "conflict", "Already decided", $"Site {siteCode} of {orgCode} is {site.Status}.");

        var now = time.GetUtcNow();
        var actor = AccessPolicies.Actor(http.User);
        var confirmed = request.Confirm!.Value;
        var status = confirmed ? "confirmed" : "refused";
        await SiteStore.DecideAsync(tx, orgCode, siteCode, status, actor, request.Opinion, now, ct);
        tx.Publish(new ExamSiteDecided(siteCode, orgCode, site.RegionCode, confirmed, actor, now));
        await tx.CommitAsync(ct);
        return TypedResults.Ok(site with { Status = status, DecidedBy = actor, DecidedAt = now, Opinion = request.Opinion });
    }
}
