using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitoring.ServiceDefaults;

namespace Monitoring.ServiceDefaults.Access;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>. A missing key is "no result" so anonymous endpoints (health,
/// metrics, OpenAPI) still work; a wrong or revoked key fails. Refusals are problem details: 401 with
/// <c>WWW-Authenticate: Bearer</c>, or 403 when the key's role does not reach the endpoint.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyStore store,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string RegionClaim = "region";
    public const string KeyIdClaim = "key_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
            return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <key>'.");

        var grant = await store.FindAsync(ApiKeys.Hash(header["Bearer ".Length..].Trim()), Context.RequestAborted);
        if (grant is null)
            return AuthenticateResult.Fail("The API key is unknown or revoked.");

        List<Claim> claims =
        [
            new(ClaimTypes.Name, grant.Name),
            new(KeyIdClaim, grant.KeyId),
            new(ClaimTypes.Role, EnumText.Of(grant.Role)),
        ];
        if (grant.RegionCode is not null)
            claims.Add(new Claim(RegionClaim, grant.RegionCode));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        RequestRejections.Count(Context, "unauthenticated");
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "A valid API key is required",
                Detail = result.Failure?.Message ?? "Send 'Authorization: Bearer <key>'.",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        RequestRejections.Count(Context, "forbidden");
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "The API key's role does not allow this",
                Detail = $"The key's role is '{Context.User.FindFirstValue(ClaimTypes.Role)}'.",
            },
        });
    }
}
