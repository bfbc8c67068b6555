using System.Text.Json;
using System.Text.Json.Schema;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Monitoring.Scoring.Plans;
using Monitoring.ServiceDefaults;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.OpenApi;
using Monitoring.ServiceDefaults.Requests;
using Npgsql;

namespace Monitoring.Scoring.Policies;

/// <summary>Policy management for operators: upload a draft, what-if, activate; every step audited.</summary>
public static class PolicyEndpoints
{
    public sealed record Activation(DateTimeOffset? ActiveFrom);

    /// <summary>A policy's state after an upload or an activation.</summary>
    public sealed record PolicyState(string Version, string Status, DateTimeOffset? ActiveFrom = null);

    public static void MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var policies = app.MapGroup("/api/v1/policies").WithTags("Policies").RequireAuthorization(AccessPolicies.Operator);
        policies.MapGet("", async (PolicyStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct))).WithName("ListPolicies");
        policies.MapGet("/schema", () => TypedResults.Text(
            JsonSchemaExporter.GetJsonSchemaAsNode(PolicyDocument.Json, typeof(PolicyDocument)).ToJsonString(PolicyDocument.Json), "application/schema+json"))
            .WithName("PolicySchema").Produces(StatusCodes.Status200OK, contentType: "application/schema+json");
        // The document is answered as it was uploaded (stored text, not re-serialized): described here, not by a typed result.
        policies.MapGet("/{version}", GetAsync).WithName("GetPolicy").Produces<PolicyDocument>(StatusCodes.Status200OK);
        policies.MapPost("", UploadAsync).WithName("UploadPolicy").DescribeBody<PolicyDocument>("application/json");
        policies.MapPost("/{version}/what-if", WhatIfAsync).WithName("WhatIfPolicy");
        policies.MapPost("/{version}/activate", ActivateAsync).WithName("ActivatePolicy").DescribeBody<Activation>("application/json", optional: true);
    }

    /// <summary>The policy document as it was uploaded.</summary>
    static async Task<Results<ContentHttpResult, NotFoundProblem>> GetAsync(string version, HttpContext http, PolicyStore store, CancellationToken ct) =>
        await store.DocumentAsync(version, ct) is { } json ? TypedResults.Text(json, "application/json") : NotFound(http, version);

    /// <summary>Validates the whole draft (schema, expressions, weights, a trial run) before storing it.</summary>
    static async Task<Results<Created<PolicyState>, ValidationProblem, JsonRefusal, ConflictProblem>> UploadAsync(HttpContext http, PolicyStore store,
        IOptions<PolicyLimits> limits)
    {
        var (body, refusal) = await JsonBody.ReadAsync(http, limits.Value.MaxDocumentBytes);
        if (body is null)
            return refusal!;
        using var _ = body;
        if (JsonBody.NotAnObject(http, body.Document.RootElement) is { } notAnObject)
            return notAnObject;
        var json = body.Document.RootElement.GetRawText();
        var (document, problems) = PolicyValidator.Read(body.Document.RootElement, limits.Value);
        if (document is not null && problems.Count == 0)
            problems = await PolicyValidator.TryRunAsync(document);
        if (problems.Count > 0)
        {
            var errors = new FieldErrors();
            foreach (var group in problems.GroupBy(p => p.Path))
                errors.Add(group.Key, string.Join("; ", group.Select(p => p.RuleId is null ? p.Message : $"rule {p.RuleId} {p.Message}")));
            return Problems.Invalid(http, errors, "The policy was refused");
        }

        if (!await store.SaveDraftAsync(document!, json, AccessPolicies.Actor(http.User), http.RequestAborted))
            return Problems.Conflict(http, "conflict", "This policy version exists",
                $"Version {document!.Version} was uploaded before; versions are never overwritten. Upload it under a new version.");
        return TypedResults.Created($"/api/v1/policies/{document!.Version}", new PolicyState(document.Version, "draft"));
    }

    /// <summary>
    /// <c>?from=…&amp;to=…</c> are read as a body's times are (ISO 8601; without an offset, Asia/Shanghai), not by the
    /// framework's binding, which answers a bare 400 naming nothing and reads a time without an offset as UTC.
    /// </summary>
    static async Task<Results<Ok<WhatIfReport>, ValidationProblem, NotFoundProblem>> WhatIfAsync(string version, string? from, string? to,
        HttpContext http, PolicyCatalog catalog, PolicyStore store, WhatIf whatIf, TimeProvider time)
    {
        var errors = new FieldErrors();
        var check = new Check(errors, "", ShanghaiTime.Day(time.GetUtcNow()));
        var start = QueryTime(from, "from", errors);
        var end = QueryTime(to, "to", errors);
        check.Time(start, "from");
        check.After(end, "to", start, "from");
        if (errors.Any)
            return Problems.Invalid(http, errors, "The period is not a period");
        if (await store.DocumentAsync(version, http.RequestAborted) is null)
            return NotFound(http, version);
        var draft = await catalog.GetAsync(version, http.RequestAborted);
        var report = await whatIf.RunAsync(draft, start!.Value, end!.Value, http.RequestAborted);
        await store.AuditAsync(version, "what-if", AccessPolicies.Actor(http.User),
            JsonSerializer.Serialize(new { from = start, to = end, report.Plans, crossings = report.Crossings.Count }), http.RequestAborted);
        return TypedResults.Ok(report);
    }

    /// <summary>A time of the query, or null: when it is given but is not a time, with the problem in <paramref name="errors"/>.</summary>
    static DateTimeOffset? QueryTime(string? text, string field, FieldErrors errors)
    {
        if (text is null)
            return null;
        if (RequestJson.TryParseTime(text, out var value))
            return value;
        errors.Add(field, "an ISO 8601 time such as 2026-12-01T00:00:00+08:00 (in a query, + is written %2B)");
        return null;
    }

    /// <summary>
    /// Activates a draft from <c>activeFrom</c> (now when absent). Plans not yet closed are rescored from
    /// then on; a closed plan keeps its final score.
    /// </summary>
    static async Task<Results<Ok<PolicyState>, JsonRefusal, ValidationProblem, NotFoundProblem>> ActivateAsync(string version, HttpContext http,
        PolicyStore store, PolicyCatalog catalog, NpgsqlDataSource db, TimeProvider time)
    {
        Activation? body = null;
        if (JsonBody.IsPresent(http))
        {
            (body, var refusal) = await JsonBody.ReadAsync<Activation>(http);
            if (body is null)
                return refusal!;
            if (body.ActiveFrom is not null)
            {
                var errors = new FieldErrors();
                new Check(errors, "", ShanghaiTime.Day(time.GetUtcNow())).Time(body.ActiveFrom, "activeFrom");
                if (errors.Any)
                    return Problems.Invalid(http, errors, "The activation has invalid fields");
            }
        }
        var activeFrom = body?.ActiveFrom ?? time.GetUtcNow();
        if (!await store.ActivateAsync(version, activeFrom, AccessPolicies.Actor(http.User), http.RequestAborted))
            return Problems.NotFound(http, "No such draft", $"There is no draft {version} (an active policy cannot be activated again).");
        catalog.Invalidate();
        var now = time.GetUtcNow();
        await RescoreQueue.EnqueueOpenPlansAsync(db, activeFrom > now ? activeFrom : now, http.RequestAborted);
        return TypedResults.Ok(new PolicyState(version, "active", activeFrom));
    }

    static NotFoundProblem NotFound(HttpContext http, string version) => Problems.NotFound(http, "No such policy", $"There is no policy {version}.");
}
