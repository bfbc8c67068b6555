using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Monitoring.Alerts.Orgs;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Calendar;
using Monitoring.ServiceDefaults.Messaging;
using Monitoring.ServiceDefaults.Requests;
using Npgsql;

namespace Monitoring.Alerts.Warnings;

/// <summary>Warnings for the centers: read by jurisdiction, acknowledged, resolved; operators confirm the revoking kinds.</summary>
public static class WarningEndpoints
{
    public sealed record Confirmed(Guid WarningId, string OrgCode, string OrgStatus);

    public static void MapWarningEndpoints(this IEndpointRouteBuilder app)
    {
        var warnings = app.MapGroup("/api/v1/warnings").WithTags("Warnings");
        warnings.MapGet("", ListAsync).WithName("ListWarnings").RequireAuthorization(AccessPolicies.Center);
        warnings.MapGet("/{warningId}/history", HistoryAsync).WithName("WarningHistory").RequireAuthorization(AccessPolicies.Center);
        warnings.MapPost("/{warningId}/ack", (Guid warningId, HttpContext http, ReliableMessaging messaging, WorkingCalendar calendar, TimeProvider time) =>
            SetStatusAsync(warningId, "acknowledged", http, messaging, calendar, time)).WithName("AcknowledgeWarning").RequireAuthorization(AccessPolicies.Center);
        warnings.MapPost("/{warningId}/resolve", (Guid warningId, HttpContext http, ReliableMessaging messaging, WorkingCalendar calendar, TimeProvider time) =>
            SetStatusAsync(warningId, "resolved", http, messaging, calendar, time)).WithName("ResolveWarning").RequireAuthorization(AccessPolicies.Center);
        warnings.MapPost("/{warningId}/confirm", ConfirmAsync).WithName("ConfirmWarning").RequireAuthorization(AccessPolicies.Operator);
    }

    /// <summary>
    /// <c>?region=330100&amp;status=open</c>: warnings of that region and the regions under it. A center sees only
    /// its jurisdiction (its own region when none is given); asking for another is 403.
    /// </summary>
    static async Task<Results<Ok<IReadOnlyList<WarningView>>, ValidationProblem, OutsideJurisdiction>> ListAsync(string? region, string? status,
        HttpContext http, NpgsqlDataSource db, WorkingCalendar calendar, TimeProvider time, CancellationToken ct)
    {
        var own = AccessPolicies.CenterRegion(http.User);
        region ??= own;
        if (region is not null && !AccessPolicies.MayAct(http.User, region))
            return new OutsideJurisdiction(region);
        if (status is not (null or "open" or "acknowledged" or "resolved"))
            return Problems.Invalid(http, "status", "open, acknowledged or resolved");
        await using var connection = await db.OpenConnectionAsync(ct);
        var now = time.GetUtcNow();
        return TypedResults.Ok<IReadOnlyList<WarningView>>([.. (await WarningStore.ListAsync(connection, region, status, ct)).Select(w => w.WithDeadline(calendar, now))]);
    }

    /// <summary>Every step of a warning. A read: it takes no lock and opens no transaction.</summary>
    static async Task<Results<Ok<IReadOnlyList<HistoryEntry>>, NotFoundProblem, OutsideJurisdiction>> HistoryAsync(Guid warningId, HttpContext http,
        NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var warning = await WarningStore.GetAsync(connection, warningId, ct);
        if (warning is null)
            return NotFound(http, warningId);
        if (!AccessPolicies.MayAct(http.User, warning.RegionCode))
            return new OutsideJurisdiction(warning.RegionCode);
        return TypedResults.Ok(await WarningStore.HistoryAsync(connection, warningId, ct));
    }

    static async Task<Results<Ok<WarningView>, NotFoundProblem, OutsideJurisdiction>> SetStatusAsync(Guid warningId, string status, HttpContext http,
        ReliableMessaging messaging, WorkingCalendar calendar, TimeProvider time)
    {
        var ct = http.RequestAborted;
        await using var tx = await messaging.BeginAsync(ct);
        var warning = await WarningStore.LockAsync(tx, warningId, ct);
        if (warning is null)
            return NotFound(http, warningId);
        if (!AccessPolicies.MayAct(http.User, warning.RegionCode))
            return new OutsideJurisdiction(warning.RegionCode);
        var now = time.GetUtcNow();
        if (warning.Status == "resolved" || warning.Status == status)
            return TypedResults.Ok(warning.WithDeadline(calendar, now));
        var updated = await WarningStore.SetStatusAsync(tx, warning, status, AccessPolicies.Actor(http.User), now, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(updated.WithDeadline(calendar, now));
    }

    /// <summary>An operator confirms a red warning of a revoking kind (fraud, question leak): the org's qualification is revoked.</summary>
    static async Task<Results<Ok<Confirmed>, NotFoundProblem, ConflictProblem>> ConfirmAsync(Guid warningId, HttpContext http, ReliableMessaging messaging,
        OrgCatalogue catalogue, IOptions<AlertsOptions> options, TimeProvider time)
    {
        var ct = http.RequestAborted;
        await using var tx = await messaging.BeginAsync(ct);
        var warning = await WarningStore.LockAsync(tx, warningId, ct);
        if (warning is null)
            return NotFound(http, warningId);
        if (warning.Level != "red" || !options.Value.RevokingKinds.TryGetValue(warning.Kind, out var problem))
            return Problems.Conflict(http, "conflict", "This warning does not revoke",
                $"Only red warnings of kind {string.Join(" or ", options.Value.RevokingKinds.Keys)} revoke an org's qualification.");
        var now = time.GetUtcNow();
        var actor = AccessPolicies.Actor(http.User);
        await catalogue.RevokeAsync(tx, warning.OrgCode, warning.RegionCode, warning.PlanId,
            $"经核实存在{problem}等严重问题（认定计划{warning.PlanId}），取消评价资质并移出目录清单", actor, now, ct);
        await WarningStore.SetStatusAsync(tx, warning, "resolved", actor, now, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new Confirmed(warning.WarningId, warning.OrgCode, "revoked"));
    }

    static NotFoundProblem NotFound(HttpContext http, Guid id) => Problems.NotFound(http, "No such warning", $"There is no warning {id}.");
}
