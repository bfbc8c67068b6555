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
/// <c>WWW-Authenticate: Bearer</c>, or 403 when the key's role does not reach the endpoint, or 429 with
/// <c>Retry-After</c> when the client's address has used up its failed authentications (<see cref="AuthenticationFailures"/>).
/// </summary>
/// <remarks>
/// A failed key counts when it is looked up, whatever the endpoint, so bad keys sent to an anonymous endpoint cannot
/// query the database without limit either; a missing key counts when a protected endpoint refuses it. Once an
/// address is refused, its keys are not looked up until its window passes.
/// </remarks>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyStore store,
    AuthenticationFailures failures,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string RegionClaim = "region";
    public const string KeyIdClaim = "key_id";

    // How long this request's client must wait before it may authenticate again; null while it may. A handler serves
    // one request (the authentication service creates one per request and scheme), so challenging reads what
    // authenticating found.
    TimeSpan? refusedFor;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
            return AuthenticateResult.NoResult();
        var client = AuthenticationFailures.ClientOf(Context);
        refusedFor = failures.Refusal(client);
        if (refusedFor is not null)
            return AuthenticateResult.Fail("Too many failed authentications from this address.");
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            refusedFor = failures.Fail(client, "malformed");
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <key>'.");
        }

        var grant = await store.FindAsync(ApiKeys.Hash(header["Bearer ".Length..].Trim()), Context.RequestAborted);
        if (grant is null)
        {
            refusedFor = failures.Fail(client, "unknown");
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

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
        if (result.None)
            refusedFor = failures.Fail(AuthenticationFailures.ClientOf(Context), "missing");
        if (refusedFor is { } wait)
        {
            failures.CountLimited();
            await TooManyRequests.WriteAsync(Context, "auth-limited", wait, "Too many failed authentications from this address",
                "Requests from this address that need an API key are refused until the time in Retry-After has passed, a valid key included.");
            return;
        }
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
