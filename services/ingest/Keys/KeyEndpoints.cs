using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Ingest.Submissions;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.OpenApi;

namespace Monitoring.Ingest.Keys;

/// <summary>Key management for operators; every service learns of a change through the bus.</summary>
public static class KeyEndpoints
{
    public static void MapKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/keys").WithTags("Access").RequireAuthorization(AccessPolicies.Operator);
        keys.MapPost("", CreateAsync).WithName("CreateKey").DescribeBody<KeyRequest>("application/json");
        keys.MapGet("", async (KeyIssuer issuer, CancellationToken ct) => TypedResults.Ok(await issuer.ListAsync(ct))).WithName("ListKeys");
        keys.MapDelete("/{keyId}", RevokeAsync).WithName("RevokeKey");
    }

    static async Task<Results<Created<CreatedKey>, ValidationProblem, JsonRefusal>> CreateAsync(HttpContext http, KeyIssuer issuer, TimeProvider time)
    {
        var (request, refusal) = await JsonBody.ReadAsync<KeyRequest>(http);
        if (request is null)
            return refusal!;

        var errors = new FieldErrors();
        KeyIssuer.Validate(request, new Check(errors, "", DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
        if (errors.Any)
            return Refusals.Invalid(http, errors, "The key request has invalid fields");

        var created = await issuer.IssueAsync(request, http.RequestAborted);
        return TypedResults.Created($"/api/v1/keys/{created.KeyId}", created);
    }

    static async Task<Results<NoContent, NotFoundProblem>> RevokeAsync(Guid keyId, HttpContext http, KeyIssuer issuer) =>
        await issuer.RevokeAsync(keyId, http.RequestAborted)
            ? TypedResults.NoContent()
            : Problems.NotFound(http, "No such key", $"There is no key {keyId}.");
}
