using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Monitoring.ServiceDefaults.Access;

public static class AccessExtensions
{
    /// <summary>
    /// Bearer API keys with the roles of API.md. Every endpoint needs a valid key unless it says
    /// <c>AllowAnonymous</c> (health, metrics, the OpenAPI document): forgetting a policy fails closed.
    /// </summary>
    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
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
        return builder;
    }
}
