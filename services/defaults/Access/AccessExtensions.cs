using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitoring.ServiceDefaults.Audit;
using Monitoring.ServiceDefaults.Configuration;
using Monitoring.ServiceDefaults.Telemetry;

namespace Monitoring.ServiceDefaults.Access;

public static class AccessExtensions
{
    /// <summary>
    /// Bearer API keys with the roles of API.md. Every endpoint needs a valid key unless it says
    /// <c>AllowAnonymous</c> (health, metrics, the OpenAPI document): forgetting a policy fails closed.
    /// Failed authentications are limited per client address (<see cref="AuthenticationFailures"/>), and unknown keys
    /// are remembered for a short time (<see cref="ApiKeyStore"/>), so neither guessing nor a flood of bad keys reaches
    /// the database at the rate it is sent. Operators' and centers' state-changing calls go to the audit trail
    /// (<see cref="AuditTrail"/>).
    /// </summary>
    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateAnnotations().ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddMetrics<AccessMetrics>();
        builder.Services.AddSingleton<AuthenticationFailures>();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddMetrics<AuditMetrics>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AccessPolicies.Platform, p => p.RequireRole("platform", "operator"))
            .AddPolicy(AccessPolicies.Center, p => p.RequireRole("center", "operator"))
            .AddPolicy(AccessPolicies.Operator, p => p.RequireRole("operator"))
            .AddPolicy(AccessPolicies.AnyKey, p => p.RequireAuthenticatedUser());
        builder.Services.AddRateLimiter(options => options.OnRejected = (context, _) =>
            TooManyRequests.WriteAsync(context.HttpContext, "rate-limited",
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1),
                "Too many requests for this API key",
                "Slow down and retry after the time in Retry-After; batch items into fewer calls or use /api/v1/import."));
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

    static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
