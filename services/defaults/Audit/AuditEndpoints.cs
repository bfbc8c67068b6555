using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Requests;

namespace Monitoring.ServiceDefaults.Audit;

/// <summary><c>GET /api/v1/audit</c> on every service: its audit trail, for operators only.</summary>
public static partial class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/audit", ListAsync).WithName("ListAudit").WithTags("Audit").RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("This service's audit trail: state-changing calls of operator and center keys, newest first")
            .WithDescription("from and to: ISO 8601 times with an offset (from inclusive, to exclusive); key: a key id (keyId of "
                + "GET /api/v1/keys at ingest, or config:<name> for a key from configuration); limit: 1–500 (100); cursor: the next of "
                + "the previous page.");

    /// <summary>The entries of a period, a key, a page; each page's <c>next</c> is the <c>cursor</c> of the following one.</summary>
    static async Task<Results<Ok<AuditPage>, ValidationProblem>> ListAsync(string? from, string? to, string? key, string? limit, string? cursor,
        HttpContext http, AuditTrail trail)
    {
        var errors = new FieldErrors();
        var since = Time(from, "from", errors);
        var until = Time(to, "to", errors);
        if (since is not null && until is not null && until <= since)
            errors.Add("to", "a time after from");
        if (key is not null && (key.Length is 0 or > 200 || !Formats.IsPrintableText(key)))
            errors.Add("key", "a key id: 1–200 printable characters");
        var take = AuditTrail.DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > AuditTrail.MaxLimit))
            errors.Add("limit", $"a whole number from 1 to {AuditTrail.MaxLimit}");
        long? before = null;
        if (cursor is not null)
        {
            if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
                before = id;
            else
                errors.Add("cursor", "the next of a previous page");
        }
        if (errors.Any)
            return Problems.Invalid(http, errors, "The audit query has invalid parameters");

        return TypedResults.Ok(await trail.ReadAsync(new AuditQuery(since, until, key, take, before), http.RequestAborted));
    }

    static DateTimeOffset? Time(string? text, string field, FieldErrors errors)
    {
        if (text is null)
            return null;
        // An unencoded '+' of the offset arrives as a space.
        text = text.Replace(' ', '+');
        if (IsoWithOffset().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return time;
        errors.Add(field, "an ISO 8601 time with an offset (2026-03-01T00:00:00+08:00)");
        return null;
    }

    [GeneratedRegex(@"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})\z")]
    private static partial Regex IsoWithOffset();
}
