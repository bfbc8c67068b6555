using System.Diagnostics;
using System.Security.Claims;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults.Telemetry;
using Npgsql;
using Prometheus;

namespace Monitoring.ServiceDefaults.Audit;

/// <summary>One call of the audit trail, as operators read it.</summary>
/// <param name="At">When the call arrived (UTC).</param>
/// <param name="Route">The endpoint's route pattern (<c>/api/v1/warnings/{warningId}/ack</c>); null for a path no endpoint matched.</param>
/// <param name="ResourceId">The value of the route's parameter (the warning, task, plan, key… acted on), when it has one.</param>
/// <param name="Status">The status the call was answered with (a refusal too: 400, 403, 404, 409…).</param>
public sealed record AuditEntry(long AuditId, DateTimeOffset At, string KeyId, string KeyName, string Role, string? Region, string Method,
    string? Route, string Path, string? ResourceId, int Status, string? ClientAddress, string? TraceId);

/// <summary>A page of the audit trail, newest first; <see cref="Next"/> is the cursor of the following page, null on the last.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, string? Next);

/// <summary>What is asked of the audit trail: a period (<c>from</c> inclusive, <c>to</c> exclusive), one key, a page.</summary>
public sealed record AuditQuery(DateTimeOffset? From, DateTimeOffset? To, string? KeyId, int Limit, long? Before);

/// <summary>
/// The operator audit trail of every service: each state-changing call (POST, PUT, PATCH, DELETE) made with an operator
/// or a center key is written to the service's own <c>audit_log</c> once the response's status is known, refusals
/// included. Platform keys (the upstream's bulk writes, which ingest keeps by idempotency key and message) and calls
/// without a valid key (counted in <c>monitoring_auth_failures_total</c>) are not. The request body, the query string
/// and the key itself are never written. The call waits for the row: a trail written after the answer but lost in a crash
/// would be no trail. A row the database refuses is logged with the same fields and counted as <c>failed</c>; the call
/// keeps the answer it already had, since what it changed is committed.
/// </summary>
public sealed class AuditTrail(NpgsqlDataSource dataSource, TimeProvider time, AuditMetrics metrics, ILogger<AuditTrail> logger)
{
    const int MaxText = 2048;

    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>The middleware: runs the rest of the pipeline, then records the call if it is one to record.</summary>
    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var method = http.Request.Method;
        if (!(HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method)))
        {
            await next(http);
            return;
        }

        var at = time.GetUtcNow();
        int? failedWith = null;
        try
        {
            await next(http);
        }
        catch (Exception ex)
        {
            // What the exception handler outside will answer (ServiceDefaultsExtensions.MapDefaultEndpoints).
            failedWith = ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            throw;
        }
        finally
        {
            if (Audited(http.User))
                await RecordAsync(http, at, failedWith ?? http.Response.StatusCode);
        }
    }

    static bool Audited(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (user.IsInRole(EnumText.Of(AccessRole.Operator)) || user.IsInRole(EnumText.Of(AccessRole.Center)));

    async Task RecordAsync(HttpContext http, DateTimeOffset at, int status)
    {
        var user = http.User;
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern;
        var parameter = route?.Parameters is [var first, ..] ? first.Name : null;
        var entry = new
        {
            at,
            keyId = user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) ?? "",
            keyName = AccessPolicies.Actor(user),
            role = user.FindFirstValue(ClaimTypes.Role) ?? "",
            region = user.FindFirstValue(ApiKeyAuthenticationHandler.RegionClaim),
            method = http.Request.Method,
            // A group's own endpoint ("") has the group's prefix with a slash: /api/v1/keys/.
            route = Clean(route?.RawText is { Length: > 1 } raw ? raw.TrimEnd('/') : route?.RawText),
            path = Clean(http.Request.PathBase.Add(http.Request.Path).Value) ?? "",
            resourceId = Clean(parameter is null ? null : http.GetRouteValue(parameter)?.ToString()),
            status,
            clientAddress = http.Connection.RemoteIpAddress?.ToString(),
            traceId = Activity.Current?.TraceId.ToHexString() ?? http.TraceIdentifier,
        };
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO audit_log (at, key_id, key_name, role, region_code, method, route, path, resource_id, status, client_address, trace_id)
                VALUES (@at, @keyId, @keyName, @role, @region, @method, @route, @path, @resourceId, @status, @clientAddress, @traceId)
                """, entry));
            metrics.Entries.WithLabels("written").Inc();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            metrics.Entries.WithLabels("failed").Inc();
            logger.LogError(ex,
                "Audit entry not written: {Method} {Route} {Path} ({ResourceId}) answered {Status} for key {KeyId} ({KeyName}, {Role} {Region}) from {ClientAddress} at {At:O}, trace {TraceId}",
                entry.method, entry.route, entry.path, entry.resourceId, entry.status, entry.keyId, entry.keyName, entry.role, entry.region,
                entry.clientAddress, entry.at, entry.traceId);
        }
    }

    /// <summary>Text as stored: control characters (PostgreSQL refuses NUL in text) replaced, at most <see cref="MaxText"/> characters.</summary>
    static string? Clean(string? text)
    {
        if (text is null)
            return null;
        if (text.Length > MaxText)
            text = text[..MaxText];
        if (!Formats.HasControlCharacter(text))
            return text;
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
            clean.Append(char.IsControl(c) ? '\uFFFD' : c);
        return clean.ToString();
    }

    /// <summary>A page of the trail, newest first.</summary>
    public async Task<AuditPage> ReadAsync(AuditQuery query, CancellationToken ct)
    {
        var conditions = new List<string>();
        if (query.From is not null)
            conditions.Add("at >= @From");
        if (query.To is not null)
            conditions.Add("at < @To");
        if (query.KeyId is not null)
            conditions.Add("key_id = @KeyId");
        if (query.Before is not null)
            conditions.Add("audit_id < @Before");
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT audit_id AS AuditId, at AS At, key_id AS KeyId, key_name AS KeyName, role AS Role, region_code AS Region, method AS Method,
                   route AS Route, path AS Path, resource_id AS ResourceId, status AS Status, client_address AS ClientAddress, trace_id AS TraceId
            FROM audit_log {where}
            ORDER BY audit_id DESC
            LIMIT @Take
            """, new { query.From, query.To, query.KeyId, query.Before, Take = query.Limit + 1 }, cancellationToken: ct))).ToList();
        var entries = rows.Take(query.Limit).Select(r => r.Entry()).ToList();
        return new AuditPage(entries, rows.Count > query.Limit ? entries[^1].AuditId.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    // Npgsql reads timestamptz as a UTC DateTime; Dapper matches constructors by exact type.
    sealed record Row(long AuditId, DateTime At, string KeyId, string KeyName, string Role, string? Region, string Method, string? Route, string Path,
        string? ResourceId, int Status, string? ClientAddress, string? TraceId)
    {
        public AuditEntry Entry() => new(AuditId, UtcDateTimeOffsetHandler.FromDatabase(At), KeyId, KeyName, Role, Region, Method, Route, Path,
            ResourceId, Status, ClientAddress, TraceId);
    }
}

/// <summary><c>monitoring_audit_entries_total{outcome}</c>: audit entries written, and those the database refused (logged instead).</summary>
public sealed class AuditMetrics(HostMetrics host)
{
    public Counter Entries { get; } = host.Factory.CreateCounter(
        "monitoring_audit_entries_total", "Audit entries of operators' and centers' state-changing calls, by outcome (written, failed: logged instead).",
        new CounterConfiguration { LabelNames = ["outcome"] }).WithSeries(["written", "failed"]);
}
