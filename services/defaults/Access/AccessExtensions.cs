using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitoring.ServiceDefaults.Configuration;

namespace Monitoring.ServiceDefaults.Access;

public static class AccessExtensions
{
    /// <summary>
    /// Bearer API keys with the roles of API.md. Every endpoint needs a valid key unless it says
    /// <c>AllowAnonymous</c> (health, metrics, the OpenAPI document): forgetting a policy fails closed.
    /// Requests without a valid key to a protected endpoint are rate-limited per client address.
    /// </summary>
    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateAnnotations().ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AccessPolicies.Platform, p => p.RequireRole("platform", "operator"))
            .AddPolicy(AccessPolicies.Center, p => p.RequireRole("center", "operator"))
            .AddPolicy(AccessPolicies.Operator, p => p.RequireRole("operator"))
            .AddPolicy(AccessPolicies.AnyKey, p => p.RequireAuthenticatedUser());
        builder.Services.AddRateLimiter(LimitUnauthenticated);
        return builder;
    }

    /// <summary>
    /// Adds a token bucket per API key (ingest's: the upstream's calls). The middleware runs between
    /// authentication and authorization, so the partition is the caller, not an address many callers share.
    /// </summary>
    public static IServiceCollection AddPerKeyRateLimit(this IServiceCollection services, Func<IServiceProvider, (int PerSecond, int Burst)> limits) =>
        services.Configure<RateLimiterOptions>(options =>
        {
            var perKey = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var key = http.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value;
                if (key is null)
                    return RateLimitPartition.GetNoLimiter("");
                var (perSecond, burst) = limits(http.RequestServices);
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(perSecond, burst));
            });
            options.GlobalLimiter = options.GlobalLimiter is null ? perKey : PartitionedRateLimiter.CreateChained(options.GlobalLimiter, perKey);
        });

    /// <summary>
    /// Anonymous requests to anonymous endpoints (health, metrics, OpenAPI, the public catalogue) are not
    /// limited; any other request without a valid key will be refused, and those are limited per address.
    /// </summary>
    static void LimitUnauthenticated(RateLimiterOptions options)
    {
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            if (http.User.Identity?.IsAuthenticated == true || http.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
                return RateLimitPartition.GetNoLimiter("");
            var limits = http.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value;
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetTokenBucketLimiter("anonymous:" + address,
                _ => Bucket(limits.UnauthenticatedPerSecond, limits.UnauthenticatedBurst));
        });
        options.OnRejected = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            RequestRejections.Count(http, "rate-limited");
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            var authenticated = http.User.Identity?.IsAuthenticated == true;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = authenticated ? "Too many requests for this API key" : "Too many requests without a valid API key",
                    Detail = authenticated
                        ? "Slow down and retry after the time in Retry-After; batch items into fewer calls or use /api/v1/import."
                        : "Send a valid key in Authorization: Bearer <key>; retry after the time in Retry-After.",
                },
            });
        };
    }

    static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
