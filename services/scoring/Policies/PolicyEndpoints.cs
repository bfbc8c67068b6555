using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Schema;
using Dapper;
using Microsoft.Extensions.Options;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Requests;
using Npgsql;

namespace Monitoring.Scoring.Policies;

/// <summary>Policy management for operators: upload a draft, what-if, activate; every step audited.</summary>
public static class PolicyEndpoints
{
    public sealed record Activation(DateTimeOffset? ActiveFrom);

    public static void MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var policies = app.MapGroup("/api/v1/policies").WithTags("Policies").RequireAuthorization(AccessPolicies.Operator)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        policies.MapGet("", (PolicyStore store, CancellationToken ct) => store.ListAsync(ct)).WithName("ListPolicies");
        policies.MapGet("/schema", () => Results.Text(
            JsonSchemaExporter.GetJsonSchemaAsNode(PolicyDocument.Json, typeof(PolicyDocument)).ToJsonString(PolicyDocument.Json), "application/schema+json"))
            .WithName("PolicySchema");
        policies.MapGet("/{version}", async (string version, PolicyStore store, CancellationToken ct) =>
            await store.DocumentAsync(version, ct) is { } json ? Results.Text(json, "application/json") : NotFound(version))
            .WithName("GetPolicy").ProducesProblem(StatusCodes.Status404NotFound);
        policies.MapPost("", UploadAsync).WithName("UploadPolicy")
            .Accepts<PolicyDocument>("application/json").Produces(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        policies.MapPost("/{version}/what-if", WhatIfAsync).WithName("WhatIfPolicy")
            .Produces<WhatIfReport>().ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        policies.MapPost("/{version}/activate", ActivateAsync).WithName("ActivatePolicy")
            .Accepts<Activation>("application/json").Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Validates the whole draft (schema, expressions, weights, a trial run) before storing it.</summary>
    static async Task<IResult> UploadAsync(HttpContext http, PolicyStore store, IOptions<PolicyLimits> limits)
    {
        var (body, refusal) = await JsonBody.ReadAsync(http, limits.Value.MaxDocumentBytes);
        if (body is null)
            return refusal!;
        using var _ = body;
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

        if (!await store.SaveDraftAsync(document!, json, Actor(http), http.RequestAborted))
            return Problems.Refuse(http, StatusCodes.Status409Conflict, "conflict", "This policy version exists",
                $"Version {document!.Version} was uploaded before; versions are never overwritten. Upload it under a new version.");
        return Results.Created($"/api/v1/policies/{document!.Version}", new { version = document.Version, status = "draft" });
    }

    static async Task<IResult> WhatIfAsync(string version, DateTimeOffset? from, DateTimeOffset? to, HttpContext http,
        PolicyCatalog catalog, PolicyStore store, WhatIf whatIf)
    {
        if (from is null || to is null || to <= from)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["from and to (ISO 8601) with from before to"] });
        if (await store.DocumentAsync(version, http.RequestAborted) is null)
            return NotFound(version);
        var draft = await catalog.GetAsync(version, http.RequestAborted);
        var report = await whatIf.RunAsync(draft, from.Value, to.Value, http.RequestAborted);
        await store.AuditAsync(version, "what-if", Actor(http),
            JsonSerializer.Serialize(new { from, to, report.Plans, crossings = report.Crossings.Count }), http.RequestAborted);
        return Results.Ok(report);
    }

    /// <summary>
    /// Activates a draft from <c>activeFrom</c> (now when absent). Plans not yet closed are rescored from
    /// then on; a closed plan keeps its final score.
    /// </summary>
    static async Task<IResult> ActivateAsync(string version, HttpContext http, PolicyStore store, PolicyCatalog catalog,
        NpgsqlDataSource db, TimeProvider time)
    {
        Activation? body = null;
        if (JsonBody.IsPresent(http))
        {
            (body, var refusal) = await JsonBody.ReadAsync<Activation>(http);
            if (body is null)
                return refusal!;
        }
        var activeFrom = body?.ActiveFrom ?? time.GetUtcNow();
        if (!await store.ActivateAsync(version, activeFrom, Actor(http), http.RequestAborted))
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such draft",
                detail: $"There is no draft {version} (an active policy cannot be activated again).");
        catalog.Invalidate();
        await using var connection = await db.OpenConnectionAsync(http.RequestAborted);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO rescore_queue (plan_id, due_at)
            SELECT plan_id, @due FROM plans WHERE plan_id NOT IN (SELECT plan_id FROM plan_closures)
            ON CONFLICT (plan_id) DO UPDATE SET due_at = least(rescore_queue.due_at, excluded.due_at)
            """, new { due = activeFrom > time.GetUtcNow() ? activeFrom : time.GetUtcNow() }, cancellationToken: http.RequestAborted));
        return Results.Ok(new { version, status = "active", activeFrom });
    }

    static string Actor(HttpContext http) => http.User.FindFirstValue(ClaimTypes.Name) ?? "unknown";

    static IResult NotFound(string version) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such policy", detail: $"There is no policy {version}.");
}
