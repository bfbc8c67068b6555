using System.Security.Claims;
using Microsoft.Extensions.Options;
using Monitoring.Alerts.Orgs;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Messaging;
using Npgsql;

namespace Monitoring.Alerts.Warnings;

/// <summary>Warnings for the centers: read by jurisdiction, acknowledged, resolved; operators confirm the revoking kinds.</summary>
public static class WarningEndpoints
{
    public static void MapWarningEndpoints(this IEndpointRouteBuilder app)
    {
        var warnings = app.MapGroup("/api/v1/warnings").WithTags("Warnings")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        warnings.MapGet("", ListAsync).WithName("ListWarnings").RequireAuthorization(AccessPolicies.Center);
        warnings.MapGet("/{warningId:guid}/history", HistoryAsync).WithName("WarningHistory").RequireAuthorization(AccessPolicies.Center);
        warnings.MapPost("/{warningId:guid}/ack", (Guid warningId, HttpContext http, ReliableMessaging messaging, TimeProvider time) =>
            SetStatusAsync(warningId, "acknowledged", http, messaging, time)).WithName("AcknowledgeWarning").RequireAuthorization(AccessPolicies.Center);
        warnings.MapPost("/{warningId:guid}/resolve", (Guid warningId, HttpContext http, ReliableMessaging messaging, TimeProvider time) =>
            SetStatusAsync(warningId, "resolved", http, messaging, time)).WithName("ResolveWarning").RequireAuthorization(AccessPolicies.Center);
        warnings.MapPost("/{warningId:guid}/confirm", ConfirmAsync).WithName("ConfirmWarning").RequireAuthorization(AccessPolicies.Operator);
    }

    /// <summary>
    /// <c>?region=330100&amp;status=open</c>: warnings of that region and the regions under it. A center sees only
    /// its jurisdiction (its own region when none is given); asking for another is 403.
    /// </summary>
    static async Task<IResult> ListAsync(string? region, string? status, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        var own = AccessPolicies.CenterRegion(user);
        region ??= own;
        if (region is not null && !AccessPolicies.MayAct(user, region))
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Outside your jurisdiction",
                detail: $"Region {region} is not {own} or under it.");
        if (status is not (null or "open" or "acknowledged" or "resolved"))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["open, acknowledged or resolved"] });
        await using var connection = await db.OpenConnectionAsync(ct);
        return Results.Ok(await WarningStore.ListAsync(connection, region, status, ct));
    }

    static async Task<IResult> HistoryAsync(Guid warningId, ClaimsPrincipal user, NpgsqlDataSource db, ReliableMessaging messaging, CancellationToken ct)
    {
        await using (var tx = await messaging.BeginAsync(ct))
        {
            var warning = await WarningStore.FindAsync(tx, warningId, ct);
            if (warning is null)
                return NotFound(warningId);
            if (!AccessPolicies.MayAct(user, warning.RegionCode))
                return Forbidden(warning.RegionCode);
        }
        await using var connection = await db.OpenConnectionAsync(ct);
        return Results.Ok(await WarningStore.HistoryAsync(connection, warningId, ct));
    }

    static async Task<IResult> SetStatusAsync(Guid warningId, string status, HttpContext http, ReliableMessaging messaging, TimeProvider time)
    {
        var ct = http.RequestAborted;
        await using var tx = await messaging.BeginAsync(ct);
        var warning = await WarningStore.FindAsync(tx, warningId, ct);
        if (warning is null)
            return NotFound(warningId);
        if (!AccessPolicies.MayAct(http.User, warning.RegionCode))
            return Forbidden(warning.RegionCode);
        if (warning.Status == "resolved" || warning.Status == status)
            return Results.Ok(warning);
        var updated = await WarningStore.SetStatusAsync(tx, warning, status, Actor(http), time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return Results.Ok(updated);
    }

    /// <summary>An operator confirms a red warning of a revoking kind (fraud, question leak): the org's qualification is revoked.</summary>
    static async Task<IResult> ConfirmAsync(Guid warningId, HttpContext http, ReliableMessaging messaging, OrgCatalogue catalogue,
        IOptions<AlertsOptions> options, TimeProvider time)
    {
        var ct = http.RequestAborted;
        await using var tx = await messaging.BeginAsync(ct);
        var warning = await WarningStore.FindAsync(tx, warningId, ct);
        if (warning is null)
            return NotFound(warningId);
        if (warning.Level != "red" || !options.Value.RevokingKinds.Contains(warning.Kind))
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "This warning does not revoke",
                detail: $"Only red warnings of kind {string.Join(" or ", options.Value.RevokingKinds)} revoke an org's qualification.");
        var now = time.GetUtcNow();
        await catalogue.RevokeAsync(tx, warning.OrgCode, warning.RegionCode, warning.PlanId,
            $"经核实存在{(warning.Kind == "fraud" ? "弄虚作假" : "泄露试题")}等严重问题（认定计划{warning.PlanId}），取消评价资质并移出目录清单", Actor(http), now, ct);
        await WarningStore.SetStatusAsync(tx, warning, "resolved", Actor(http), now, ct);
        await tx.CommitAsync(ct);
        return Results.Ok(new { warning.WarningId, warning.OrgCode, orgStatus = "revoked" });
    }

    internal static string Actor(HttpContext http) => http.User.FindFirstValue(ClaimTypes.Name) ?? "unknown";

    static IResult NotFound(Guid id) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such warning", detail: $"There is no warning {id}.");

    internal static IResult Forbidden(string region) => Results.Problem(statusCode: StatusCodes.Status403Forbidden,
        title: "Outside your jurisdiction", detail: $"This belongs to region {region}, which your key's center does not cover.");
}
