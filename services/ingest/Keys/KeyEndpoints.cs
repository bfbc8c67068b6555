using System.Security.Claims;
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
        // Any valid key may ask who it is: the centers' console signs a clerk in with it and shows the region it covers.
        app.MapGet("/api/v1/keys/me", (HttpContext http) => TypedResults.Ok(KeyIdentity.Of(http.User))).WithName("WhoAmI").WithTags("Access")
            .RequireAuthorization(AccessPolicies.AnyKey);
    }

    /// <summary>
    /// What a key is, as the services know it: its name, role and, for a center, its region (never the key or its hash).
    /// <c>keyId</c> is a <c>GET /api/v1/keys</c> id, or <c>config:&lt;name&gt;</c> for a key from configuration.
    /// </summary>
    public sealed record KeyIdentity(string KeyId, string Name, string Role, string? Region)
    {
        public static KeyIdentity Of(ClaimsPrincipal user) => new(user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) ?? "",
            AccessPolicies.Actor(user), user.FindFirstValue(ClaimTypes.Role) ?? "", user.FindFirstValue(ApiKeyAuthenticationHandler.RegionClaim));
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
